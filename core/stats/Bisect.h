#pragma once

#include "core/stats/Regressions.h"

#include <vector>

namespace reverie::stats {

// One way to split the runs: under versions that carry the change that produced `version`
// (after) against under versions that do not (before), on the workflows both sides ran.
struct BisectSplit {
    int version = 0;
    QStringList workflows;
    RateComparison comparison;
};

// The first version after which success is significantly lower than before.
//
// The method: every version k but the first is a candidate change point. Its split puts the
// runs of versions that still carry k's change (k and its descendants, minus those where a
// rollback or a revert took the change out again; see VersionLineage) after, all others before,
// and compares their success on the workflows both sides have judged runs of with the
// one-sided Fisher exact test. The split with the smallest p is the estimate (the earliest on
// a tie). Because the smallest of several p-values is small by chance more often than one p
// is, it is reported only when its Bonferroni-adjusted p (p times the number of splits tried,
// at most 1) is below the significance level. The pooled table assumes the workflows shared
// are comparable; `findRegressions` gives the per-workflow picture of a version.
struct BisectResult {
    std::vector<BisectSplit> splits;   // every split tried, oldest candidate first
    bool found = false;
    BisectSplit best;                  // the split with the smallest p (when any was tried)
    double adjustedP = 1.0;            // best's p times splits.size(), at most 1
    VersionChange change;              // found: the decision that produced best.version
    bool inCurrent = false;            // found: the current playbook still carries it
    Undo undo;
};

BisectResult bisect(const VersionOutcomes &o, double alpha = kSignificance);

} // namespace reverie::stats
