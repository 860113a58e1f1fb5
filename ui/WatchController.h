#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace reverie::ingest {
class FolderWatcher;
}

namespace reverie::ui {

// The app's side of collecting continuously: watches the folders the user chose in Settings
// for the open workspace (new and grown session files are imported on a worker), and after
// new runs arrive asks whether the policy wants a dream pass (run on a worker too). Says what
// it last did in one status line, and when a pass brought proposals to review.
class WatchController : public QObject {
    Q_OBJECT
public:
    explicit WatchController(QObject *parent = nullptr);
    ~WatchController() override;

    // Watches `folders` for the workspace at `workspacePath`; an empty path or list stops.
    void watch(const QString &workspacePath, const QStringList &folders);
    QString statusLine() const { return m_status; }

Q_SIGNALS:
    void runsArrived();                                   // pages should re-read
    void statusChanged(const QString &line);
    void proposalsArrived(int count, const QString &message);

private:
    void onCycle(int imported, int runs, int failed);
    std::unique_ptr<ingest::FolderWatcher> m_watcher;
    QString m_workspacePath;
    QString m_status;
    QFutureWatcher<int> m_dreaming;   // proposals the pass stored; -1: none was due
};

} // namespace reverie::ui
