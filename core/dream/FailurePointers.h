#pragma once

#include "core/dream/TrajectoryFeatures.h"

#include <QString>

#include <map>
#include <utility>

namespace reverie::dream {

// What a failed run's failure points at: a tool that returned an error in the run, the run's
// last call (where it gave up), or a tool its reviewer's note names. Used to aim a lesson at
// the action a missing step protects, and to attach reviewers' notes to the rule they support.
class FailurePointers {
public:
    explicit FailurePointers(const FeatureSet &set) : m_set(set) {}

    bool pointsAt(const RunFeatures &run, int tool) const;
    // The note (an interned normalised note) names the tool: its whole name ("apply_migration"),
    // or each part of it longer than two letters as the start of a word ("applied the migration").
    bool noteNames(int note, int tool) const;

private:
    const FeatureSet &m_set;
    mutable std::map<std::pair<int, int>, bool> m_named;   // (note, tool) -> names it
};

// Whether `text` names the tool `name` in the sense of FailurePointers::noteNames.
bool textNamesTool(const QString &text, const QString &name);

} // namespace reverie::dream
