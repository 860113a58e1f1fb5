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
    std::vector<Lesson> supporting;  // other readings of the same failures, kept as reasons
    std::vector<int> failedRuns;     // indexes (into FeatureSet::runs) of the failed runs that broke it
};

// A rule that already exists: in the playbook, or proposed and waiting for review.
struct KnownRule {
    QString text;
    QString label;                   // "R3", "proposal #12"
    bool inPlaybook = false;
};

// What mining folded or left out, for the dream run's record.
struct MiningReport {
    int mergedSameFailures = 0;      // candidates folded into another that explains the same failures
    int notesAttached = 0;           // reviewers' notes attached as evidence to the rule they support
    int restatedPlaybook = 0;        // lessons the playbook already has, in other words
    int restatedPending = 0;         // lessons an open proposal already makes, in other words
};

// The offline engine: contrasts failed with successful runs of each workflow in the focus
// (and, when the focus holds no successes of a workflow, that workflow's other successes).
// Deterministic: the same features give the same lessons in the same order.
class OfflineMiner {
public:
    explicit OfflineMiner(const FeatureSet &set, MinerThresholds thresholds = {});
    // Rules a lesson must not restate in other words (their failures are the same failures).
    void setKnownRules(std::vector<KnownRule> rules) { m_known = std::move(rules); }

    // One proposal per lesson: candidates of a workflow that explain mostly the same failed runs
    // become one, with the clearest rule and the others as reasons; reviewers' notes are
    // evidence of the rule they support, and a rule of their own only when nothing mined
    // explains those failures. `cancelled` is polled between workflows; when it returns true,
    // DreamCancelled is thrown.
    std::vector<MinedLesson> mine(const std::function<bool()> &cancelled = {}, MiningReport *report = nullptr) const;

    // Counts of `lesson` over the runs the miner would use for its workflow.
    LessonCounts count(const Lesson &lesson, const std::vector<int> &runs) const;
    // The proposal for a lesson with its counts over `runs` (evidence picked from them).
    Proposal toProposal(const Lesson &lesson, const std::vector<int> &runs) const;

    // The failed runs among `runs` that broke `lesson`, as sorted indexes.
    std::vector<int> failedRunsBreaking(const Lesson &lesson, const std::vector<int> &runs) const;

private:
    std::vector<int> miningRuns(int workflow) const;
    // LessonMerge.cpp: one proposal per lesson within a workflow, and nothing the known rules say.
    std::vector<MinedLesson> mergeSameFailures(std::vector<MinedLesson> found, const std::vector<int> &runs,
                                               MiningReport &report) const;
    struct KnownLesson {
        const KnownRule *rule;
        Lesson lesson;
        std::vector<int> failedRuns;
    };
    std::vector<KnownLesson> knownLessons(int workflow, const std::vector<int> &runs) const;
    const FeatureSet &m_set;
    MinerThresholds m_t;
    std::vector<KnownRule> m_known;
};

// Share of the smaller set that the larger one also holds (both sorted); 0 when either is empty.
double overlapShare(const std::vector<int> &a, const std::vector<int> &b);

// The candidates of one workflow, before the final check (MinerCandidates.cpp).
std::vector<Lesson> candidateLessons(const FeatureSet &set, int workflow, const std::vector<int> &runs,
                                     const MinerThresholds &t);

// True when counts pass the thresholds for the lesson's kind; `failures` is the number of
// failed runs the miner looked at in the lesson's workflow.
bool passes(const Lesson &lesson, const LessonCounts &c, const MinerThresholds &t, int failures);

} // namespace reverie::dream
