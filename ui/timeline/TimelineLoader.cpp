#include "ui/timeline/TimelineLoader.h"

#include "core/store/TimelineQueries.h"
#include "core/store/Workspace.h"
#include "ui/timeline/TimelineData.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::ui {

TimelineLoadResult loadTimeline(const QString &workspacePath, qint64 trajectoryId, const std::atomic_bool *cancel)
{
    TimelineLoadResult r;
    try {
        store::Workspace ws(workspacePath, store::Workspace::Options{false, -1});
        store::TimelineQueries q(ws);
        const store::StepColumns columns = q.stepColumns(trajectoryId, cancel);
        if (columns.cancelled || (cancel && cancel->load())) {
            r.cancelled = true;
            return r;
        }
        r.data = std::make_shared<const TimelineData>(buildTimelineData(trajectoryId, columns, q.evidenceStepIds(trajectoryId)));
    } catch (const reverie::Error &e) {
        r.error = e.message();
    }
    return r;
}

TimelineLoader::TimelineLoader(QObject *parent) : QObject(parent) {}

TimelineLoader::~TimelineLoader() { cancel(); }

void TimelineLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_tag;   // whatever is in flight is now stale
    m_pending = false;
}

void TimelineLoader::load(const QString &workspacePath, qint64 trajectoryId)
{
    cancel();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_pending = true;
    const quint64 tag = m_tag;
    auto *watcher = new QFutureWatcher<TimelineLoadResult>(this);
    connect(watcher, &QFutureWatcher<TimelineLoadResult>::finished, this, [this, watcher, tag, trajectoryId] {
        watcher->deleteLater();
        if (tag != m_tag)
            return;   // a newer request replaced this one
        m_pending = false;
        const TimelineLoadResult r = watcher->result();
        if (r.cancelled)
            return;
        if (!r.error.isEmpty()) {
            Q_EMIT failed(trajectoryId, r.error);
            return;
        }
        m_result = r.data;
        Q_EMIT loaded(trajectoryId);
    });
    // The flag is shared with the worker, so it outlives this loader if need be.
    std::shared_ptr<std::atomic_bool> flag = m_cancel;
    watcher->setFuture(QtConcurrent::run([workspacePath, trajectoryId, flag] {
        return loadTimeline(workspacePath, trajectoryId, flag.get());
    }));
}

} // namespace reverie::ui
