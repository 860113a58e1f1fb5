#include "ui/transcript/TranscriptTexts.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/timeline/TimelineData.h"

#include <algorithm>

namespace reverie::ui {

std::vector<StepText> readStepTexts(store::Workspace &ws, const TimelineData &data, int first, int count)
{
    std::vector<StepText> texts;
    count = std::min(count, data.size() - first);
    if (first < 0 || count <= 0)
        return texts;
    // Steps are stored in seq order and the timeline holds them in the same order, so the
    // `count` steps from the first one's seq on are exactly these indexes, gaps or not.
    const auto steps = store::TrajectoryQueries(ws).steps(data.trajectoryId, data.seqs[std::size_t(first)], count);
    texts.reserve(steps.size());
    for (const store::StoredStep &s : steps)
        texts.push_back({s.step.text, s.step.role, s.step.tool});
    return texts;
}

} // namespace reverie::ui
