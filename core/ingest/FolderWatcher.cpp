#include "core/ingest/FolderWatcher.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::ingest {

namespace {

constexpr qint64 kHeadBytes = 64 * 1024;   // enough for every importer's detection
constexpr int kMaxWatchedFolders = 4096;   // inotify watches are a per-user resource
constexpr int kMaxWatchedFiles = 20000;
constexpr int kSafetyRescanMs = 30000;     // when every file has a watch

// One cycle, on a worker thread: stat every file under the folders, and import those that
// are new or changed since `seen` says they were handled.
FolderWatcher::Output runCycle(const QString &workspacePath, const QStringList &folders,
                               QHash<QString, FolderWatcher::Seen> seen)
{
    FolderWatcher::Output out;
    QStringList changed;
    QHash<QString, FolderWatcher::Seen> now;
    for (const QString &folder : folders) {
        out.cycle.folders << folder;
        QDirIterator it(folder, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo info = it.fileInfo();
            if (info.isSymLink())
                continue;   // a link may lead anywhere: only what lies in the folders is read
            if (info.isDir()) {
                if (out.cycle.folders.size() < kMaxWatchedFolders)
                    out.cycle.folders << info.absoluteFilePath();
                continue;
            }
            const QString path = info.absoluteFilePath();
            out.files << path;
            const FolderWatcher::Seen state{info.size(), info.lastModified().toMSecsSinceEpoch()};
            now.insert(path, state);
            if (!(seen.value(path) == state))
                changed << path;
        }
    }
    out.seen = now;
    if (changed.isEmpty()) {
        out.cycle.finishedMs = QDateTime::currentMSecsSinceEpoch();
        return out;
    }
    changed.sort();
    const FormatRegistry &registry = FormatRegistry::builtin();
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(workspacePath, options);
        ImportRunner runner(ws, registry);
        for (const QString &path : changed) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;   // gone or unreadable: looked at again when it changes
            if (!registry.detect(path, file.read(kHeadBytes))) {
                ++out.cycle.skipped;   // not a trajectory: skipped quietly
                continue;
            }
            file.close();
            const FileResult r = runner.importFile(path);
            if (!r.ok())
                out.cycle.failed.insert(path, r.error);
            else if (!r.duplicate && r.trajectories > 0) {
                out.cycle.imported << path;
                out.cycle.runs += r.trajectories;
            }
        }
    } catch (const reverie::Error &e) {
        // The workspace itself could not be opened: every changed file waits for the next cycle.
        for (const QString &path : changed) {
            out.cycle.failed.insert(path, e.message());
            out.seen.remove(path);
        }
    }
    out.cycle.finishedMs = QDateTime::currentMSecsSinceEpoch();
    return out;
}

} // namespace

FolderWatcher::FolderWatcher(const QString &workspacePath, QObject *parent)
    : QObject(parent), m_workspacePath(workspacePath), m_fsWatcher(std::make_unique<QFileSystemWatcher>())
{
    qRegisterMetaType<Cycle>();
    m_rescan.setInterval(2000);
    connect(&m_rescan, &QTimer::timeout, this, &FolderWatcher::scanNow);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &FolderWatcher::startCycle);
    connect(m_fsWatcher.get(), &QFileSystemWatcher::directoryChanged, this, &FolderWatcher::schedule);
    connect(m_fsWatcher.get(), &QFileSystemWatcher::fileChanged, this, &FolderWatcher::schedule);
    connect(&m_cycle, &QFutureWatcher<Output>::finished, this, &FolderWatcher::onCycleDone);
}

FolderWatcher::~FolderWatcher()
{
    m_cycle.disconnect(this);
    m_cycle.waitForFinished();   // the worker holds its own connection; let it close
}

