#pragma once

#include "core/dream/Lesson.h"
#include "core/model/Playbook.h"

#include <QString>

#include <map>
#include <vector>

namespace reverie::dream {

// The hold-out check: a pass mines each workflow's older runs and tests every candidate on the
// newest ones it did not mine, so that a pattern only the past shows (a lesson that stopped
// mattering, a coincidence of one period) does not become a rule.
//
// The split, per workflow: the judged runs of the pass's focus (verdict success or failure),
// ordered by start time (then row id; a run without a start time counts as the oldest). The
// newest `share` of them (rounded, at least one) are held out, in workflows that have at least
// kMinJudgedRunsForHoldOut such runs with successes and failures both among them: with fewer, a
// quarter is too few runs to test anything on, and mining needs every run there is.
//
// The test, on the held-out runs where the rule applies (they broke it or kept it):
// - agreed: broke it and failed, or kept it and succeeded ("holds on 9 of 10 newer runs");
// - not enough newer runs to test (the candidate is kept): fewer than kMinApplicableNewerRuns
//   applicable runs, or fewer than two that broke it, or fewer than two that kept it;
// - holds: the failure rate when broken exceeds the failure rate when kept by at least
//   kMinHoldOutGap, and at least kMinHoldOutAgreement of the applicable runs agreed;
// - otherwise it did not hold: the candidate is dropped, with the reason kept on the dream run.
constexpr double kDefaultHoldOutShare = 0.25;
constexpr double kMaxHoldOutShare = 0.5;
constexpr int kMinJudgedRunsForHoldOut = 20;
constexpr int kMinApplicableNewerRuns = 5;
constexpr double kMinHoldOutGap = 0.2;
constexpr double kMinHoldOutAgreement = 0.5;

// Which runs a pass held out, per workflow.
struct HoldOutSplit {
    struct Workflow {
        int judged = 0;                  // judged focus runs of the workflow
        std::vector<int> heldOut;        // indexes into FeatureSet::runs, oldest first; empty: not split
    };
    double share = 0;                    // 0: the check is off
    std::map<int, Workflow> workflows;   // by interned workflow name, every workflow of the focus
    int heldOutRuns() const;
    int workflowsSplit() const;
};

// Marks the newest `share` of each large enough workflow's judged focus runs as held out
// (RunFeatures::heldOut), so that the miner skips them. A share of 0 marks nothing.
HoldOutSplit holdOutNewest(FeatureSet &set, double share, int minJudgedRuns = kMinJudgedRunsForHoldOut);

// How `lesson` fares on the held-out runs of its workflow; Result::None when the check is off.
HoldOutRecord testHoldOut(const Lesson &lesson, const FeatureSet &set, const HoldOutSplit &split);
// The same for a proposal read back as a lesson (a model's): NotTested when its text has none
// of the miner's forms, None for removals and merges (they rest on no runs of their own).
HoldOutRecord testHoldOut(const Proposal &p, const FeatureSet &set, const HoldOutSplit &split);

// "holds on 9 of 10 newer runs", "did not hold on 8 newer runs: ...", "not enough newer runs to
// test: of 6 held out, 1 broke it and 4 kept it"; empty for Result::None. English, for the command line and the run record.
QString describeHoldOut(const HoldOutRecord &r);

// A candidate the hold-out dropped, as the dream run records it.
struct DroppedCandidate {
    QString text;
    QString reason;
};

// What the check did in one pass, for the run's parameters.
struct HoldOutReport {
    double share = 0;
    int heldOutRuns = 0;
    int workflowsSplit = 0;
    std::vector<DroppedCandidate> dropped;
};

} // namespace reverie::dream
