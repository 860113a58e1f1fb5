#pragma once

#include "core/dream/DreamRunner.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

namespace reverie::ui {

// Runs one dream pass at a time through core's DreamRunner and reports it on the UI thread:
// progress with the stage, then how the run ended. Cancelling is immediate for the caller; the
// pass stops at its next check and stores no proposals.
class DreamController : public QObject {
    Q_OBJECT
public:
    explicit DreamController(QObject *parent = nullptr);
    ~DreamController() override;

    // Returns false when a pass is already running.
    bool start(const dream::DreamRequest &request);
    void cancel();
    bool isRunning() const { return m_running; }
    // Where passes run; the global pool when not set. Tests hold a small pool's only thread
    // to cancel a pass at a known point.
    void setThreadPool(QThreadPool *pool) { m_pool = pool; }
    // The last finished pass (empty run when it was cancelled before it started).
    const dream::DreamResult &lastResult() const { return m_result; }

Q_SIGNALS:
    void started();
    void progress(int percent, const QString &stage);
    // `runId` is 0 when the pass was cancelled before it recorded a run. `status` is a DreamStatus.
    void finished(qint64 runId, int status, const QString &error);

private:
    void onFinished();

    QFutureWatcher<dream::DreamResult> m_watcher;
    dream::DreamResult m_result;
    bool m_running = false;
    QThreadPool *m_pool = nullptr;
};

} // namespace reverie::ui
