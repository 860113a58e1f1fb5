#pragma once

#include "ui/DemoData.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace reverie::ui {

// Builds the demo workspace (DemoData::build) on a worker thread with its own connection and
// reports it on the UI thread: progress, then how it ended. Cancelling stops the build at its
// next step; what was written stays.
class DemoController : public QObject {
    Q_OBJECT
public:
    // What a build ended as; `error` is empty when it finished.
    struct Outcome {
        DemoData::BuildReport report;
        QString error;
        bool cancelled = false;
    };

    explicit DemoController(QObject *parent = nullptr);
    // Cancels and waits for the worker: for shutdown, never from a UI path.
    ~DemoController() override;

    // Returns false when a build is already running.
    bool start(const QString &workspacePath);
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    const Outcome &outcome() const { return m_outcome; }
    // One line for the status bar on how the last build ended.
    QString summary() const;

Q_SIGNALS:
    void progress(int permille);
    // See outcome() for what was built.
    void finished(const QString &error, bool cancelled);

private:
    void onFinished();

    QFutureWatcher<Outcome> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    Outcome m_outcome;
};

} // namespace reverie::ui
