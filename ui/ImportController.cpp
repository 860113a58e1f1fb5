#include "ui/ImportController.h"

#include "core/ingest/FormatRegistry.h"
#include "core/store/Workspace.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

namespace {

void importInBackground(QPromise<ingest::FileResult> &promise, const QString &workspacePath,
                        const QStringList &paths, std::shared_ptr<std::atomic_bool> cancel)
{
    promise.setProgressRange(0, 1000);
    try {
        store::Workspace ws(workspacePath);   // this thread's own connection
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        runner.setCancelFlag(cancel.get());
        runner.setProgress([&promise, &cancel](qint64 done, qint64 total) {
            if (promise.isCanceled())
                cancel->store(true);
            if (total > 0)
                promise.setProgressValue(int(done * 1000 / total));
        });
        runner.setFileDone([&promise](int, const ingest::FileResult &r) { promise.addResult(r); });
        runner.importFiles(paths);
    } catch (const reverie::Error &e) {
        ingest::FileResult failure;
        failure.path = workspacePath;
        failure.error = e.message();
        promise.addResult(failure);
    } catch (const std::exception &e) {
        // Nothing may escape a worker (it would end the app): it is reported like any failure.
        ingest::FileResult failure;
        failure.path = workspacePath;
        failure.error = QStringLiteral("%1: %2").arg(workspacePath, QString::fromUtf8(e.what()));
        promise.addResult(failure);
    }
}

} // namespace

ImportController::ImportController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<ingest::FileResult>::resultReadyAt, this, &ImportController::onResultReady);
    connect(&m_watcher, &QFutureWatcher<ingest::FileResult>::finished, this, &ImportController::onFinished);
    connect(&m_watcher, &QFutureWatcher<ingest::FileResult>::progressValueChanged, this, &ImportController::progress);
}

ImportController::~ImportController()
{
    cancel();
    waitForDone();
}

bool ImportController::isRunning() const { return m_watcher.isRunning(); }

bool ImportController::start(const QString &workspacePath, const QStringList &paths)
{
    if (isRunning())
        return false;
    m_ok = 0;
    m_failed = 0;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_watcher.setFuture(QtConcurrent::run(importInBackground, workspacePath, paths, m_cancel));
    return true;
}

void ImportController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportController::waitForDone() { m_watcher.waitForFinished(); }

void ImportController::onResultReady(int index)
{
    const ingest::FileResult r = m_watcher.resultAt(index);
    if (r.ok())
        ++m_ok;
    else
        ++m_failed;
    Q_EMIT fileImported(r);
}

void ImportController::onFinished()
{
    Q_EMIT finished(m_ok, m_failed, m_cancel && m_cancel->load());
}

} // namespace reverie::ui
