#pragma once

#include "core/model/Playbook.h"

#include <QString>

#include <optional>
#include <vector>

namespace reverie::store {

class Workspace;

// Names a running process across hosts and pid reuse: "host:pid:start", the start being the
// process's start time (Linux: field 22 of /proc/PID/stat). Empty when no such process runs.
QString processTag(qint64 pid);
// This process's tag, the owner recorded by DreamStore::insert.
QString currentProcessTag();

// What a run left "running" by a process that is gone says about itself.
inline constexpr const char *kInterruptedRunError =
    "the process running this pass stopped before it finished (interrupted); no proposals were stored";

// The rows a dream pass leaves behind besides its proposals: the run itself (engine,
// parameters, selection, status, timings, error, counts) and which trajectories it read.
// Writes happen inside the caller's transaction when there is one.
class DreamStore {
public:
    explicit DreamStore(Workspace &ws) : m_ws(ws) {}

    // Inserts the run as it is (normally status Running); returns the new id (also set in `run`).
    // An empty owner becomes this process (currentProcessTag()).
    qint64 insert(DreamRun &run);
    // Writes status, finished time, error and counts of an inserted run.
    void finish(const DreamRun &run);
    // Records that the run read these trajectories ("not yet dreamed over" looks here).
    void addInputs(qint64 runId, const std::vector<qint64> &trajectoryIds);

    std::optional<DreamRun> get(qint64 id);
    // Newest first.
    std::vector<DreamRun> list(int limit = 100);
    // How many trajectories the run recorded as read.
    int inputCount(qint64 runId);

    // Marks as interrupted the runs still "running" whose process is gone: owned by a process
    // on this host that no longer runs (or a new process with the same pid), or by no one
    // (written before runs had owners). Runs of other hosts are left alone. Returns how many.
    int markInterrupted();

private:
    Workspace &m_ws;
};

} // namespace reverie::store
