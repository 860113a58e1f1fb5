#include "core/review/Ledger.h"

#include "core/playbook/WordDiff.h"
#include "core/review/Gate.h"
#include "core/review/Identity.h"
#include "core/review/LedgerSupport.h"
#include "core/review/PolicyChange.h"
#include "core/review/RuleLookup.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/Workspace.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

namespace reverie::review {

using detail::applyProposal;
using detail::assess;
using detail::countApprovals;
using detail::currentWording;
using detail::rebaseConflicts;
using detail::requireName;
using detail::requireServerIdentity;

namespace {

QString stakesDetail(Stakes stakes)
{
    return QStringLiteral("{\"stakes\":\"%1\"}").arg(stakesName(stakes));
}

} // namespace

DecisionResult Ledger::approve(qint64 proposalId, const QString &reviewer, const QString &reason)
{
    return decide(proposalId, reviewer, reason, nullptr);
}

DecisionResult Ledger::edit(qint64 proposalId, const QString &reviewer, const QString &text, const QString &reason)
{
    if (text.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("the edited rule text is empty"));
    return decide(proposalId, reviewer, reason, &text);
}

DecisionResult Ledger::applyAutomatically(qint64 proposalId, const QString &reason)
{
    return decide(proposalId, QStringLiteral("auto-apply"), reason, nullptr, true);
}

ApprovalState Ledger::approvalState(qint64 proposalId)
{
    ApprovalState state;
    store::ProposalStore proposals(m_ws);
    const auto p = proposals.get(proposalId);
    if (!p)
        return state;
    store::PlaybookHistory history(m_ws);
    store::ReviewLog log(m_ws);
    const PolicySettings policy = Policy(m_ws).load();
    const PlaybookVersion current = history.current();
    try {
        state.reasons = assess(m_ws, *p, policy, current, history);
    } catch (const reverie::Error &) {
        state.reasons = {};   // a revert that can no longer apply: the decision will say why
    }
    state.stakes = state.reasons.isEmpty() && p->stakes == Stakes::Low ? Stakes::Low : Stakes::High;
    state.approvalsNeeded = state.stakes == Stakes::High ? policy.approvalsNeeded : 1;
    const auto reviews = log.forProposal(proposalId);
    const QString text = currentWording(*p, reviews);
    countApprovals(*p, reviews, subjectHash(*p, text, state.stakes), text, &state.approvers, &state.staleApprovers);
    return state;
}

std::vector<Rule> Ledger::rulesAfter(const Proposal &p)
{
    store::PlaybookHistory history(m_ws);
    const PlaybookVersion current = history.current();
    switch (p.op) {
    case ProposalOp::Rollback: {
        const auto target = history.version(int(p.targetRef));
        if (!target)
            throw LedgerRefusal(QStringLiteral("no playbook version %1").arg(p.targetRef));
        return target->rules;
    }
    case ProposalOp::Revert:
        return detail::revertedRules(m_ws, p.targetRef, current);
    case ProposalOp::Policy:
        return current.rules;
    case ProposalOp::Add:
    case ProposalOp::Edit:
    case ProposalOp::Remove:
    case ProposalOp::Merge:
        break;
    }
    QString successor;
    return applyProposal(current.rules, p, p.text, history, p.stakes, &successor);
}

DecisionResult Ledger::decide(qint64 proposalId, const QString &reviewer, const QString &reason,
                              const QString *editedText, bool automatic)
{
    requireName(reviewer);
    requireServerIdentity(m_ws, automatic ? QString() : reviewer, true);
    DecisionResult result;
    result.proposal = proposalId;
    bool changedRules = false;
    {
        // Everything the decision depends on is read inside its write transaction.
        sql::Transaction tx(m_ws.db());
        store::ProposalStore proposals(m_ws);
        store::PlaybookHistory history(m_ws);
        store::ReviewLog log(m_ws);
        const auto found = proposals.get(proposalId);
        if (!found)
            throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
        const Proposal &p = *found;
        if (p.status != ProposalStatus::Pending && p.status != ProposalStatus::NeedsRebase)
            throw LedgerRefusal(
                detail::notPendingReason(m_ws, p));
        if (editedText && !changesRulesDirectly(p.op))
            throw LedgerRefusal(QStringLiteral("proposal %1 is a %2 request: it has no wording to edit")
                                    .arg(proposalId).arg(proposalOpName(p.op)));
        if (samePerson(p.author, reviewer))
            throw LedgerRefusal(QStringLiteral("%1 wrote proposal %2; someone else must approve it").arg(reviewer).arg(proposalId));

        const PolicySettings policy = Policy(m_ws).load();
        const PlaybookVersion current = history.current();
        const QStringList reasons = assess(m_ws, p, policy, current, history);
        const Stakes stakes = reasons.isEmpty() ? Stakes::Low : Stakes::High;
        const bool high = stakes == Stakes::High;
        if (high && automatic)
            throw LedgerRefusal(QStringLiteral("proposal %1 is high-stakes (%2): it waits for named reviewers")
                                    .arg(proposalId).arg(reasons.join(QLatin1String(", "))));
        if (automatic)
            detail::requireEvidenceForAutoApply(p, policy);
        if (high && p.stakes != Stakes::High)
            proposals.setStakes(proposalId, Stakes::High);   // so that every view shows it
        if (high && reason.trimmed().isEmpty())
            throw LedgerRefusal(QStringLiteral("proposal %1 is high-stakes (%2): give a reason (--reason)")
                                    .arg(proposalId).arg(reasons.join(QLatin1String(", "))));
        if (high)
            detail::requireSignatureIfNeeded(m_signingKey, policy, proposalId);

        const std::vector<Review> reviews = log.forProposal(proposalId);
        const QString text = editedText ? *editedText : currentWording(p, reviews);
        const QString subject = subjectHash(p, text, stakes);
        QStringList approvers;
        countApprovals(p, reviews, subject, text, &approvers, &result.staleApprovers);
        for (const QString &a : approvers) {
            if (samePerson(a, reviewer))
                throw LedgerRefusal(QStringLiteral("%1 has already approved proposal %2; another reviewer must")
                                        .arg(reviewer).arg(proposalId));
        }
        approvers << reviewer;
        result.approvers = approvers;
        result.approvalsNeeded = high ? policy.approvalsNeeded : 1;

        Review review;
        review.proposalId = proposalId;
        review.reviewer = reviewer;
        review.decision = editedText ? QStringLiteral("edit") : QStringLiteral("approve");
        review.comment = reason;
        review.subject = subject;
        review.detail = stakesDetail(stakes);
        if (editedText)
            review.editedText = *editedText;
        const store::ReviewLog::Signer signer = detail::makeSigner(m_signingKey, reviewer, policy);

        if (approvers.size() < result.approvalsNeeded) {
            log.append(review, signer);
            tx.commit();
            result.outcome = DecisionResult::Outcome::AwaitingApprovals;
            result.message = QStringLiteral("proposal %1 has %2 of %3 approvals%4; it stays pending")
                                 .arg(proposalId)
                                 .arg(approvers.size())
                                 .arg(result.approvalsNeeded)
                                 .arg(result.staleApprovers.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" on this wording (%1 approved an earlier one)")
                                                .arg(result.staleApprovers.join(QLatin1String(", "))));
            return result;
        }

        result.conflicts = rebaseConflicts(p, history, current);
        if (!result.conflicts.empty()) {
            proposals.setStatus(proposalId, ProposalStatus::NeedsRebase);
            proposals.setConflicts(proposalId, result.conflicts);
            tx.commit();
            result.outcome = DecisionResult::Outcome::NeedsRebase;
            result.message = QStringLiteral("proposal %1 needs a rebase: %2")
                                 .arg(proposalId).arg(result.conflicts.front().detail);
            return result;
        }

        PlaybookVersion next;
        next.author = reviewer;
        next.reason = reason.isEmpty() ? p.rationale : reason;
        next.proposalId = proposalId;
        QString successor;
        switch (p.op) {
        case ProposalOp::Policy: {
            const PolicySettings before = policy;
            const PolicySettings after = PolicyChange::fromJson(p.payload).applyTo(before);
            Policy(m_ws).save(after);
            detail::followTargets(m_ws, before, after);
            log.append(review, signer);
            Review change;
            change.proposalId = proposalId;
            change.reviewer = reviewer;
            change.decision = QStringLiteral("policy");
            change.comment = QStringLiteral("request %1 approved by %2: %3")
                                 .arg(proposalId)
                                 .arg(approvers.join(QLatin1String(", ")), p.rationale);
            change.editedText = describeChange(before, after);
            change.detail = QString::fromUtf8(changeDetailJson(before, after));
            log.append(change, signer);
            proposals.setStatus(proposalId, ProposalStatus::Approved);
            tx.commit();
            result.outcome = DecisionResult::Outcome::Applied;
            result.message = QStringLiteral("policy changed: %1").arg(describeChange(before, after));
            finishPublishing(result);
            return result;
        }
        case ProposalOp::Rollback: {
            next.rules = history.version(int(p.targetRef))->rules;
            next.change = QStringLiteral("rollback");
            break;
        }
        case ProposalOp::Revert:
            next.rules = detail::revertedRules(m_ws, p.targetRef, current);
            next.change = QStringLiteral("revert");
            next.proposalId = p.targetRef;
            break;
        case ProposalOp::Add:
        case ProposalOp::Edit:
        case ProposalOp::Remove:
        case ProposalOp::Merge:
            next.rules = applyProposal(current.rules, p, text, history, stakes, &successor);
            next.change = editedText ? QStringLiteral("edit") : QStringLiteral("approve");
            break;
        }
        result.version = history.append(next, successor);
        Publisher(m_ws).enqueueAll(result.version);   // committed with the decision, written after it
        review.producedVersion = result.version;
        log.append(review, signer);
        proposals.setStatus(proposalId, ProposalStatus::Approved);
        if (p.op == ProposalOp::Revert)
            proposals.setStatus(p.targetRef, ProposalStatus::Reverted);
        tx.commit();
        changedRules = true;
    }
    result.outcome = DecisionResult::Outcome::Applied;
    result.message = QStringLiteral("proposal %1 applied as playbook version %2").arg(proposalId).arg(result.version);
    if (changedRules)
        finishPublishing(result);
    return result;
}

