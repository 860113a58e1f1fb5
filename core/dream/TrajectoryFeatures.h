#pragma once

#include "core/dream/Interner.h"
#include "core/dream/Selection.h"

#include <functional>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::dream {

// One tool call with its result, reduced to interned ints.
struct CallEvent {
    qint64 stepId = 0;           // the tool_call step
    qint64 resultStepId = 0;     // the observation that answered it; 0 when none was seen
    int seq = 0;
    int resultSeq = -1;
    int tool = 0;                // interned tool name
    int error = 0;               // interned error signature of the result; 0 = no error
    int argBegin = 0;            // [argBegin, argBegin + argCount) in FeatureSet::args
    int argCount = 0;
};

// One run: its header and the range of its calls in FeatureSet::calls.
struct RunFeatures {
    qint64 id = 0;
    int workflow = 0;            // interned
    Verdict verdict = Verdict::Unknown;
    qint64 startedMs = -1;
    bool inFocus = false;
    bool heldOut = false;        // among the newest runs held back from mining to test on (HoldOut.h)
    int callBegin = 0;
    int callEnd = 0;
    qint64 verdictStepId = 0;    // the verdict step, cited as evidence of a reviewer's note
    int verdictSeq = -1;
    int note = 0;                // interned normalised verdict note; 0 = none
};

// Compact features of every run a pass reads: a few ints per tool call, all strings
// interned once. Built by one streaming scan over the steps.
struct FeatureSet {
    Interner strings;
    std::vector<RunFeatures> runs;       // ordered by row id
    std::vector<CallEvent> calls;
    std::vector<int> args;               // interned "key=value" tokens
    std::vector<QString> externalIds;    // parallel to runs
    std::vector<QString> notes;          // parallel to runs: the reviewer's note as written

    const CallEvent *begin(const RunFeatures &r) const { return calls.data() + r.callBegin; }
    const CallEvent *end(const RunFeatures &r) const { return calls.data() + r.callEnd; }
    int indexOf(qint64 runId) const;     // -1 when absent
    qint64 stepCount = 0;                // steps scanned
};

// Reports (steps read so far) and returns false to cancel.
using ScanProgress = std::function<bool(qint64 stepsRead)>;

// Reads the steps of `headers` in one ordered pass. Throws DreamCancelled when `progress`
// asks to stop.
FeatureSet loadFeatures(store::Workspace &ws, const std::vector<RunHeader> &headers, const ScanProgress &progress);

// A reviewer's note reduced to a comparable form: lowercased, whitespace collapsed, trailing
// punctuation dropped. Empty for notes that are blank.
QString normalizeNote(const QString &note);

} // namespace reverie::dream
