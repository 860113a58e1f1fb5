#include "core/dream/Curator.h"

#include "core/dream/RuleText.h"

#include <algorithm>
#include <set>

namespace reverie::dream {

namespace {

// Near-duplicates: this share of content words in common, same polarity.
constexpr double kSameRule = 0.8;

bool containsAll(const QStringList &outer, const QStringList &inner)
{
    return std::all_of(inner.begin(), inner.end(), [&](const QString &s) { return outer.contains(s); });
}

// a covers b: a applies everywhere b does.
bool scopeCovers(const Scope &a, const Scope &b)
{
    const bool workflows = a.workflows.isEmpty() || (!b.workflows.isEmpty() && containsAll(a.workflows, b.workflows));
    const bool tools = a.tools.isEmpty() || (!b.tools.isEmpty() && containsAll(a.tools, b.tools));
    const bool models = a.models.isEmpty() || (!b.models.isEmpty() && containsAll(a.models, b.models));
    return workflows && tools && models;
}

bool sameWorkflows(const Scope &a, const Scope &b)
{
    QStringList x = a.workflows, y = b.workflows;
    x.sort();
    y.sort();
    return x == y;
}

void mergeEvidence(Proposal &into, const Proposal &from)
{
    std::set<std::pair<qint64, qint64>> have;
    for (const Evidence &e : into.evidence)
        have.emplace(e.trajectoryId, e.stepId);
    for (const Evidence &e : from.evidence) {
        if (have.emplace(e.trajectoryId, e.stepId).second)
            into.evidence.push_back(e);
    }
}

bool stronger(const Proposal &a, const Proposal &b)
{
    if (a.support != b.support)
        return a.support > b.support;
    if (a.confidence != b.confidence)
        return a.confidence > b.confidence;
    return a.text < b.text;
}

} // namespace

bool scopesOverlap(const Scope &a, const Scope &b)
{
    const auto share = [](const QStringList &x, const QStringList &y) {
        return x.isEmpty() || y.isEmpty() || std::any_of(x.begin(), x.end(), [&](const QString &s) { return y.contains(s); });
    };
    // Rules for different models never meet, even in the same workflow.
    return share(a.workflows, b.workflows) && share(a.models, b.models);
}

Curator::Curator(const PlaybookVersion &playbook, const review::PolicySettings &policy, const FeatureSet &set,
                 QString author)
    : m_playbook(playbook), m_policy(policy), m_set(set), m_author(std::move(author))
{
}

std::vector<Proposal> Curator::dedupe(std::vector<Proposal> candidates, CuratorReport &report) const
{
    // Strongest first, so an equivalent weaker candidate folds into the stronger one.
    std::stable_sort(candidates.begin(), candidates.end(), stronger);
    std::vector<Proposal> kept;
    std::vector<RuleGist> gists;
    for (Proposal &p : candidates) {
        const RuleGist g = ruleGist(p.text);
        bool folded = false;
        for (std::size_t i = 0; i < kept.size() && !folded; ++i) {
            if (kept[i].op != p.op || kept[i].targetRules != p.targetRules || gists[i].negated != g.negated
                || !sameWorkflows(kept[i].scope, p.scope))
                continue;
            if (gists[i].core == g.core || similarity(gists[i], g) >= kSameRule) {
                mergeEvidence(kept[i], p);
                kept[i].rationale += QStringLiteral(" Also found as: \"%1\"").arg(p.text);
                folded = true;
            }
        }
        if (folded) {
            ++report.mergedInPass;
            continue;
        }
        gists.push_back(g);
        kept.push_back(std::move(p));
    }
    return kept;
}

bool Curator::alreadyInPlaybook(const Proposal &p) const
{
    if (p.op != ProposalOp::Add)
        return false;
    const RuleGist g = ruleGist(p.text);
    for (const Rule &r : m_playbook.rules) {
        const RuleGist rg = ruleGist(r.text);
        if (rg.negated == g.negated && rg.core == g.core && scopeCovers(r.scope, p.scope))
            return true;
    }
    return false;
}

bool Curator::alreadyProposed(const Proposal &p) const
{
    const RuleGist g = ruleGist(p.text);
    return std::any_of(m_earlier.begin(), m_earlier.end(), [&](const Proposal &e) {
        if (e.op != p.op || e.targetRules != p.targetRules || !sameWorkflows(e.scope, p.scope))
            return false;
        const RuleGist eg = ruleGist(e.text);
        return eg.negated == g.negated && eg.core == g.core;
    });
}

void Curator::attachConflicts(Proposal &p) const
{
    if (p.op == ProposalOp::Remove)
        return;
    const RuleGist g = ruleGist(p.text);
    for (const Rule &r : m_playbook.rules) {
        if (p.targetRules.contains(r.id) || !scopesOverlap(p.scope, r.scope))
            continue;
        const RuleGist rg = ruleGist(r.text);
        const bool sameCore = rg.core == g.core;
        const double sim = similarity(g, rg);
        if ((sameCore || sim >= kSameRule) && rg.negated != g.negated) {
            p.conflicts.push_back({QStringLiteral("contradicts"), r.id,
                                   QStringLiteral("%1 says \"%2\"").arg(r.id, r.text)});
        } else if (sameCore && !(p.scope == r.scope) && scopeCovers(p.scope, r.scope)) {
            p.conflicts.push_back({QStringLiteral("subsumes"), r.id,
                                   QStringLiteral("widens %1 (\"%2\") to a larger scope").arg(r.id, r.text)});
        } else if (sameCore && scopeCovers(r.scope, p.scope)) {
            p.conflicts.push_back({QStringLiteral("subsumes"), r.id,
                                   QStringLiteral("%1 already covers this in a wider scope: \"%2\"").arg(r.id, r.text)});
        } else if (sameCore || sim >= kSameRule) {
            p.conflicts.push_back({QStringLiteral("duplicate"), r.id,
                                   QStringLiteral("%1 says nearly the same: \"%2\"").arg(r.id, r.text)});
        }
    }
}

std::vector<Proposal> Curator::curate(std::vector<Proposal> candidates, CuratorReport *reportOut) const
{
    CuratorReport report;
    std::vector<Proposal> pending;
    for (Proposal &p : dedupe(std::move(candidates), report)) {
        if (alreadyInPlaybook(p)) {
            ++report.alreadyInPlaybook;
            continue;
        }
        if (alreadyProposed(p)) {
            ++report.alreadyProposed;
            continue;
        }
        pending.push_back(std::move(p));
    }
    for (Proposal &p : staleRemovals(pending)) {
        if (alreadyProposed(p)) {
            ++report.alreadyProposed;
            continue;
        }
        ++report.staleRules;
        pending.push_back(std::move(p));
    }
    for (Proposal &p : budgetMerges(pending, report)) {
        if (alreadyProposed(p)) {
            ++report.alreadyProposed;
            --report.budgetMerges;
            continue;
        }
        pending.push_back(std::move(p));
    }
    for (Proposal &p : pending) {
        attachConflicts(p);
        p.stakes = std::max(p.stakes, m_policy.stakesFor(p.scope));
        // Changing or removing a high-stakes rule is itself high-stakes.
        for (const Rule &r : m_playbook.rules) {
            if (p.targetRules.contains(r.id))
                p.stakes = std::max({p.stakes, r.stakes, m_policy.stakesFor(r.scope)});
        }
        p.baseVersion = m_playbook.number;
        if (p.author.isEmpty())
            p.author = m_author;
    }
    if (reportOut)
        *reportOut = report;
    return pending;
}

} // namespace reverie::dream
