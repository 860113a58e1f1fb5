// P5: cold start of the desktop app to its first painted main window on a 1,000,000-step
// workspace. P6: peak resident memory while browsing that workspace.
//
//   bench_startup [--dir DIR] [--events N] [--app PATH] [--warm N] [--ten-million]
//
// The workspace is DIR/bench.reverie when bench_import left one there, else it is made in DIR
// from N native events (1,000,000) the way bench_import makes it. With --ten-million the same
// is measured again on DIR/bench-10m.reverie (10 N events, made here if bench_import
// --ten-million did not leave it), with the browsing script's time and its worst frame while
// scrolling the list to its end as figures of their own (ids ending in -10M).
// P5 launches the real executable (PATH, by default the one built beside this benchmark) with
// REVERIE_REPORT_FIRST_PAINT=1 (ui/FirstPaintReport.h): it prints "first-paint-ms N" once its
// window has painted the first page of the trajectory list, and quits. The figure is the wall
// time from starting the process to that line, after dropping the page cache when this process
// may (root); a note says whether the start was truly cold. --warm N more warm starts (3) are noted.
// P6 runs this executable again as `bench_startup --browse WORKSPACE`, a fresh process that
// drives the same MainWindow through BrowseWorkspace and prints the P6 line itself.

#include "BenchSupport.h"
#include "BrowseWorkspace.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/model/Error.h"
#include "core/store/Workspace.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <vector>

using namespace reverie;

