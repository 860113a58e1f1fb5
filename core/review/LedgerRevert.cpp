// Rollback and revert: the two ways back. Both append; neither rewrites history. A way back
// that touches a high-stakes rule passes the same gate as the change it undoes: it becomes a
// request that waits for the policy's approvers.

#include "core/review/Ledger.h"

#include "core/playbook/RuleDiff.h"
#include "core/review/Gate.h"
#include "core/review/Identity.h"
#include "core/review/LedgerSupport.h"
#include "core/review/Publisher.h"
#include "core/review/RuleLookup.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/Workspace.h"

#include <algorithm>

namespace reverie::review {

namespace {

bool sameRule(const Rule *a, const Rule *b)
{
    if (!a || !b)
        return a == b;
    return a->text == b->text && a->scope == b->scope && a->stakes == b->stakes;
}

// The version a proposal's approval produced, from the review log.
int producedVersion(store::ReviewLog &log, qint64 proposalId)
{
    int version = 0;
    for (const Review &r : log.forProposal(proposalId)) {
        if (r.producedVersion && r.decision != QLatin1String("revert"))
            version = r.producedVersion;
    }
    return version;
}

// Appends a version that applies at once (a low-stakes way back) and its review.
int appendWayBack(store::Workspace &ws, PlaybookVersion &next, Review &review, const store::ReviewLog::Signer &signer)
{
    const int version = store::PlaybookHistory(ws).append(next);
    Publisher(ws).enqueueAll(version);
    review.producedVersion = version;
    store::ReviewLog(ws).append(review, signer);
    return version;
}

} // namespace

namespace detail {

std::vector<Rule> revertedRules(store::Workspace &ws, qint64 proposalId, const PlaybookVersion &current)
{
    store::ProposalStore proposals(ws);
    store::PlaybookHistory history(ws);
    store::ReviewLog log(ws);
    const auto p = proposals.get(proposalId);
    if (!p)
        throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
    if (p->status != ProposalStatus::Approved || !changesRulesDirectly(p->op))
        throw LedgerRefusal(QStringLiteral("proposal %1 is %2; only an approved rule change can be reverted")
                                .arg(proposalId).arg(proposalStatusName(p->status)));
    const int produced = producedVersion(log, proposalId);
    const auto after = history.version(produced);
    const auto before = history.version(produced - 1);
    if (!after)
        throw LedgerRefusal(QStringLiteral("proposal %1 produced no playbook version").arg(proposalId));
    const std::vector<Rule> beforeRules = before ? before->rules : std::vector<Rule>{};

    // Every rule the change touched must still be as the change left it; otherwise a later
    // change builds on it and reverting would silently undo that one too.
    std::vector<playbook::RuleChange> touched;
    for (const playbook::RuleChange &c : playbook::diffRules(beforeRules, after->rules)) {
        if (c.kind == playbook::RuleChange::Kind::Unchanged)
            continue;
        const Rule *now = findRule(current.rules, c.ruleId);
        const Rule *then = c.after ? &*c.after : nullptr;
        if (!sameRule(now, then)) {
            int laterVersion = current.number;
            for (int v = produced + 1; v <= current.number; ++v) {
                const auto ver = history.version(v);
                if (!sameRule(ver ? findRule(ver->rules, c.ruleId) : nullptr, then)) {
                    laterVersion = v;
                    break;
                }
            }
            const auto later = history.version(laterVersion);
            throw LedgerRefusal(QStringLiteral("cannot revert proposal %1: version %2%3 changed rule %4 after it; "
                                               "revert that change first")
                                    .arg(proposalId)
                                    .arg(laterVersion)
                                    .arg(later && later->proposalId ? QStringLiteral(" (proposal %1)").arg(later->proposalId)
                                                                    : QString())
                                    .arg(c.ruleId));
        }
        touched.push_back(c);
    }

    std::vector<Rule> rules;
    for (const Rule &r : current.rules) {
        auto it = std::find_if(touched.begin(), touched.end(), [&](const auto &c) { return c.ruleId == r.id; });
        if (it == touched.end())
            rules.push_back(r);
        else if (it->before)
            rules.push_back(*it->before);   // edited: back to its old wording
    }
    // Rules the change removed come back where they stood.
    for (const playbook::RuleChange &c : touched) {
        if (c.before && !c.after) {
            std::size_t at = 0;
            for (std::size_t i = 0; i < beforeRules.size() && beforeRules[i].id != c.ruleId; ++i)
                at = std::min(rules.size(), at + 1);
            rules.insert(rules.begin() + std::ptrdiff_t(std::min(at, rules.size())), *c.before);
        }
    }
    return rules;
}

} // namespace detail

DecisionResult Ledger::rollback(int version, const QString &reviewer, const QString &reason)
{
    detail::requireName(reviewer, "a rollback");
    detail::requireServerIdentity(m_ws, reviewer, true);
    DecisionResult result;
    qint64 joinRequest = 0;
    {
        sql::Transaction tx(m_ws.db());
        store::PlaybookHistory history(m_ws);
        const auto target = history.version(version);
        if (!target)
            throw LedgerRefusal(QStringLiteral("no playbook version %1").arg(version));
        const PlaybookVersion current = history.current();
        if (version == current.number)
            throw LedgerRefusal(QStringLiteral("version %1 is already the current playbook").arg(version));
        const PolicySettings policy = Policy(m_ws).load();
        const QStringList reasons = highStakesReasons(current.rules, target->rules, policy);
        const store::ReviewLog::Signer signer = detail::makeSigner(m_signingKey, reviewer, policy);

        Proposal request;
        request.op = ProposalOp::Rollback;
        request.targetRef = version;
        request.baseVersion = current.number;
        request.text = QStringLiteral("Restore playbook version %1").arg(version);
        if (!reasons.isEmpty()) {
            joinRequest = detail::requestOrJoin(m_ws, request, QStringLiteral("rolling back to version %1").arg(version),
                                                reviewer, reason, reasons, policy.approvalsNeeded, signer, result);
            if (!joinRequest) {
                tx.commit();
                return result;
            }
        } else {
            PlaybookVersion next;
            next.rules = target->rules;
            next.author = reviewer;
            next.reason = reason.isEmpty() ? QStringLiteral("rolled back to version %1").arg(version) : reason;
            next.change = QStringLiteral("rollback");
            Review review;
            review.reviewer = reviewer;
            review.decision = QStringLiteral("rollback");
            review.comment = QStringLiteral("to version %1%2").arg(version).arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
            review.subject = subjectHash(request, request.text, Stakes::Low);
            result.version = appendWayBack(m_ws, next, review, signer);
            tx.commit();
        }
    }
    if (joinRequest)
        return approve(joinRequest, reviewer, reason);
    result.outcome = DecisionResult::Outcome::Applied;
    result.message = QStringLiteral("playbook version %1 restores version %2").arg(result.version).arg(version);
    finishPublishing(result);
    return result;
}

DecisionResult Ledger::revert(qint64 proposalId, const QString &reviewer, const QString &reason)
{
    detail::requireName(reviewer, "a revert");
    detail::requireServerIdentity(m_ws, reviewer, true);
    DecisionResult result;
    qint64 joinRequest = 0;
    {
        sql::Transaction tx(m_ws.db());
        store::ProposalStore proposals(m_ws);
        const PlaybookVersion current = store::PlaybookHistory(m_ws).current();
        const std::vector<Rule> rules = detail::revertedRules(m_ws, proposalId, current);
        const PolicySettings policy = Policy(m_ws).load();
        QStringList reasons = highStakesReasons(current.rules, rules, policy);
        if (proposals.get(proposalId)->stakes == Stakes::High)
            reasons << QStringLiteral("proposal %1 was a high-stakes change").arg(proposalId);
        const store::ReviewLog::Signer signer = detail::makeSigner(m_signingKey, reviewer, policy);

        Proposal request;
        request.op = ProposalOp::Revert;
        request.targetRef = proposalId;
        request.baseVersion = current.number;
        request.text = QStringLiteral("Undo proposal %1").arg(proposalId);
        if (!reasons.isEmpty()) {
            joinRequest = detail::requestOrJoin(m_ws, request, QStringLiteral("reverting proposal %1").arg(proposalId),
                                                reviewer, reason, reasons, policy.approvalsNeeded, signer, result);
            if (!joinRequest) {
                tx.commit();
                return result;
            }
        } else {
            PlaybookVersion next;
            next.rules = rules;
            next.author = reviewer;
            next.reason = reason.isEmpty() ? QStringLiteral("reverted proposal %1").arg(proposalId) : reason;
            next.change = QStringLiteral("revert");
            next.proposalId = proposalId;
            Review review;
            review.proposalId = proposalId;
            review.reviewer = reviewer;
            review.decision = QStringLiteral("revert");
            review.comment = reason;
            review.subject = subjectHash(request, request.text, Stakes::Low);
            result.version = appendWayBack(m_ws, next, review, signer);
            proposals.setStatus(proposalId, ProposalStatus::Reverted);
            tx.commit();
        }
    }
    if (joinRequest)
        return approve(joinRequest, reviewer, reason);
    result.outcome = DecisionResult::Outcome::Applied;
    result.proposal = proposalId;
    result.message = QStringLiteral("proposal %1 reverted in playbook version %2").arg(proposalId).arg(result.version);
    finishPublishing(result);
    return result;
}

} // namespace reverie::review