DecisionResult Ledger::reject(qint64 proposalId, const QString &reviewer, const QString &reason)
{
    requireName(reviewer);
    requireServerIdentity(m_ws, reviewer, true);
    if (reason.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a rejection needs a reason (--reason)"));
    sql::Transaction tx(m_ws.db());
    store::ProposalStore proposals(m_ws);
    const auto p = proposals.get(proposalId);
    if (!p)
        throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
    if (p->status != ProposalStatus::Pending && p->status != ProposalStatus::NeedsRebase)
        throw LedgerRefusal(detail::notPendingReason(m_ws, *p));
    const PolicySettings policy = Policy(m_ws).load();
    Review review;
    review.proposalId = proposalId;
    review.reviewer = reviewer;
    review.decision = QStringLiteral("reject");
    review.comment = reason;
    store::ReviewLog(m_ws).append(review, detail::makeSigner(m_signingKey, reviewer, policy));
    proposals.setStatus(proposalId, ProposalStatus::Rejected);
    tx.commit();
    DecisionResult result;
    result.proposal = proposalId;
    result.outcome = DecisionResult::Outcome::Rejected;
    result.message = QStringLiteral("proposal %1 rejected").arg(proposalId);
    return result;
}

qint64 Ledger::proposeManual(Proposal &p, const QString &author)
{
    requireName(author, "a proposal");
    requireServerIdentity(m_ws, author, false);
    if (!changesRulesDirectly(p.op))
        throw LedgerRefusal(QStringLiteral("a proposal adds, edits, removes or merges rules; use rollback, revert "
                                           "or policy for the rest"));
    if (p.op != ProposalOp::Remove && p.text.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a proposal needs the rule's text"));
    sql::Transaction tx(m_ws.db());
    store::PlaybookHistory history(m_ws);
    const PlaybookVersion current = history.current();
    for (const QString &id : p.targetRules) {
        if (!findRule(current.rules, id))
            throw LedgerRefusal(QStringLiteral("rule %1 is not in the playbook").arg(id));
    }
    p.dreamRunId = 0;
    p.author = author;
    p.status = ProposalStatus::Pending;
    p.baseVersion = current.number;
    p.stakes = assess(m_ws, p, Policy(m_ws).load(), current, history).isEmpty() ? Stakes::Low : Stakes::High;
    p.kind = QStringLiteral("manual");
    const qint64 id = store::ProposalStore(m_ws).insert(p);
    tx.commit();
    return id;
}

int Ledger::importPlaybook(std::vector<Rule> rules, const QString &author, const QString &source)
{
    requireName(author, "an import");
    requireServerIdentity(m_ws, author, true);
    sql::Transaction tx(m_ws.db());
    store::PlaybookHistory history(m_ws);
    if (const int n = history.currentNumber(); n > 0)
        throw LedgerRefusal(QStringLiteral("the playbook already has %1 version(s); import only starts a new one").arg(n));
    // Ids are unique; rules without one (or repeating one) get the next free ids, counted
    // here once rather than asked of the workspace per rule.
    QSet<QString> taken;
    qint64 highest = history.highestRuleNumber();
    for (const Rule &r : rules) {
        taken.insert(r.id);
        bool ok = false;
        const qint64 n = r.id.startsWith(QLatin1Char('R')) && r.id.size() <= 19 ? r.id.mid(1).toLongLong(&ok) : 0;
        if (ok && n > highest)
            highest = n;
    }
    PlaybookVersion v;
    QSet<QString> used;
    for (Rule &r : rules) {
        if (r.id.isEmpty() || used.contains(r.id)) {
            do {
                r.id = store::PlaybookHistory::ruleIdAfter(highest++);
            } while (taken.contains(r.id));
        }
        used.insert(r.id);
        r.origin = QStringLiteral("import");
        v.rules.push_back(r);
    }
    v.author = author;
    v.reason = QStringLiteral("imported from %1").arg(source);
    v.change = QStringLiteral("import");
    const int number = history.append(v);
    Publisher(m_ws).enqueueAll(number);
    tx.commit();
    Publisher(m_ws).publishPending();   // a failure waits in the outbox; the import stands
    return number;
}

PublishReport Ledger::publish()
{
    return Publisher(m_ws).publishAll();
}

void Ledger::finishPublishing(DecisionResult &result)
{
    const PublishReport report = Publisher(m_ws).publishPending();
    result.published = report.written();
    result.publishFailure = report.failureSummary();
    if (!result.publishFailure.isEmpty())
        result.message += QStringLiteral("; ") + result.publishFailure;
}

} // namespace reverie::review
