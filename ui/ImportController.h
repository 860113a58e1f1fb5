#pragma once

#include "core/ingest/ImportRunner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace reverie::ui {

// Runs imports on a worker thread with its own workspace connection, reports each file as it
// lands, and can be cancelled: the file in progress is rolled back, finished files stay.
class ImportController : public QObject {
    Q_OBJECT
public:
    explicit ImportController(QObject *parent = nullptr);
    ~ImportController() override;

    bool isRunning() const;
    // Starts importing; returns false when an import is already running.
    bool start(const QString &workspacePath, const QStringList &paths);
    void cancel();
    // Blocks until the worker is done. For shutdown and tests only, never from a UI path.
    void waitForDone();

Q_SIGNALS:
    void progress(int permille);
    void fileImported(const reverie::ingest::FileResult &result);
    void finished(int filesOk, int filesFailed, bool cancelled);

private:
    void onResultReady(int index);
    void onFinished();

    QFutureWatcher<ingest::FileResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_ok = 0;
    int m_failed = 0;
};

} // namespace reverie::ui
