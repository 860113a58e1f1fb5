// P8: what watching costs while nothing happens. A folder of 5,000 session files (in 50
// project folders, as Claude Code lays them out) is imported once; then the watcher idles
// for forty seconds, long enough for its 30 s safety rescan, and the CPU time this process used in
// that window is compared with the wall time. Target: under 1% of one core.

#include "BenchSupport.h"

#include "core/ingest/FolderWatcher.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>

namespace {

double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Where to put the data."), QStringLiteral("DIR"));
    parser.addOption(dirOption);
    // parse(), not process(): `./dev bench ARGS` hands its extra options (--ten-million) to
    // every benchmark, so one meant for another benchmark must not stop this one.
    if (!parser.parse(app.arguments()))
        std::fprintf(stderr, "bench_watch: ignoring: %s\n", qPrintable(parser.errorText()));
    QTemporaryDir fallback;
    const QString base = parser.isSet(dirOption) ? parser.value(dirOption) : fallback.path();
    const QString folder = QDir(base).filePath(QStringLiteral("watch-sessions"));
    const QString workspace = QDir(base).filePath(QStringLiteral("watch.reverie"));
    QDir(folder).removeRecursively();
    QFile::remove(workspace);

    constexpr int kFiles = 5000;
    constexpr int kProjects = 50;
    for (int i = 0; i < kFiles; ++i) {
        const QString dir = QDir(folder).filePath(QStringLiteral("project-%1").arg(i % kProjects));
        QDir().mkpath(dir);
        QFile f(QDir(dir).filePath(QStringLiteral("session-%1.jsonl").arg(i)));
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        const QByteArray id = "s" + QByteArray::number(i);
        f.write("{\"trajectory\":\"" + id + "\",\"type\":\"task\",\"title\":\"task " + id + "\"}\n");
        f.write("{\"trajectory\":\"" + id + "\",\"type\":\"outcome\",\"status\":\"done\"}\n");
    }
    { reverie::store::Workspace create(workspace); }

    reverie::ingest::FolderWatcher watcher(workspace);
    watcher.setRescanInterval(2000);
    QEventLoop firstDone;
    QObject::connect(&watcher, &reverie::ingest::FolderWatcher::cycleFinished, &firstDone, &QEventLoop::quit);
    watcher.setFolders({folder});
    firstDone.exec();   // the first cycle imports every file

    // Idle: the rescans run, nothing changes.
    QEventLoop idle;
    QTimer::singleShot(40000, &idle, &QEventLoop::quit);   // spans a 30 s safety rescan
    QElapsedTimer wall;
    const double before = cpuMs();
    wall.start();
    idle.exec();
    const double share = 100.0 * (cpuMs() - before) / double(wall.elapsed());
    std::printf("# P8: %d files in %d folders, every file watched, safety rescan every 30 s; idle CPU %.2f%% of one core over %.1f s\n", kFiles,
                kProjects, share, wall.elapsed() / 1000.0);
    reverie::bench::report("P8", share, "%", 1.0, true,
                           QStringLiteral("CPU while watching 5,000 idle session files"));
    return 0;
}
