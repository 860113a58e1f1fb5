#include "ui/timeline/TimelineLoader.h"

#include "core/store/TimelineQueries.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"
#include "ui/timeline/TimelineData.h"

namespace reverie::ui {

TimelineLoadResult loadTimeline(store::Workspace &ws, qint64 trajectoryId, const std::atomic_bool *cancel)
{
    TimelineLoadResult r;
    store::TimelineQueries q(ws);
    const store::StepColumns columns = q.stepColumns(trajectoryId, cancel);
    if (columns.cancelled || (cancel && cancel->load())) {
        r.cancelled = true;
        return r;
    }
    r.data = std::make_shared<const TimelineData>(buildTimelineData(trajectoryId, columns, q.evidenceStepIds(trajectoryId)));
    return r;
}

TimelineLoadResult loadTimeline(const QString &workspacePath, qint64 trajectoryId, const std::atomic_bool *cancel)
{
    try {
        store::Workspace ws(workspacePath, store::Workspace::Options{false, -1});
        return loadTimeline(ws, trajectoryId, cancel);
    } catch (const reverie::Error &e) {
        TimelineLoadResult r;
        r.error = e.message();
        return r;
    }
}

TimelineLoader::TimelineLoader(QObject *parent) : QObject(parent), m_reader(new LatestRead(this)) {}

TimelineLoader::~TimelineLoader() = default;

bool TimelineLoader::isLoading() const { return m_reader->isBusy(); }

void TimelineLoader::cancel() { m_reader->cancel(); }

void TimelineLoader::load(const QString &workspacePath, qint64 trajectoryId)
{
    m_reader->run<TimelineLoadResult>(
        workspacePath,
        [trajectoryId](store::Workspace &ws, const std::atomic_bool &stale) {
            return loadTimeline(ws, trajectoryId, &stale);
        },
        [this, trajectoryId](ReadResult<TimelineLoadResult> r) {
            if (!r.ok()) {
                Q_EMIT failed(trajectoryId, r.error);
                return;
            }
            if (r.value->cancelled || !r.value->data)
                return;
            m_result = r.value->data;
            Q_EMIT loaded(trajectoryId);
        });
}

} // namespace reverie::ui
