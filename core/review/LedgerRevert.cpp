// Rollback and revert: the two ways back. Both append; neither rewrites history.

#include "core/store/Ledger.h"

#include "core/playbook/RuleDiff.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/RuleLookup.h"
#include "core/store/Workspace.h"

#include <algorithm>

namespace reverie::store {

namespace {

bool sameRule(const Rule *a, const Rule *b)
{
    if (!a || !b)
        return a == b;
    return a->text == b->text && a->scope == b->scope && a->stakes == b->stakes;
}

// The version a proposal's approval produced, from the review log.
int producedVersion(ReviewLog &log, qint64 proposalId)
{
    int version = 0;
    for (const Review &r : log.forProposal(proposalId)) {
        if (r.producedVersion)
            version = r.producedVersion;
    }
    return version;
}

} // namespace

DecisionResult Ledger::rollback(int version, const QString &reviewer, const QString &reason)
{
    if (reviewer.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a rollback needs a named reviewer"));
    DecisionResult result;
    {
        sql::Transaction tx(m_ws.db());
        PlaybookHistory history(m_ws);
        const auto target = history.version(version);
        if (!target)
            throw LedgerRefusal(QStringLiteral("no playbook version %1").arg(version));
        const int current = history.currentNumber();
        if (version == current)
            throw LedgerRefusal(QStringLiteral("version %1 is already the current playbook").arg(version));
        PlaybookVersion next;
        next.rules = target->rules;
        next.author = reviewer;
        next.reason = reason.isEmpty() ? QStringLiteral("rolled back to version %1").arg(version) : reason;
        next.change = QStringLiteral("rollback");
        result.version = history.append(next);

        Review review;
        review.reviewer = reviewer;
        review.decision = QStringLiteral("rollback");
        review.comment = QStringLiteral("to version %1%2").arg(version).arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
        review.producedVersion = result.version;
        ReviewLog(m_ws).append(review);
        tx.commit();
    }
    result.outcome = DecisionResult::Outcome::Applied;
    result.message = QStringLiteral("playbook version %1 restores version %2").arg(result.version).arg(version);
    result.published = publish();
    return result;
}

DecisionResult Ledger::revert(qint64 proposalId, const QString &reviewer, const QString &reason)
{
    if (reviewer.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("a revert needs a named reviewer"));
    DecisionResult result;
    {
        sql::Transaction tx(m_ws.db());
        ProposalStore proposals(m_ws);
        PlaybookHistory history(m_ws);
        ReviewLog log(m_ws);
        const auto p = proposals.get(proposalId);
        if (!p)
            throw LedgerRefusal(QStringLiteral("no proposal %1").arg(proposalId));
        if (p->status != ProposalStatus::Approved)
            throw LedgerRefusal(QStringLiteral("proposal %1 is %2; only an approved change can be reverted")
                                    .arg(proposalId).arg(proposalStatusName(p->status)));
        const int produced = producedVersion(log, proposalId);
        const auto after = history.version(produced);
        const auto before = history.version(produced - 1);
        if (!after)
            throw LedgerRefusal(QStringLiteral("proposal %1 produced no playbook version").arg(proposalId));
        const std::vector<Rule> beforeRules = before ? before->rules : std::vector<Rule>{};
        const PlaybookVersion current = history.current();

        // Every rule the change touched must still be as the change left it; otherwise a
        // later change builds on it and reverting would silently undo that one too.
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
        PlaybookVersion next;
        next.rules = rules;
        next.author = reviewer;
        next.reason = reason.isEmpty() ? QStringLiteral("reverted proposal %1").arg(proposalId) : reason;
        next.change = QStringLiteral("revert");
        next.proposalId = proposalId;
        result.version = history.append(next);

        Review review;
        review.proposalId = proposalId;
        review.reviewer = reviewer;
        review.decision = QStringLiteral("revert");
        review.comment = reason;
        review.producedVersion = result.version;
        log.append(review);
        proposals.setStatus(proposalId, ProposalStatus::Reverted);
        tx.commit();
    }
    result.outcome = DecisionResult::Outcome::Applied;
    result.message = QStringLiteral("proposal %1 reverted in playbook version %2").arg(proposalId).arg(result.version);
    result.published = publish();
    return result;
}

} // namespace reverie::store
