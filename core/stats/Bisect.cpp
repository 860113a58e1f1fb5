#include "core/stats/Bisect.h"

#include "core/stats/VersionLineage.h"

#include <algorithm>

namespace reverie::stats {

BisectResult bisect(const VersionOutcomes &o, double alpha)
{
    const VersionLineage lineage(o.versions);
    BisectResult result;
    for (const VersionNode &k : o.versions) {
        if (!k.parent)
            continue;   // the first version has nothing before it
        const auto after = [&lineage, &k](int v) { return lineage.carries(v, k.number); };
        const auto before = [&after](int v) { return !after(v); };
        BisectSplit split;
        split.version = k.number;
        split.workflows = o.sharedWorkflows(before, after);
        if (split.workflows.isEmpty())
            continue;
        split.comparison = compareRates(o.rate(before, split.workflows), o.rate(after, split.workflows));
        result.splits.push_back(split);
        if (result.splits.size() == 1 || split.comparison.p < result.best.comparison.p)
            result.best = split;
    }
    if (result.splits.empty())
        return result;
    result.adjustedP = std::min(1.0, result.best.comparison.p * double(result.splits.size()));
    result.found = result.adjustedP < alpha;
    if (result.found) {
        const int v = result.best.version;
        result.change = o.version(v)->producedBy;
        result.inCurrent = lineage.carries(o.currentNumber(), v);
        result.undo = undoFor(o, lineage, v);
    }
    return result;
}

} // namespace reverie::stats
