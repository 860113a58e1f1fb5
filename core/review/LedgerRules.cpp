// What a decision is about: the rules a proposal would leave, whether its base moved, why it
// is high-stakes, and the approvals that count for the wording it now has.

#include "core/playbook/WordDiff.h"
#include "core/review/Gate.h"
#include "core/review/Identity.h"
#include "core/review/Ledger.h"
#include "core/review/LedgerSupport.h"
#include "core/review/RuleLookup.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QSet>

#include <algorithm>

namespace reverie::review::detail {

namespace {

// The scope a merged rule keeps when the proposal names none: every workflow and tool of the
// rules it merges; a global rule among them keeps the merge global. Models are kept only when
// every merged rule names some: one rule for all models must not narrow to another's models.
Scope mergedScope(const std::vector<Rule> &rules, const QStringList &ids)
{
    Scope out;
    bool everyModel = false;
    for (const QString &id : ids) {
        const Rule *r = findRule(rules, id);
        if (!r)
            continue;
        if (r->scope.isGlobal())
            return Scope{};
        for (const QString &w : r->scope.workflows)
            if (!out.workflows.contains(w))
                out.workflows << w;
        for (const QString &t : r->scope.tools)
            if (!out.tools.contains(t))
                out.tools << t;
        everyModel = everyModel || r->scope.models.isEmpty();
        for (const QString &m : r->scope.models)
            if (!out.models.contains(m))
                out.models << m;
    }
    if (everyModel)
        out.models.clear();
    return out;
}

} // namespace

// The rules after applying `p` (with `text` as the rule's wording) to `current`. An edit keeps
// the rule's scope and stakes unless the proposal names a scope; a merge keeps the scopes of
// the rules it merges and their highest stakes.
std::vector<Rule> applyProposal(const std::vector<Rule> &current, const Proposal &p, const QString &text,
                                store::PlaybookHistory &history, Stakes stakes, QString *successor)
{
    std::vector<Rule> rules = current;
    const QString origin = QStringLiteral("proposal:%1").arg(p.id);
    auto requireTarget = [&](const QString &id) {
        if (!findRule(rules, id))
            throw LedgerRefusal(QStringLiteral("proposal %1 targets rule %2, which is not in the playbook").arg(p.id).arg(id));
    };
    switch (p.op) {
    case ProposalOp::Add:
        rules.push_back(Rule{history.nextRuleId(), text, p.scope, stakes, origin});
        break;
    case ProposalOp::Edit: {
        if (p.targetRules.isEmpty())
            throw LedgerRefusal(QStringLiteral("proposal %1 edits no rule").arg(p.id));
        requireTarget(p.targetRules.first());
        for (Rule &r : rules) {
            if (r.id == p.targetRules.first()) {
                r.text = text;
                if (!p.scope.isGlobal())
                    r.scope = p.scope;
                r.stakes = std::max(r.stakes, stakes);
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
        Stakes merged = stakes;
        for (const QString &id : p.targetRules) {
            requireTarget(id);
            for (std::size_t i = 0; i < rules.size(); ++i) {
                if (rules[i].id == id) {
                    at = std::min(at, i);
                    merged = std::max(merged, rules[i].stakes);
                }
            }
        }
        const Scope scope = p.scope.isGlobal() ? mergedScope(rules, p.targetRules) : p.scope;
        Rule result{history.nextRuleId(), text, scope, merged, origin};
        *successor = result.id;
        std::vector<Rule> out;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (i == at)
                out.push_back(result);
            if (!p.targetRules.contains(rules[i].id))
                out.push_back(rules[i]);
        }
        rules = out;
        break;
    }
    case ProposalOp::Rollback:
    case ProposalOp::Revert:
    case ProposalOp::Policy:
        throw LedgerRefusal(QStringLiteral("proposal %1 does not change rules by itself").arg(p.id));
    }
    return rules;
}

// The target rules of `p` that changed between its base version and now.
std::vector<Conflict> rebaseConflicts(const Proposal &p, store::PlaybookHistory &history, const PlaybookVersion &current)
{
    std::vector<Conflict> conflicts;
    if (p.op == ProposalOp::Rollback && p.baseVersion != current.number) {
        // A rollback's effect is the difference from the playbook its approvers saw.
        conflicts.push_back({QStringLiteral("rebase"), QString(),
                             QStringLiteral("the playbook changed since this rollback was requested (version %1 is "
                                            "current, it was %2); request it again")
                                 .arg(current.number)
                                 .arg(p.baseVersion)});
        return conflicts;
    }
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

// Why a proposal is high-stakes, from the rules it touches (empty: low-stakes).
QStringList assess(store::Workspace &ws, const Proposal &p, const PolicySettings &policy,
                   const PlaybookVersion &current, store::PlaybookHistory &history)
{
    QStringList reasons;
    switch (p.op) {
    case ProposalOp::Rollback: {
        const auto target = history.version(int(p.targetRef));
        if (!target)
            throw LedgerRefusal(QStringLiteral("no playbook version %1").arg(p.targetRef));
        return highStakesReasons(current.rules, target->rules, policy);
    }
    case ProposalOp::Revert: {
        reasons = highStakesReasons(current.rules, detail::revertedRules(ws, p.targetRef, current), policy);
        const auto undone = store::ProposalStore(ws).get(p.targetRef);
        if (undone && undone->stakes == Stakes::High)
            reasons << QStringLiteral("proposal %1 was a high-stakes change").arg(p.targetRef);
        return reasons;
    }
    case ProposalOp::Policy:
        return {QStringLiteral("it loosens the policy")};
    case ProposalOp::Add:
    case ProposalOp::Edit:
    case ProposalOp::Remove:
    case ProposalOp::Merge:
        break;
    }
    if (p.stakes == Stakes::High)
        reasons << QStringLiteral("it is marked high-stakes");
    if (policy.stakesFor(p.scope) == Stakes::High)
        reasons << QStringLiteral("its scope is high-stakes");
    // A target that a later change removed is judged as it stood when the proposal was made.
    std::optional<PlaybookVersion> base;
    for (const QString &id : p.targetRules) {
        const Rule *r = findRule(current.rules, id);
        if (!r) {
            if (!base)
                base = history.version(p.baseVersion);
            r = base ? findRule(base->rules, id) : nullptr;
        }
        if (!r)
            continue;
        if (isHighStakes(*r, policy))
            reasons << QStringLiteral("rule %1 is high-stakes").arg(id);
        else if (p.op == ProposalOp::Edit && !p.scope.isGlobal() && !(p.scope == r->scope))
            reasons << QStringLiteral("it changes the scope of rule %1").arg(id);
    }
    return reasons;
}

// The wording that lands: the latest edit, else the proposal's own.
QString currentWording(const Proposal &p, const std::vector<Review> &reviews)
{
    QString text = p.text;
    for (const Review &r : reviews) {
        if (r.decision == QLatin1String("edit"))
            text = r.editedText;
    }
    return text;
}

// Approvals that count for `subject` (one per person) and those given to something else.
void countApprovals(const Proposal &p, const std::vector<Review> &reviews, const QString &subject,
                    const QString &text, QStringList *approvers, QStringList *stale)
{
    QSet<QString> counted, outdated;
    QString wording = p.text;   // what a review written before subjects existed saw
    for (const Review &r : reviews) {
        if (r.decision == QLatin1String("edit"))
            wording = r.editedText;
        if (r.decision != QLatin1String("approve") && r.decision != QLatin1String("edit"))
            continue;
        const bool current = r.subject.isEmpty() ? wording == text : r.subject == subject;
        const QString key = identityKey(r.reviewer);
        if (current && !counted.contains(key)) {
            counted.insert(key);
            outdated.remove(key);
            *approvers << r.reviewer;
            stale->erase(std::remove_if(stale->begin(), stale->end(),
                                        [&](const QString &n) { return identityKey(n) == key; }),
                         stale->end());
        } else if (!current && !counted.contains(key) && !outdated.contains(key)) {
            outdated.insert(key);
            *stale << r.reviewer;
        }
    }
}

} // namespace reverie::review::detail
