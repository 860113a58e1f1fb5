#pragma once

#include <vector>

namespace reverie::ui {

struct TimelineData;

// How a run reads as a conversation: one entry per step, except that a tool call's result is
// folded into the call's entry. Built from the timeline's numbers alone (no text), so it costs
// one pass over the steps and no read.
struct TranscriptEntries {
    struct Entry {
        int step = -1;     // index into the timeline's steps
        int result = -1;   // a tool call's observation; -1 when it has none (yet)
    };
    std::vector<Entry> entries;
    std::vector<int> entryOfStep;   // per step: the entry that shows it

    int size() const { return int(entries.size()); }
};

// Pairs each observation with the earliest earlier tool call still waiting for a result that
// names the same tool (or any waiting call when the observation names none). The stored steps
// keep no call id in the timeline's columns; results come back in call order in every format
// Reverie reads, so this matches what the call ids would say. An observation without a call
// stands alone.
TranscriptEntries buildTranscriptEntries(const TimelineData &data);

} // namespace reverie::ui
