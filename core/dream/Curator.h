#pragma once

#include "core/dream/TrajectoryFeatures.h"
#include "core/model/Playbook.h"
#include "core/review/Policy.h"

#include <vector>

namespace reverie::dream {

// What the curator did besides the proposals it returns, for the dream run's record.
struct CuratorReport {
    int mergedInPass = 0;         // candidates folded into an equivalent one of the same pass
    int alreadyInPlaybook = 0;    // candidates dropped: the playbook already says exactly that
    int alreadyProposed = 0;      // candidates dropped: an earlier pass proposed the same and it is
                                  // still pending, or a reviewer rejected it
    int staleRules = 0;           // removals proposed
    int budgetMerges = 0;         // merges proposed to stay inside maxRules / maxTokens
    int droppedForBudget = 0;     // weakest candidates left out because even merging did not fit
    int mergedSameFailures = 0;   // mined candidates folded into one explaining the same failed runs
    int notesAttached = 0;        // reviewers' notes attached as evidence to the rule they support
};

// Turns a pass's candidates into the proposals a reviewer sees, against the current playbook:
// merges duplicates within the pass, drops what the playbook already says, attaches typed
// conflicts with existing rules (duplicate, subsumes, contradicts), proposes removing stale
// rules, keeps the playbook inside its size budget by proposing merges, and sets stakes
// from scope. `set` (the pass's runs) backs the stale-rule checks and the merges' evidence.
class Curator {
public:
    Curator(const PlaybookVersion &playbook, const review::PolicySettings &policy, const FeatureSet &set,
            QString author);

    std::vector<Proposal> curate(std::vector<Proposal> candidates, CuratorReport *report = nullptr) const;

    // Earlier proposals still pending or rejected: a candidate saying the same is not proposed again.
    void setEarlierProposals(std::vector<Proposal> earlier) { m_earlier = std::move(earlier); }

    // The playbook already says it, or an earlier proposal does.
    bool repeats(const Proposal &p) const { return alreadyInPlaybook(p) || alreadyProposed(p); }

    // Runs of a workflow in the pass's focus with at least this many runs before "no recent
    // evidence" may call a rule stale.
    static constexpr int kMinRecentRuns = 5;

private:
    std::vector<Proposal> dedupe(std::vector<Proposal> candidates, CuratorReport &report) const;
    void attachConflicts(Proposal &p) const;
    bool alreadyInPlaybook(const Proposal &p) const;
    bool alreadyProposed(const Proposal &p) const;
    std::vector<Proposal> staleRemovals(const std::vector<Proposal> &pending) const;
    std::vector<Proposal> budgetMerges(std::vector<Proposal> &pending, CuratorReport &report) const;

    const PlaybookVersion &m_playbook;
    const review::PolicySettings &m_policy;
    const FeatureSet &m_set;
    QString m_author;
    std::vector<Proposal> m_earlier;
};

// Scopes overlap when they share a workflow (or either applies to every workflow) and a model
// (or either applies to every model).
bool scopesOverlap(const Scope &a, const Scope &b);

} // namespace reverie::dream
