#pragma once

#include "core/stats/Statistics.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::stats {

// Judged runs (a success or a failure verdict) of one playbook version on one workflow with
// one model. Runs without a verdict say nothing about a rule and are left out.
struct OutcomeCell {
    int version = 0;
    QString workflow;            // "" when the run named none
    QString model;               // "" when the run named none
    int successes = 0;
    int failures = 0;
};

// The decision that produced a playbook version, as the review log and the proposals say.
struct VersionChange {
    qint64 reviewId = 0;         // 0: no review produced it (the import, a manual version)
    QString decision;            // approve, edit, rollback, revert
    QString reviewer;
    qint64 proposalId = 0;       // the proposal that decision applied (for a gated rollback or
                                 // revert: the request; for a direct revert: the reverted one)
    QString proposalOp;          // add, edit, remove, merge, rollback, revert
    QString proposalStatus;      // approved, reverted, ...
    QString text;                // the wording that landed (the reviewer's edit, if any)
};

// One playbook version as the regression checks see it.
struct VersionNode {
    int number = 0;
    int parent = 0;              // 0: the first version
    QString change;              // import, approve, edit, rollback, revert, manual
    qint64 proposalId = 0;       // playbook_versions.proposal_id (a revert: the proposal undone)
    qint64 createdMs = 0;
    int restores = 0;            // a rollback: the latest earlier version with the same rules
    int undoes = 0;              // a revert: the version whose change it took out
    VersionChange producedBy;
};

// How every playbook version fared, by workflow and model, with the versions' lineage and the
// decisions that produced them: everything the regression checks read, in a few queries.
// Runs under version 0 (no version recorded) or under a version this workspace does not hold
// are left out: nothing can be said about which rules they saw.
struct VersionOutcomes {
    std::vector<VersionNode> versions;   // oldest first
    std::vector<OutcomeCell> cells;

    const VersionNode *version(int number) const;
    int currentNumber() const { return versions.empty() ? 0 : versions.back().number; }

    // Success rate of the judged runs under the versions `inGroup` accepts, counting only runs
    // of the given workflows (all workflows when `workflows` is empty) and, when `model` is
    // not null, of that model.
    Rate rate(const std::function<bool(int version)> &inGroup, const QStringList &workflows = {},
              const QString *model = nullptr) const;
    Rate rateOfVersion(int number) const { return rate([number](int v) { return v == number; }); }
    // The workflows with judged runs under versions of both groups, sorted.
    QStringList sharedWorkflows(const std::function<bool(int)> &groupA, const std::function<bool(int)> &groupB) const;
    // The models with judged runs on `workflows` under versions of either group, sorted.
    QStringList modelsOn(const QStringList &workflows, const std::function<bool(int)> &groupA,
                         const std::function<bool(int)> &groupB) const;
};

// Reads on the caller's connection (a worker's own, in the UI).
VersionOutcomes loadVersionOutcomes(store::Workspace &ws);

} // namespace reverie::stats
