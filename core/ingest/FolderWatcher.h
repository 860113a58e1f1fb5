#pragma once

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

class QFileSystemWatcher;

namespace reverie::ingest {

// Keeps a workspace up to date with the folders agents write their sessions into. New and
// grown files are imported in the background (QFileSystemWatcher for a quick reaction, and a
// periodic rescan as the fallback for watch limits and network folders); files that are not
// trajectories are skipped quietly; files that fail are listed with their error and retried
// when they change. All file work runs on a worker thread with its own workspace connection:
// the thread that owns the watcher (the GUI's) never waits on a file or the database.
class FolderWatcher : public QObject {
    Q_OBJECT
public:
    // What one cycle did.
    struct Cycle {
        QStringList imported;                 // files with new content stored
        int runs = 0;                         // runs they added or grew
        QHash<QString, QString> failed;       // file -> its error
        int skipped = 0;                      // files that are not trajectories
        QStringList folders;                  // every folder under the watched ones
        qint64 finishedMs = 0;
    };

    explicit FolderWatcher(const QString &workspacePath, QObject *parent = nullptr);
    ~FolderWatcher() override;

    // Watches these folders and everything under them; an empty list stops watching.
    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }
    // How often the fallback rescan looks at every file's size and time while the system
    // cannot watch every file (watch limits, network folders); when it can, the rescan only
    // runs every 30 s as a safety net and writes are noticed by the system's watch.
    void setRescanInterval(int ms);
    // Looks now (a cycle starts at once, or right after the one running).
    void scanNow();

    // Files whose last import failed, with the error; retried when they change.
    QHash<QString, QString> failures() const { return m_failures; }
    // One line for a status bar: what the watcher last did.
    QString statusLine() const { return m_status; }

    // What a file looked like when it was last handled.
    struct Seen {
        qint64 size = -1;
        qint64 modifiedMs = -1;
        bool operator==(const Seen &o) const { return size == o.size && modifiedMs == o.modifiedMs; }
    };
    struct Output {
        Cycle cycle;
        QHash<QString, Seen> seen;
        QStringList files;                    // every file under the watched folders
    };

Q_SIGNALS:
    void cycleFinished(const reverie::ingest::FolderWatcher::Cycle &cycle);
    void statusChanged(const QString &line);

private:
    void schedule();
    void startCycle();
    void onCycleDone();

    QString m_workspacePath;
    QStringList m_folders;
    QHash<QString, Seen> m_seen;              // what each file looked like when last handled
    QHash<QString, QString> m_failures;
    QString m_status;
    std::unique_ptr<QFileSystemWatcher> m_fsWatcher;
    QTimer m_rescan;
    int m_interval = 2000;                    // the rescan while the system cannot watch everything
    bool m_watchingAll = false;               // every folder and file has a system watch
    QTimer m_debounce;                        // a burst of writes starts one cycle
    QFutureWatcher<Output> m_cycle;
    bool m_again = false;                     // something changed while a cycle ran
};

} // namespace reverie::ingest

Q_DECLARE_METATYPE(reverie::ingest::FolderWatcher::Cycle)
