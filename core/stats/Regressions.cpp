#include "core/stats/Regressions.h"

#include "core/stats/VersionLineage.h"

#include <algorithm>

namespace reverie::stats {

namespace {

bool isRuleChange(const QString &op)
{
    return op == QLatin1String("add") || op == QLatin1String("edit") || op == QLatin1String("remove")
        || op == QLatin1String("merge");
}

} // namespace

RateComparison compareRates(const Rate &before, const Rate &after, const QString &key)
{
    RateComparison c;
    c.key = key;
    c.before = before;
    c.after = after;
    c.p = fisherOneSided(before.k, before.n - before.k, after.k, after.n - after.k);
    return c;
}

Undo undoFor(const VersionOutcomes &o, const VersionLineage &lineage, int version)
{
    Undo undo;
    const VersionNode *v = o.version(version);
    if (!v || !v->parent || !lineage.carries(o.currentNumber(), version))
        return undo;   // the first version, or already rolled back or reverted
    const VersionChange &c = v->producedBy;
    const bool approved = v->change == QLatin1String("approve") || v->change == QLatin1String("edit");
    if (approved && v->proposalId && c.proposalId == v->proposalId && isRuleChange(c.proposalOp)
        && c.proposalStatus == QLatin1String("approved")) {
        undo.kind = Undo::Kind::Revert;
        undo.proposal = v->proposalId;
    } else if (version == o.currentNumber()) {
        // A rollback, a revert or a manual version: the ledger cannot revert those, but while
        // nothing came after, restoring the parent's rules takes out exactly this change.
        undo.kind = Undo::Kind::Rollback;
        undo.version = v->parent;
    }
    return undo;
}

std::vector<Regression> compareWithParents(const VersionOutcomes &o, double alpha)
{
    const VersionLineage lineage(o.versions);
    // Each comparison reads two versions' cells only, not the whole workspace's.
    QHash<int, std::vector<OutcomeCell>> cellsOf;
    for (const OutcomeCell &c : o.cells)
        cellsOf[c.version].push_back(c);
    std::vector<Regression> out;
    for (const VersionNode &v : o.versions) {
        if (!v.parent || !o.version(v.parent))
            continue;
        VersionOutcomes pair;
        pair.cells = cellsOf.value(v.parent);
        const std::vector<OutcomeCell> mine = cellsOf.value(v.number);
        pair.cells.insert(pair.cells.end(), mine.begin(), mine.end());
        const auto before = [&v](int n) { return n == v.parent; };
        const auto after = [&v](int n) { return n == v.number; };
        const QStringList workflows = pair.sharedWorkflows(before, after);
        if (workflows.isEmpty())
            continue;
        Regression r;
        r.version = v.number;
        r.parent = v.parent;
        r.total = compareRates(pair.rate(before, workflows), pair.rate(after, workflows));
        r.flagged = r.total.p < alpha;
        r.workflows = workflows;
        for (const QString &w : workflows)
            r.byWorkflow.push_back(compareRates(pair.rate(before, {w}), pair.rate(after, {w}), w));
        for (const QString &m : pair.modelsOn(workflows, before, after))
            r.byModel.push_back(compareRates(pair.rate(before, workflows, &m), pair.rate(after, workflows, &m), m));
        r.change = v.producedBy;
        r.inCurrent = lineage.carries(o.currentNumber(), v.number);
        r.undo = undoFor(o, lineage, v.number);
        out.push_back(r);
    }
    return out;
}

std::vector<Regression> findRegressions(const VersionOutcomes &o, double alpha)
{
    std::vector<Regression> all = compareWithParents(o, alpha);
    all.erase(std::remove_if(all.begin(), all.end(), [](const Regression &r) { return !r.flagged; }), all.end());
    return all;
}

} // namespace reverie::stats
