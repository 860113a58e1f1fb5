#include "ui/timeline/TimelineData.h"

#include "core/model/Step.h"
#include "core/store/TimelineQueries.h"

#include <algorithm>

namespace reverie::ui {

int TimelineData::indexOfStep(qint64 stepId) const
{
    const auto it = std::find(stepIds.begin(), stepIds.end(), stepId);
    return it == stepIds.end() ? -1 : int(it - stepIds.begin());
}

int TimelineData::nextAfter(const std::vector<int> &sorted, int from)
{
    const auto it = std::upper_bound(sorted.begin(), sorted.end(), from);
    return it == sorted.end() ? -1 : *it;
}

int TimelineData::previousBefore(const std::vector<int> &sorted, int from)
{
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), from);
    return it == sorted.begin() ? -1 : *(it - 1);
}

namespace {

bool hasUsableTimes(const std::vector<qint64> &ts)
{
    qint64 first = -1;
    for (qint64 t : ts) {
        if (t < 0)
            continue;
        if (first < 0)
            first = t;
        else if (t != first)
            return true;
    }
    return false;
}

} // namespace

TimelineData buildTimelineData(qint64 trajectoryId, const store::StepColumns &c, const std::vector<qint64> &evidenceStepIds)
{
    TimelineData d;
    d.trajectoryId = trajectoryId;
    const std::size_t n = c.size();
    d.kinds = c.kinds;
    d.stepIds = c.ids;
    d.seqs = c.seqs;
    d.tools = c.tools;
    d.toolNames = c.toolNames;
    d.flags.assign(n, 0);
    d.starts.resize(n);
    d.ends.resize(n);

    if (hasUsableTimes(c.timestamps)) {
        d.axis = TimelineData::Axis::Time;
        const auto firstTimed = std::find_if(c.timestamps.begin(), c.timestamps.end(), [](qint64 t) { return t >= 0; });
        d.originMs = *firstTimed;
        double last = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const qint64 t = c.timestamps[i];
            last = std::max(last, t >= 0 ? double(t - d.originMs) : last);
            d.starts[i] = last;
        }
        for (std::size_t i = 0; i < n; ++i) {
            double end = d.starts[i];
            const bool hasNext = i + 1 < n;
            if (c.durations[i] > 0)
                end = d.starts[i] + double(c.durations[i]);
            else if (d.kinds[i] == quint8(StepKind::ToolCall) && hasNext)
                end = d.starts[i + 1];
            if (hasNext && d.starts[i + 1] > d.starts[i])
                end = std::min(end, d.starts[i + 1]);   // keeps ends ordered: see TimelineData
            else if (hasNext)
                end = d.starts[i];
            d.ends[i] = end;
        }
    } else {
        d.axis = TimelineData::Axis::Sequence;
        for (std::size_t i = 0; i < n; ++i) {
            d.starts[i] = double(i);
            d.ends[i] = double(i) + 0.8;
        }
    }

    for (std::size_t i = 0; i < n; ++i) {
        if (c.errors[i]) {
            d.flags[i] |= TimelineData::Error;
            d.errorIndexes.push_back(int(i));
        }
    }
    if (!evidenceStepIds.empty()) {
        for (std::size_t i = 0; i < n; ++i) {
            if (std::binary_search(evidenceStepIds.begin(), evidenceStepIds.end(), c.ids[i])) {
                d.flags[i] |= TimelineData::Evidence;
                d.evidenceIndexes.push_back(int(i));
            }
        }
    }
    return d;
}

} // namespace reverie::ui
