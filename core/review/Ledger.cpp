#include "core/store/Ledger.h"

#include "core/playbook/Render.h"
#include "core/playbook/WordDiff.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/RuleLookup.h"
#include "core/store/Workspace.h"

#include <QDateTime>

#include <algorithm>

namespace reverie::store {

namespace {

// The rules after applying `p` (with `text` as the rule's wording) to `current`.
std::vector<Rule> applyProposal(const std::vector<Rule> &current, const Proposal &p, const QString &text,
                                PlaybookHistory &history, Stakes stakes, QString *successor)
{
    std::vector<Rule> rules = current;
    const QString origin = QStringLiteral("proposal:%1").arg(p.id);
    auto requireTarget = [&](const QString &id) {
        if (!findRule(rules, id))
            throw LedgerRefusal(QStringLiteral("proposal %1 targets rule %2, which is not in the playbook").arg(p.id).arg(id));
    };
    switch (p.op) {
    case ProposalOp::Add: {
        Rule r{history.nextRuleId(), text, p.scope, stakes, origin};
        rules.push_back(r);
        break;
    }
    case ProposalOp::Edit: {
        if (p.targetRules.isEmpty())
            throw LedgerRefusal(QStringLiteral("proposal %1 edits no rule").arg(p.id));
        requireTarget(p.targetRules.first());
        for (Rule &r : rules) {
            if (r.id == p.targetRules.first()) {
                r.text = text;
                r.scope = p.scope;
                r.stakes = stakes;
                r.origin = origin;
            }
        }
        break;
    }
    case ProposalOp::Remove:
        for (const QString &id : p.targetRules)
            requireTarget(id);
        rules.erase(std::remove_if(rules.begin(), rules.end(),
                                   [&](const Rule &r) { return p.targetRules.contains(r.id); }),
                    rules.end());
        break;
    case ProposalOp::Merge: {
        if (p.targetRules.size() < 2)
            throw LedgerRefusal(QStringLiteral("proposal %1 merges fewer than two rules").arg(p.id));
        std::size_t at = rules.size();
        for (const QString &id : p.targetRules) {
            requireTarget(id);
            for (std::size_t i = 0; i < rules.size(); ++i) {
                if (rules[i].id == id)
                    at = std::min(at, i);
            }
        }
        Rule merged{history.nextRuleId(), text, p.scope, stakes, origin};
        *successor = merged.id;
        std::vector<Rule> out;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (i == at)
                out.push_back(merged);
            if (!p.targetRules.contains(rules[i].id))
                out.push_back(rules[i]);
        }
        rules = out;
        break;
    }
    }
    return rules;
}

// The target rules of `p` that changed between its base version and now.
std::vector<Conflict> rebaseConflicts(const Proposal &p, PlaybookHistory &history, const PlaybookVersion &current)
{
    std::vector<Conflict> conflicts;
    if (p.baseVersion >= current.number || p.targetRules.isEmpty())
        return conflicts;
    const auto base = history.version(p.baseVersion);
    const std::vector<Rule> baseRules = base ? base->rules : std::vector<Rule>{};
    for (const QString &id : p.targetRules) {
        const Rule *then = findRule(baseRules, id);
        const Rule *now = findRule(current.rules, id);
        if (then && now && *then == *now)
            continue;
        // Name the version that changed it, so the reviewer can look.
        int changedIn = current.number;
        for (int v = p.baseVersion + 1; v <= current.number; ++v) {
            const auto ver = history.version(v);
            const Rule *r = ver ? findRule(ver->rules, id) : nullptr;
            if (!(then && r && *then == *r)) {
                changedIn = v;
                break;
            }
        }
        QString detail;
        if (!now)
            detail = QStringLiteral("rule %1 was removed in version %2").arg(id).arg(changedIn);
        else if (!then)
            detail = QStringLiteral("rule %1 did not exist in version %2").arg(id).arg(p.baseVersion);
        else
            detail = QStringLiteral("rule %1 changed in version %2: %3")
                         .arg(id)
                         .arg(changedIn)
                         .arg(playbook::inlineDiff(playbook::diffWords(then->text, now->text)));
        conflicts.push_back({QStringLiteral("rebase"), id, detail});
    }
    return conflicts;
}

void requireName(const QString &reviewer)
{
    if (reviewer.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a decision needs a named reviewer"));
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

DecisionResult Ledger::decide(qint64 proposalId, const QString &reviewer, const QString &reason,
                              const QString *editedText)
{
    requireName(reviewer);
    DecisionResult result;
    {
        sql::Transaction tx(m_ws.db());
        ProposalStore proposals(m_ws);
        PlaybookHistory history(m_ws);
        ReviewLog log(m_ws);
        const auto found = proposals.get(proposalId);
        if (!found)
            throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
        const Proposal &p = *found;
        if (p.status != ProposalStatus::Pending && p.status != ProposalStatus::NeedsRebase)
            throw LedgerRefusal(
                QStringLiteral("proposal %1 is %2, not pending").arg(proposalId).arg(proposalStatusName(p.status)));

        const PolicySettings policy = Policy(m_ws).load();
        const Stakes stakes = p.stakes == Stakes::High ? Stakes::High : policy.stakesFor(p.scope);
        const bool high = stakes == Stakes::High;
        if (p.dreamRunId == 0 && p.author == reviewer)
            throw LedgerRefusal(QStringLiteral("%1 wrote proposal %2; someone else must approve it").arg(reviewer).arg(proposalId));
        if (high && reason.trimmed().isEmpty())
            throw LedgerRefusal(QStringLiteral("proposal %1 is high-stakes: give a reason (--reason)").arg(proposalId));
        QStringList approvers = log.approvers(proposalId);
        if (approvers.contains(reviewer))
            throw LedgerRefusal(QStringLiteral("%1 has already approved proposal %2; another reviewer must").arg(reviewer).arg(proposalId));
        approvers << reviewer;
        result.approvers = approvers;
        result.approvalsNeeded = high ? policy.approvalsNeeded : 1;

        Review review;
        review.proposalId = proposalId;
        review.reviewer = reviewer;
        review.decision = editedText ? QStringLiteral("edit") : QStringLiteral("approve");
        review.comment = reason;
        if (editedText)
            review.editedText = *editedText;

        if (approvers.size() < result.approvalsNeeded) {
            log.append(review);
            tx.commit();
            result.outcome = DecisionResult::Outcome::AwaitingApprovals;
            result.message = QStringLiteral("proposal %1 has %2 of %3 approvals; it stays pending")
                                 .arg(proposalId).arg(approvers.size()).arg(result.approvalsNeeded);
            return result;
        }

        const PlaybookVersion current = history.current();
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

        // The wording that lands: the latest edit among the approvals, else the proposal's.
        QString text = p.text;
        for (const Review &r : log.forProposal(proposalId)) {
            if (r.decision == QLatin1String("edit"))
                text = r.editedText;
        }
        if (editedText)
            text = *editedText;

        QString successor;
        PlaybookVersion next;
        next.rules = applyProposal(current.rules, p, text, history, stakes, &successor);
        next.author = reviewer;
        next.reason = reason.isEmpty() ? p.rationale : reason;
        next.change = editedText ? QStringLiteral("edit") : QStringLiteral("approve");
        next.proposalId = proposalId;
        result.version = history.append(next, successor);
        review.producedVersion = result.version;
        log.append(review);
        proposals.setStatus(proposalId, ProposalStatus::Approved);
        tx.commit();
    }
    result.outcome = DecisionResult::Outcome::Applied;
    result.message = QStringLiteral("proposal %1 applied as playbook version %2").arg(proposalId).arg(result.version);
    result.published = publish();
    return result;
}

DecisionResult Ledger::reject(qint64 proposalId, const QString &reviewer, const QString &reason)
{
    requireName(reviewer);
    if (reason.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a rejection needs a reason (--reason)"));
    sql::Transaction tx(m_ws.db());
    ProposalStore proposals(m_ws);
    const auto p = proposals.get(proposalId);
    if (!p)
        throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
    if (p->status != ProposalStatus::Pending && p->status != ProposalStatus::NeedsRebase)
        throw LedgerRefusal(QStringLiteral("proposal %1 is %2, not pending").arg(proposalId).arg(proposalStatusName(p->status)));
    Review review;
    review.proposalId = proposalId;
    review.reviewer = reviewer;
    review.decision = QStringLiteral("reject");
    review.comment = reason;
    ReviewLog(m_ws).append(review);
    proposals.setStatus(proposalId, ProposalStatus::Rejected);
    tx.commit();
    DecisionResult result;
    result.outcome = DecisionResult::Outcome::Rejected;
    result.message = QStringLiteral("proposal %1 rejected").arg(proposalId);
    return result;
}

qint64 Ledger::proposeManual(Proposal &p, const QString &author)
{
    requireName(author);
    if (p.op != ProposalOp::Remove && p.text.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a proposal needs the rule's text"));
    sql::Transaction tx(m_ws.db());
    p.dreamRunId = 0;
    p.author = author;
    p.status = ProposalStatus::Pending;
    p.baseVersion = PlaybookHistory(m_ws).currentNumber();
    p.stakes = Policy(m_ws).load().stakesFor(p.scope) == Stakes::High ? Stakes::High : p.stakes;
    p.kind = QStringLiteral("manual");
    const qint64 id = ProposalStore(m_ws).insert(p);
    tx.commit();
    return id;
}

int Ledger::importPlaybook(std::vector<Rule> rules, const QString &author, const QString &source)
{
    requireName(author);
    sql::Transaction tx(m_ws.db());
    PlaybookHistory history(m_ws);
    if (const int n = history.currentNumber(); n > 0)
        throw LedgerRefusal(QStringLiteral("the playbook already has %1 version(s); import only starts a new one").arg(n));
    PlaybookVersion v;
    for (Rule &r : rules) {
        if (r.id.isEmpty() || findRule(v.rules, r.id)) {
            // Ids must be unique; the history assigns them in order.
            sql::Statement reserve(m_ws.db(), "INSERT INTO rules (id, created_version, origin) VALUES (?, 1, 'import')");
            r.id = history.nextRuleId();
            reserve.bind(1, r.id);
            reserve.run();
        }
        r.origin = QStringLiteral("import");
        v.rules.push_back(r);
    }
    v.author = author;
    v.reason = QStringLiteral("imported from %1").arg(source);
    v.change = QStringLiteral("import");
    const int number = history.append(v);
    tx.commit();
    publish();
    return number;
}

QStringList Ledger::publish()
{
    const PolicySettings policy = Policy(m_ws).load();
    if (policy.publishTargets.isEmpty())
        return {};
    const PlaybookVersion current = PlaybookHistory(m_ws).current();
    QStringList written;
    for (const QString &target : policy.publishTargets) {
        const QByteArray bytes = playbook::targetWantsJson(target) ? playbook::renderJson(current)
                                                                   : playbook::renderMarkdown(current.rules);
        playbook::publishAtomically(target, bytes);
        written << target;
    }
    sql::Statement mark(m_ws.db(), "INSERT INTO policy (key, value) VALUES (?, ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    mark.bind(1, QStringLiteral("last_published")).bind(2, QStringLiteral("%1 %2").arg(current.number).arg(QDateTime::currentMSecsSinceEpoch()));
    mark.run();
    return written;
}

} // namespace reverie::store
