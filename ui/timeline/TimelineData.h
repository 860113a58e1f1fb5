#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace reverie::store {
struct StepColumns;
}

namespace reverie::ui {

// What the timeline holds of one trajectory: a few numbers per step in parallel arrays (no
// per-step strings), positioned on the axis. Built on a worker thread, then shared read-only.
struct TimelineData {
    enum class Axis { Sequence, Time };
    enum Flag : quint8 { Error = 1, Evidence = 2 };

    qint64 trajectoryId = 0;
    Axis axis = Axis::Sequence;
    qint64 originMs = -1;            // time axis: the first step's time, value 0 on the axis

    // Per step, in step order. starts and ends are non-decreasing and ends[i] <= starts[i + 1]
    // wherever starts[i + 1] > starts[i]: the geometry's binary searches rely on both.
    std::vector<double> starts;
    std::vector<double> ends;
    std::vector<quint8> kinds;       // StepKind, which is also the lane
    std::vector<quint8> flags;
    std::vector<qint64> stepIds;
    std::vector<int> seqs;
    std::vector<int> tools;          // index into toolNames; 0 = none
    QStringList toolNames;

    std::vector<int> errorIndexes;   // ascending
    std::vector<int> evidenceIndexes;

    int size() const { return int(starts.size()); }
    bool isEmpty() const { return starts.empty(); }
    double extentStart() const { return starts.empty() ? 0.0 : starts.front(); }
    double extentEnd() const { return ends.empty() ? 1.0 : ends.back(); }
    QString toolName(int index) const { return toolNames.value(tools[std::size_t(index)]); }
    int indexOfStep(qint64 stepId) const;   // -1 when absent

    // The first entry of a sorted index list after `from` / before `from`; -1 when none.
    static int nextAfter(const std::vector<int> &sorted, int from);
    static int previousBefore(const std::vector<int> &sorted, int from);
};

// Places the steps on an axis. A time axis is used when at least two steps carry times that
// differ; steps without a time then sit at the previous step's time, and a time earlier than
// its predecessor's is raised to it, so order on the axis is step order. A tool call lasts
// until the next step (its observation) unless the format gave a duration; other steps are
// instants. Without usable times the axis counts steps.
TimelineData buildTimelineData(qint64 trajectoryId, const store::StepColumns &columns,
                               const std::vector<qint64> &evidenceStepIds);

} // namespace reverie::ui
