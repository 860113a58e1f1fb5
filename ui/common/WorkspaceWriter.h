#pragma once

#include <QObject>
#include <QString>

#include <deque>
#include <functional>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// Small writes from the GUI (saved views, settings kept in the workspace) run here, one after
// another, on a worker with a read-write connection of its own: a write that waits for an
// import's lock waits there, never on the GUI thread. Each job's error comes back as a value.
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
    bool m_running = false;
};

} // namespace reverie::ui
