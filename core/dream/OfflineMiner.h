#pragma once

#include "core/dream/Lesson.h"
#include "core/model/Playbook.h"

#include <functional>
#include <vector>

namespace reverie::dream {

// What it takes for a contrast to become a rule. The defaults keep one-off failures out:
// a rule needs several failed runs that broke it, and successes must behave differently.
struct MinerThresholds {
    int minSupport = 3;              // distinct failed runs that broke the rule
    double minFailureShare = 0.05;   // ... and at least this share of the workflow's failures, so
                                     // that among thousands of runs chance coincidences stay out
    int minContrast = 2;             // distinct successful runs that kept it (contrast kinds)
    double minFailWhenBroken = 0.75; // share of the runs breaking it that failed
    double minGap = 0.4;             // ... minus the share of the runs keeping it that failed
    double minSuccessKeep = 0.8;     // precedence: share of successes taking the step first
    double minNextShare = 0.6;       // recovery: share of recovering successes taking that action
    int minNoteRuns = 2;             // constraint: failed runs whose reviewers wrote it
    int maxArgValues = 10;           // argument: only keys with at most this many values (settings,
                                     // not amounts or ids, where some value always looks unlucky)
    int maxFailedEvidence = 12;      // evidence cited per proposal (support counts them all)
    int maxContrastEvidence = 6;
};

// One lesson found, with its counts on the mined runs and the proposal it becomes.
struct MinedLesson {
    Lesson lesson;
    LessonCounts counts;
    Proposal proposal;               // op add, text, scope, support, confidence, kind, rationale, evidence
};

// The offline engine: contrasts failed with successful runs of each workflow in the focus
// (and, when the focus holds no successes of a workflow, that workflow's other successes).
// Deterministic: the same features give the same lessons in the same order.
class OfflineMiner {
public:
    explicit OfflineMiner(const FeatureSet &set, MinerThresholds thresholds = {});
    // `cancelled` is polled between workflows and kinds; when it returns true, DreamCancelled is thrown.
    std::vector<MinedLesson> mine(const std::function<bool()> &cancelled = {}) const;

    // Counts of `lesson` over the runs the miner would use for its workflow.
    LessonCounts count(const Lesson &lesson, const std::vector<int> &runs) const;
    // The proposal for a lesson with its counts over `runs` (evidence picked from them).
    Proposal toProposal(const Lesson &lesson, const std::vector<int> &runs) const;

private:
    std::vector<int> miningRuns(int workflow) const;
    const FeatureSet &m_set;
    MinerThresholds m_t;
};

// The candidates of one workflow, before the final check (MinerCandidates.cpp).
std::vector<Lesson> candidateLessons(const FeatureSet &set, int workflow, const std::vector<int> &runs,
                                     const MinerThresholds &t);

// True when counts pass the thresholds for the lesson's kind; `failures` is the number of
// failed runs the miner looked at in the lesson's workflow.
bool passes(const Lesson &lesson, const LessonCounts &c, const MinerThresholds &t, int failures);

} // namespace reverie::dream
