#pragma once

#include "core/stats/VersionOutcomes.h"

#include <QStringList>

#include <vector>

namespace reverie::stats {

class VersionLineage;

// The significance level of the regression checks: a one-sided p-value below it is flagged.
inline constexpr double kSignificance = 0.05;

// Success before and after a change, with the one-sided Fisher exact p-value that success was
// higher before: the table is [[successes, failures] before, [successes, failures] after].
struct RateComparison {
    QString key;             // the workflow or model compared ("" when the runs named none)
    Rate before;
    Rate after;
    double p = 1.0;
};
RateComparison compareRates(const Rate &before, const Rate &after, const QString &key = QString());

// How to take a version's change back out: always through the ledger, so it stays a reviewed
// decision (a high-stakes one becomes a request that waits for approvers).
struct Undo {
    enum class Kind {
        None,       // nothing to do in one step: already undone, or later versions build on it
        Revert,     // `reverie revert <proposal>`: undo that approved change, keep later ones
        Rollback,   // `reverie rollback <version>`: the change was itself a rollback or revert
                    // and is the current version; restore the rules of its parent
    };
    Kind kind = Kind::None;
    qint64 proposal = 0;
    int version = 0;
};
// The undo the ledger can take for the change that produced `version`.
Undo undoFor(const VersionOutcomes &o, const VersionLineage &lineage, int version);

// A version compared with its parent; `flagged` when its success dropped significantly.
struct Regression {
    int version = 0;
    int parent = 0;
    bool flagged = false;
    QStringList workflows;                  // those both versions have judged runs of
    RateComparison total;                   // parent (before) against version (after), on them
    std::vector<RateComparison> byWorkflow;
    std::vector<RateComparison> byModel;    // on the same workflows
    VersionChange change;                   // the decision that produced the version
    bool inCurrent = true;                  // the current playbook still carries the change
    Undo undo;
};

// Every version compared with its parent on the workflows both have judged runs of, so that a
// change of the workflow mix is not taken for a change of success; flagged when the one-sided
// Fisher exact p-value (the parent succeeded more often) is below `alpha`. A version without
// judged runs, or whose parent has none on its workflows, cannot be compared (`bisect` still
// sees it). Oldest first. Each check is one test at `alpha`: with many versions, expect the
// occasional false alarm, and read the per-workflow breakdown before reverting.
std::vector<Regression> compareWithParents(const VersionOutcomes &o, double alpha = kSignificance);
// Only the flagged ones.
std::vector<Regression> findRegressions(const VersionOutcomes &o, double alpha = kSignificance);

} // namespace reverie::stats
