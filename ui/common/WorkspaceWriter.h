#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

#include <deque>
#include <functional>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// Every write from the GUI runs here, one after another, on a worker with a read-write
// connection of its own: saved views directly, and the ledger's decisions and policy changes
// through LedgerRunner, which is built on it. A write that waits for an import's lock waits
// there, never on the GUI thread. Each job's error comes back as a value.
class WorkspaceWriter : public QObject {
    Q_OBJECT
public:
    using Job = std::function<void(store::Workspace &ws)>;
    // Called on the GUI thread with an empty string when the job wrote, or what failed.
    using Done = std::function<void(const QString &error)>;

    explicit WorkspaceWriter(QObject *parent = nullptr);
    // Does not wait: a job under way finishes on its worker, its `done` is dropped.
    ~WorkspaceWriter() override;

    void submit(const QString &workspacePath, Job job, Done done = nullptr);
    bool isBusy() const { return m_running || !m_queue.empty(); }
    // Drops the jobs not yet started and waits for the one under way (its `done` is dropped).
    void finishRunning();

Q_SIGNALS:
    // Every submitted job has reported.
    void idle();

private:
    struct Queued {
        QString path;
        Job job;
        Done done;
    };
    void startNext();

    std::deque<Queued> m_queue;
    QFuture<QString> m_current;
    bool m_running = false;
};

} // namespace reverie::ui
