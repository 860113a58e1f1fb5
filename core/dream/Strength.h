#pragma once

#include "core/model/Playbook.h"
#include "core/model/StrengthLevel.h"

#include <QString>

namespace reverie::dream {

// How strong a proposal's case is, from its replay table: of the runs that broke the rule,
// how many failed; of the runs that kept it, how many failed.
struct Strength {
    int brokeFailed = 0, brokeSucceeded = 0;   // the 2x2 table
    int keptFailed = 0, keptSucceeded = 0;
    double pValue = 1.0;                        // one-sided Fisher exact: breaking it fails more often
    double brokeFailLow = 0, brokeFailHigh = 1; // Wilson 95% interval of the failure rate when broken
    double keptFailLow = 0, keptFailHigh = 1;   // ... and when kept
    using Level = StrengthLevel;
    Level level = Level::Weak;
};

// Strong: p < 0.01; moderate: p < 0.05; weak: anything else (could be chance).
Strength strengthOf(const ReplayRecord &replay);

// Whether a proposal's evidence was measured at all: a rule change with a replay record. A
// person's proposal, a model's free text and a rollback, revert or policy request have none
// and are neither strong nor weak (they are not marked; auto-apply still needs evidence).
bool hasMeasuredStrength(const Proposal &p);

// For lists, strongest first: 0 strong, 1 moderate, 2 not measured, 3 weak (kWeakStrengthRank).
constexpr int kWeakStrengthRank = 3;
int strengthRank(const Proposal &p);

// "strong (p = 0.0005)", "weak — could be chance (p = 0.31)"; plain words first.
QString describeStrength(const Strength &s);

} // namespace reverie::dream
