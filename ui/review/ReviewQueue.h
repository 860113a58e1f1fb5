#pragma once

#include "core/model/Playbook.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The proposals of one dream run (or the manual ones, dreamRunId 0), in review order.
struct QueueGroup {
    qint64 dreamRunId = 0;
    QString engine;
    qint64 startedMs = 0;
    std::vector<Proposal> proposals;
    bool hasHighStakes() const;
};

// Everything the review panel shows, read in one go from the store.
struct ReviewQueue {
    std::vector<QueueGroup> groups;
    QHash<qint64, QStringList> approvers;   // approvals so far, per proposal
    // Rollback and revert requests: the rules that would change, before and after, one
    // "R2: text" line each; or why the request can no longer apply (in `after`).
    QHash<qint64, std::pair<QString, QString>> requestTexts;
    std::vector<Rule> currentRules;
    int currentVersion = 0;
    int approvalsNeeded = 2;                 // for high-stakes proposals

    int proposalCount() const;
    const Proposal *find(qint64 id) const;
};

// Review order: groups with a high-stakes proposal first, then the newest; inside a group
// proposals with weak evidence last, before them high-stakes first, then strong evidence
// before moderate before unmeasured (dream::strengthRank), then by confidence (highest
// first), then oldest first.
void sortQueue(ReviewQueue &queue);

// Groups `proposals` by dream run and sorts them.
ReviewQueue buildQueue(std::vector<Proposal> proposals, const std::vector<DreamRun> &runs);

// Reads the pending proposals (and those waiting for a rebase) with what the panel needs:
// evidence and approvals in one query each, not one per proposal. Runs on a worker.
ReviewQueue loadReviewQueue(store::Workspace &ws);

} // namespace reverie::ui
