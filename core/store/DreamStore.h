#pragma once

#include "core/model/Playbook.h"

#include <optional>
#include <vector>

namespace reverie::store {

class Workspace;

// The rows a dream pass leaves behind besides its proposals: the run itself (engine,
// parameters, selection, status, timings, error, counts) and which trajectories it read.
// Writes happen inside the caller's transaction when there is one.
class DreamStore {
public:
    explicit DreamStore(Workspace &ws) : m_ws(ws) {}

    // Inserts the run as it is (normally status Running); returns the new id (also set in `run`).
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

private:
    Workspace &m_ws;
};

} // namespace reverie::store
