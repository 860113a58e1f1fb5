#pragma once

#include "core/model/Trajectory.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::dream {

// Which trajectories a dream pass learns from. Empty fields do not filter.
struct DreamSelection {
    QString workflow;
    qint64 sinceMs = -1;             // started at or after
    qint64 untilMs = -1;             // started before
    std::optional<Verdict> verdict;
    QString model;
    bool notYetDreamed = false;      // only runs no successful pass has read (dream_inputs)

    // {"workflow": ..., "since": ms, ...} with the filters that are set; stored on the dream run.
    QByteArray toJson() const;
};

// A trajectory as the pass sees it before reading its steps.
struct RunHeader {
    qint64 id = 0;                   // workspace row id
    QString externalId;
    QString workflow;
    QString model;
    Verdict verdict = Verdict::Unknown;
    qint64 startedMs = -1;
    QString verdictNotes;
    int stepCount = 0;
    bool inFocus = false;            // selected; otherwise only read for contrast and replay
};

// The selected runs plus every other run of the same workflows (for replay on the whole
// workspace and, when the selection names a verdict, for contrast), ordered by row id.
std::vector<RunHeader> selectRuns(store::Workspace &ws, const DreamSelection &selection);

// Parses --since/--until: "2025-11-20", "2025-11-20T10:00:00Z" (UTC when no zone is given)
// or "7d" / "12h" before now. -1 when the text is none of these.
qint64 parseSelectionTime(const QString &text, qint64 nowMs);

} // namespace reverie::dream
