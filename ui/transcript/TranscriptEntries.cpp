#include "ui/transcript/TranscriptEntries.h"

#include "core/model/Step.h"
#include "ui/timeline/TimelineData.h"

#include <deque>

namespace reverie::ui {

namespace {
// Calls waiting for a result. A run that never answers its calls must not make the matching
// quadratic: the oldest unanswered calls are given up on.
constexpr std::size_t kMaxWaiting = 64;
}

TranscriptEntries buildTranscriptEntries(const TimelineData &data)
{
    TranscriptEntries t;
    const int n = data.size();
    t.entries.reserve(std::size_t(n));
    t.entryOfStep.assign(std::size_t(n), -1);
    std::deque<int> waiting;   // entry numbers of calls without a result, oldest first
    for (int i = 0; i < n; ++i) {
        const auto kind = StepKind(data.kinds[std::size_t(i)]);
        if (kind == StepKind::Observation) {
            const int tool = data.tools[std::size_t(i)];
            auto match = waiting.end();
            for (auto it = waiting.begin(); it != waiting.end(); ++it) {
                const int callTool = data.tools[std::size_t(t.entries[std::size_t(*it)].step)];
                if (tool == 0 || callTool == tool) {
                    match = it;
                    break;
                }
            }
            if (match != waiting.end()) {
                t.entries[std::size_t(*match)].result = i;
                t.entryOfStep[std::size_t(i)] = *match;
                waiting.erase(match);
                continue;
            }
        }
        t.entryOfStep[std::size_t(i)] = t.size();
        t.entries.push_back({i, -1});
        if (kind == StepKind::ToolCall) {
            waiting.push_back(t.size() - 1);
            if (waiting.size() > kMaxWaiting)
                waiting.pop_front();
        }
    }
    return t;
}

} // namespace reverie::ui