void FolderWatcher::setFolders(const QStringList &folders)
{
    m_folders.clear();
    for (const QString &f : folders) {
        const QString clean = QFileInfo(f).absoluteFilePath();
        if (!clean.isEmpty() && !m_folders.contains(clean))
            m_folders << clean;
    }
    if (!m_fsWatcher->directories().isEmpty())
        m_fsWatcher->removePaths(m_fsWatcher->directories());
    if (!m_fsWatcher->files().isEmpty())
        m_fsWatcher->removePaths(m_fsWatcher->files());
    if (m_folders.isEmpty()) {
        m_rescan.stop();
        return;
    }
    // The folders themselves are watched before the first look, so that nothing written while
    // it runs goes unnoticed.
    m_fsWatcher->addPaths(m_folders);
    m_rescan.start();
    scanNow();
}

void FolderWatcher::setRescanInterval(int ms)
{
    m_interval = ms;
    m_rescan.setInterval(m_watchingAll ? qMax(ms, kSafetyRescanMs) : ms);
}

void FolderWatcher::scanNow()
{
    if (m_folders.isEmpty())
        return;
    if (m_cycle.isRunning()) {
        m_again = true;
        return;
    }
    startCycle();
}

void FolderWatcher::schedule()
{
    m_debounce.start();   // writes come in bursts: one cycle shortly after the last of them
}

void FolderWatcher::startCycle()
{
    if (m_folders.isEmpty())
        return;
    if (m_cycle.isRunning()) {
        m_again = true;
        return;
    }
    m_again = false;
    m_cycle.setFuture(QtConcurrent::run(runCycle, m_workspacePath, m_folders, m_seen));
}

void FolderWatcher::onCycleDone()
{
    Output out = m_cycle.result();
    // A file that failed is retried when it changes: it stays "seen" at its failing state.
    for (auto it = out.cycle.failed.cbegin(); it != out.cycle.failed.cend(); ++it)
        m_failures.insert(it.key(), it.value());
    for (const QString &path : out.cycle.imported)
        m_failures.remove(path);
    m_seen = std::move(out.seen);
    // New folders get a watch; the rescan covers whatever the system does not let us watch.
    const QStringList watchedList = m_fsWatcher->directories();
    const QSet<QString> watched(watchedList.cbegin(), watchedList.cend());
    QStringList add;
    for (const QString &f : out.cycle.folders) {
        if (!watched.contains(f))
            add << f;
    }
    bool complete = out.cycle.folders.size() < kMaxWatchedFolders && out.files.size() <= kMaxWatchedFiles;
    if (!add.isEmpty()) {
        complete = m_fsWatcher->addPaths(add).isEmpty() && complete;
        m_again = true;   // a file written into a new folder before its watch existed is found now
    }
    // Files get a watch of their own: appending to a file does not change its folder.
    if (complete) {
        const QStringList watchedFileList = m_fsWatcher->files();
        const QSet<QString> watchedFiles(watchedFileList.cbegin(), watchedFileList.cend());
        QStringList files;
        for (const QString &f : out.files) {
            if (!watchedFiles.contains(f))
                files << f;
        }
        if (!files.isEmpty())
            complete = m_fsWatcher->addPaths(files).isEmpty();
    }
    m_watchingAll = complete;
    m_rescan.setInterval(m_watchingAll ? qMax(m_interval, kSafetyRescanMs) : m_interval);

    if (!out.cycle.imported.isEmpty() || !out.cycle.failed.isEmpty()) {
        const QString when = QDateTime::fromMSecsSinceEpoch(out.cycle.finishedMs).toString(QStringLiteral("HH:mm:ss"));
        // The command line's words; the app words its own status from the cycle.
        QString line = QStringLiteral("%1: imported %2 file(s), %3 run(s)")
                           .arg(when)
                           .arg(out.cycle.imported.size())
                           .arg(out.cycle.runs);
        if (!out.cycle.failed.isEmpty())
            line += QStringLiteral("; %1 failed").arg(out.cycle.failed.size());
        m_status = line;
        Q_EMIT statusChanged(m_status);
    }
    Q_EMIT cycleFinished(out.cycle);
    if (m_again)
        startCycle();
}

} // namespace reverie::ingest