namespace {

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

// The child of the P6 measurement: a process that has done nothing but browse. `suffix` is
// appended to the ids; the ten-million workspace also reports the script's time and frames.
int browseChild(int argc, char *argv[], const QString &workspace, const QString &suffix)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    try {
        const bench::BrowseReport r = bench::browseWorkspace(workspace);
        std::printf("# browsing%s: %.0f MiB at the first paint; scrolled through %lld runs (worst frame %.1f ms of %d), "
                    "sorted, filtered to %lld failed runs with %d search hits on the first page, opened %d on the "
                    "timeline, in %.2f s (opening %.2f s, %s)\n",
                    qPrintable(suffix), r.firstPaintRssMiB, r.rowsFetched, r.scrollWorstFrameMs, r.scrollFrames,
                    r.filteredTotal, r.searchHits, r.trajectoriesOpened, r.seconds, r.openSeconds, qPrintable(r.phases));
        const QByteArray id = "P6" + suffix.toUtf8();
        bench::report(id.constData(), r.peakRssMiB, "MiB", 300, true,
                      QStringLiteral("peak resident memory (VmHWM) of the main window browsing the P5%1 workspace: list "
                                     "scrolled to its end, sorted, filtered, searched, %2 runs opened")
                          .arg(suffix)
                          .arg(r.trajectoriesOpened));
        if (!suffix.isEmpty()) {
            const QByteArray browseId = "P6-browse" + suffix.toUtf8();
            bench::report(browseId.constData(), r.seconds, "s", 1.5, true,
                          QStringLiteral("the browsing script on %1 runs: open, scroll the list to its end, sort, "
                                         "filter with a search, open %2 runs on the timeline")
                              .arg(r.rowsFetched)
                              .arg(r.trajectoriesOpened));
            const QByteArray frameId = "P6-scroll" + suffix.toUtf8();
            bench::report(frameId.constData(), r.scrollWorstFrameMs, "ms", 50, true,
                          QStringLiteral("longest the GUI thread was busy at once (one frame) while the list of %1 "
                                         "runs scrolled to its end (%2 frames)")
                              .arg(r.rowsFetched)
                              .arg(r.scrollFrames));
        }
    } catch (const Error &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}

// Makes the workspace as bench_import does, when it did not leave one as DIR/`name`.
QString prepareWorkspace(const QString &dir, const QString &name, qint64 events)
{
    const QString workspace = QDir(dir).filePath(name);
    if (QFileInfo::exists(workspace)) {
        std::printf("# P5/P6 use the workspace bench_import left: %.0f MiB\n", double(QFileInfo(workspace).size()) / (1 << 20));
        return workspace;
    }
    const QString jsonl = QDir(dir).filePath(QStringLiteral("startup-events.jsonl"));
    bench::writeNativeJsonl(jsonl, events);
    store::Workspace ws(workspace);
    ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
    const ingest::FileResult r = runner.importFile(jsonl);
    QFile::remove(jsonl);
    if (!r.ok())
        throw Error(QStringLiteral("making the workspace: %1").arg(r.error));
    std::printf("# P5/P6 workspace made here: %lld steps in %d runs\n", r.steps, r.trajectories);
    return workspace;
}

// Empties the page cache so the next start reads the executable, Qt and the workspace from
// disk. Only root may; returns whether it worked.
bool dropPageCache()
{
    ::sync();
    QFile f(QStringLiteral("/proc/sys/vm/drop_caches"));
    return f.open(QIODevice::WriteOnly) && f.write("3\n") == 2 && f.flush();
}

struct StartResult {
    double wallMs = -1;    // process start to the line, measured here
    double selfMs = -1;    // what the app measured from its own start (/proc/self/stat)
};

StartResult startApp(const QString &app, const QString &workspace, const QString &settingsDir)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("REVERIE_REPORT_FIRST_PAINT"), QStringLiteral("1"));
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The app remembers recent workspaces: keep that out of the user's own settings.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), settingsDir);
    env.insert(QStringLiteral("XDG_DATA_HOME"), settingsDir);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    StartResult r;
    QElapsedTimer t;
    t.start();
    p.start(app, {QStringLiteral("--workspace"), workspace});
    QByteArray out;
    while (!out.contains('\n') && p.waitForReadyRead(60'000))
        out += p.readAllStandardOutput();
    if (out.startsWith("first-paint-ms ")) {
        r.wallMs = double(t.nsecsElapsed()) / 1e6;
        r.selfMs = out.mid(15).trimmed().toDouble();
    }
    if (!p.waitForFinished(30'000))
        p.kill();
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

// P5 and P6 on DIR/`name`, ids ending in `suffix`. Returns the exit code.
int measure(const QString &dir, const QString &name, qint64 events, const QString &suffix, const QString &appPath,
            int warmRuns, const QString &settings)
{
    QString workspace;
    try {
        workspace = prepareWorkspace(dir, name, events);
    } catch (const Error &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }

    // P5: the first start after dropping the cache is the cold one; then a few warm ones.
    const bool cold = dropPageCache();
    const StartResult first = startApp(appPath, workspace, settings);
    if (first.wallMs < 0) {
        std::fprintf(stderr, "%s did not report its first paint\n", qPrintable(appPath));
        return 1;
    }
    std::vector<double> warm;
    for (int i = 0; i < warmRuns; ++i)
        warm.push_back(startApp(appPath, workspace, settings).wallMs);
    std::printf("# P5%s start %s: %.0f ms to the line (the app counted %.0f ms from its own start); warm starts: "
                "median %.0f ms of %d\n",
                qPrintable(suffix),
                cold ? "truly cold (page cache dropped first)"
                     : "NOT truly cold (the page cache could not be dropped: not root), so as warm as the last run",
                first.wallMs, first.selfMs, median(warm), int(warm.size()));
    const QByteArray id = "P5" + suffix.toUtf8();
    bench::report(id.constData(), first.wallMs, "ms", 1000, true,
                  QStringLiteral("%1 start of the app to its first painted main window with the first page of runs, "
                                 "on a %2 MiB workspace")
                      .arg(cold ? QStringLiteral("cold") : QStringLiteral("warm (cache not droppable)"))
                      .arg(double(QFileInfo(workspace).size()) / (1 << 20), 0, 'f', 0));

    // P6 in a process of its own, so nothing this one did counts.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), settings);
    env.insert(QStringLiteral("XDG_DATA_HOME"), settings);
    child.setProcessEnvironment(env);
    std::fflush(stdout);
    QStringList childArgs = {QStringLiteral("--browse"), workspace};
    if (!suffix.isEmpty())
        childArgs << QStringLiteral("--suffix") << suffix;
    child.start(QCoreApplication::applicationFilePath(), childArgs);
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        std::fprintf(stderr, "the browsing process failed\n");
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    {
        const QStringList raw = [&] {
            QStringList l;
            for (int i = 0; i < argc; ++i)
                l << QString::fromLocal8Bit(argv[i]);
            return l;
        }();
        if (const QString ws = option(raw, QStringLiteral("--browse")); !ws.isEmpty())
            return browseChild(argc, argv, ws, option(raw, QStringLiteral("--suffix")));
    }
    // No QApplication here: this side only prepares data and starts processes.
    QCoreApplication app(argc, argv);
    // Unknown options are ignored: `./dev bench ARGS` hands its extra options to every benchmark.
    const QStringList args = app.arguments();
    QTemporaryDir tmp;
    const QString dir = option(args, QStringLiteral("--dir"), tmp.path());
    const qint64 events = option(args, QStringLiteral("--events"), QStringLiteral("1000000")).toLongLong();
    const QString appPath = option(args, QStringLiteral("--app"), QStringLiteral(REVERIE_APP_BINARY));
    const int warmRuns = std::max(0, option(args, QStringLiteral("--warm"), QStringLiteral("3")).toInt());
    QDir().mkpath(dir);

    const bool tenMillion = args.contains(QStringLiteral("--ten-million"));
    QTemporaryDir settings;
    int failed = measure(dir, QStringLiteral("bench.reverie"), events, {}, appPath, warmRuns, settings.path());
    if (tenMillion && !failed)
        failed = measure(dir, QStringLiteral("bench-10m.reverie"), 10 * events, QStringLiteral("-10M"), appPath, warmRuns,
                         settings.path());
    return failed;
}
