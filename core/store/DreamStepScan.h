#pragma once

#include "core/model/Step.h"

#include <functional>
#include <string_view>
#include <vector>

namespace reverie::store {

class Workspace;

// One step as the dream pass's scan sees it. The views point into SQLite's row buffer and
// are valid only during the callback: copy (or intern) what must outlive it.
struct ScannedStep {
    qint64 trajectoryId = 0;
    qint64 stepId = 0;
    int seq = 0;
    StepKind kind = StepKind::Other;
    bool isError = false;
    std::string_view tool;
    std::string_view callId;
    std::string_view text;       // at most `maxTextChars` characters of the step's text
};

// Which kinds a scan reads: a bit per StepKind.
constexpr unsigned stepKindBit(StepKind kind) { return 1u << unsigned(kind); }

// Streams the steps of the given trajectories in one SQL pass ordered by trajectory row id,
// then seq, without allocating per step (the dream pass reads a million steps this way).
// `onStep` returns false to stop early (cancellation). Throws sql::Error.
void scanDreamSteps(Workspace &ws, const std::vector<qint64> &trajectoryIds, unsigned kindMask, int maxTextChars,
                    const std::function<bool(const ScannedStep &)> &onStep);

} // namespace reverie::store
