#pragma once

#include "core/dream/TrajectoryFeatures.h"
#include "core/model/Playbook.h"

#include <QString>

#include <vector>

namespace reverie::dream {

// The kinds of lesson the offline miner finds.
enum class LessonKind : int {
    Precedence = 0,    // successes take `before` before `tool`; failures skip it
    Argument = 1,      // calling `tool` with `arg` goes with failure
    Loop = 2,          // repeating `tool` after it failed with the same error goes with failure
    Recovery = 3,      // after `tool` fails with `error`, successes call `next`; failures do not
    Constraint = 4,    // reviewers named the same constraint (`note`) on failed runs
};
QString lessonKindName(LessonKind kind);   // "precedence", "argument", "loop", "recovery", "constraint"

// One lesson, in interned ids of a FeatureSet. Fields a kind does not use stay 0.
struct Lesson {
    LessonKind kind = LessonKind::Precedence;
    int workflow = 0;
    int tool = 0;
    int before = 0;
    int arg = 0;
    int error = 0;
    int next = 0;
    int note = 0;
    bool retryAfter = false;   // recovery: successes call `tool` again after `next`
    std::vector<int> tiedWith; // precedence: other actions the step might protect, equally supported

    bool operator==(const Lesson &o) const
    {
        return kind == o.kind && workflow == o.workflow && tool == o.tool && before == o.before && arg == o.arg
            && error == o.error && next == o.next && note == o.note;
    }
};

// What one run says about a lesson, and the step that shows it.
struct Judgement {
    enum Outcome { NotApplicable, Kept, Broke };
    Outcome outcome = NotApplicable;
    qint64 stepId = 0;
    int seq = -1;
};
Judgement judge(const Lesson &lesson, const FeatureSet &set, const RunFeatures &run);

// Counts of a lesson over a set of runs with a verdict.
struct LessonCounts {
    int broke = 0;
    int brokeFailed = 0;
    int kept = 0;
    int keptSucceeded = 0;
    double failWhenBroken() const { return broke ? double(brokeFailed) / broke : 0.0; }
    double failWhenKept() const { return kept ? double(kept - keptSucceeded) / kept : 0.0; }
};

// The proposal text: one imperative, e.g. "In deploy_service, run run_tests before deploy.".
// `noteAsWritten` is the reviewer's wording for a Constraint.
QString lessonText(const Lesson &lesson, const FeatureSet &set, const QString &noteAsWritten = {});
Scope lessonScope(const Lesson &lesson, const FeatureSet &set, const QString &noteAsWritten = {});

// A reviewer's note turned into an imperative ("Never deploy without tests." stays, "The agent
// should confirm first" becomes "confirm first"); empty when the note names no constraint.
QString constraintFromNote(const QString &note);

// A reviewer's note as a proposal quotes it: at most 300 characters, "…" marking the cut. Notes
// are free text of any length; a rationale or an evidence line quotes, it does not copy.
QString quotedNote(const QString &note);

// "lock timeout on table #" as a person reads it: "lock timeout on table …".
QString readableError(const QString &signature);

} // namespace reverie::dream
