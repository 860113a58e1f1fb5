#pragma once

#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace reverie::store {

class Workspace;

// What a timeline draws of a trajectory's steps, without their text or raw JSON: a handful
// of numbers per step, so 100,000 steps take a few MB and load in one indexed pass.
// Step text is fetched one step at a time (TrajectoryQueries::step) when someone reads it.
struct StepColumns {
    std::vector<qint64> ids;          // steps.id, in step order
    std::vector<int> seqs;
    std::vector<qint64> timestamps;   // Unix ms; -1 = none
    std::vector<qint64> durations;    // ms; -1 = none
    std::vector<quint8> kinds;        // StepKind
    std::vector<quint8> errors;       // 1 = error step
    std::vector<int> tools;           // index into toolNames; 0 = no tool
    QStringList toolNames{QString()};
    bool cancelled = false;           // the cancel flag was raised: the columns are partial

    std::size_t size() const { return ids.size(); }
};

// Read-side queries for the timeline and the compare view. Cheap to create; holds no state.
class TimelineQueries {
public:
    explicit TimelineQueries(Workspace &ws) : m_ws(ws) {}

    // All steps of a trajectory in order. `cancel` is polled every few thousand rows.
    StepColumns stepColumns(qint64 trajectoryId, const std::atomic_bool *cancel = nullptr);
    // Ids of the trajectory's steps that any proposal cites as evidence, ascending.
    std::vector<qint64> evidenceStepIds(qint64 trajectoryId);

private:
    Workspace &m_ws;
};

} // namespace reverie::store
