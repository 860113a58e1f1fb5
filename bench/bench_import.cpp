// P1: import of a native JSONL file (FTS index included) against the sqlite3 shell loading the
// same file raw and extracting the same columns with its JSON functions, in the same run.
// It is measured on two shapes of file: runs of 100 steps, and runs of 15 steps, the size of
// tau-bench or support-ticket runs, where the cost of each run counts six times as often.
// P2: the first page of a full-text search over the imported steps.
//
// usage: bench_import [--events N] [--steps-per-run N] [--rounds N] [--dir DIR] [--search-only]
//   Without --steps-per-run both shapes are measured (P1, then P1-short); with it, only that
//   one. Each side runs N times in turn (3 by default) and the medians are compared. DIR
//   keeps the files for later benchmarks (the 100-step workspace is DIR/bench.reverie);
//   --search-only measures P2 again on DIR's workspace.

#include "BenchSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>
#include <optional>

#include <unistd.h>

using namespace reverie;

namespace {

// The same columns the importer keeps, extracted by SQLite's JSON functions.
QByteArray baselineScript(const QString &jsonl)
{
    return "PRAGMA journal_mode = WAL;\n"
           "PRAGMA synchronous = NORMAL;\n"
           "CREATE TABLE raw (line TEXT);\n"
           ".mode ascii\n"
           ".separator \"\\037\" \"\\n\"\n"
           ".import '" + QFile::encodeName(jsonl) + "' raw\n"
           "CREATE TABLE steps AS SELECT\n"
           "  json_extract(line, '$.trajectory') AS trajectory,\n"
           "  json_extract(line, '$.type') AS type,\n"
           "  json_extract(line, '$.ts') AS ts,\n"
           "  json_extract(line, '$.tool') AS tool,\n"
           "  json_extract(line, '$.call_id') AS call_id,\n"
           "  coalesce(json_extract(line, '$.output'), json_extract(line, '$.text'),\n"
           "           json_extract(line, '$.input'), json_extract(line, '$.title')) AS text,\n"
           "  json_extract(line, '$.is_error') AS is_error,\n"
           "  line AS raw\n"
           "FROM raw;\n";
}

// P2: a fresh connection, as the app has after start, then the browser's first page.
void reportSearch(const char *id, const QString &workspace, qint64 steps, double targetMs)
{
    double worst = 0;
    QStringList queries = {QStringLiteral("timeout"), QStringLiteral("invoice rollback"), QStringLiteral("latency")};
    for (const QString &q : queries) {
        store::Workspace ws(workspace);
        store::TrajectoryQueries queriesOf(ws);
        store::TrajectoryFilter f;
        f.search = q;
        std::size_t rows = 0, hits = 0;
        const double ms = bench::timeMs([&] {
            rows = queriesOf.list(f, 0, 200).size();
            hits = queriesOf.searchSteps(q, 200).size();
        });
        std::printf("# %s search \"%s\": %.1f ms (%zu runs, %zu step hits on the first page)\n", id, qPrintable(q), ms, rows, hits);
        worst = qMax(worst, ms);
    }
    bench::report(id, worst, "ms", targetMs, true,
                  QStringLiteral("first page of an FTS search over %1 steps (worst of %2 queries)")
                      .arg(steps)
                      .arg(queries.size()));
}

// One shape of file: made, loaded by the shell, imported by Reverie; P1 printed as `id`.
struct ImportRun {
    qint64 events = 0;
    qint64 steps = 0;
    double ms = 0;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double shellLoad(const QString &jsonl, const QString &baselineDb)
{
    // Both sides commit durably (fsync). Dirty data left by the benchmarks before (the dream
    // corpus, the JSONL file just written) would otherwise be flushed to disk during one of
    // the two timed runs and count against whichever it hits.
    ::sync();
    QByteArray shellErr;
    const double ms = bench::timeMs([&] {
        QProcess p;
        p.start(QStandardPaths::findExecutable(QStringLiteral("sqlite3")), {baselineDb});
        p.write(baselineScript(jsonl));
        p.closeWriteChannel();
        p.waitForFinished(-1);
        shellErr = p.readAllStandardError();
    });
    if (!shellErr.isEmpty())
        std::fprintf(stderr, "sqlite3: %s\n", shellErr.constData());
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")})
        QFile::remove(baselineDb + suffix);   // the 10M one is 2 GiB; nothing reads it again
    return ms;
}

// One shape of file: made, then loaded by the shell and imported by Reverie in turn, `rounds`
// times (the shell's time here swings by 10-20 % from one run to the next); P1 printed as
// `id` from the medians.
std::optional<ImportRun> measureImport(const QString &dir, const QString &name, qint64 events, int stepsPerRun,
                                       const char *id, bool withShell, int rounds)
{
    const QString jsonl = QDir(dir).filePath(name + QStringLiteral(".jsonl"));
    const QString workspace = QDir(dir).filePath(name + QStringLiteral(".reverie"));
    const QString baselineDb = QDir(dir).filePath(name + QStringLiteral("-baseline.sqlite"));

    ImportRun run;
    run.events = bench::writeNativeJsonl(jsonl, events, stepsPerRun);
    std::printf("# %s: %lld events in runs of %d steps, %.1f MiB\n", id, run.events, stepsPerRun,
                double(QFile(jsonl).size()) / (1 << 20));
    if (withShell && QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty()) {
        std::fprintf(stderr, "the sqlite3 shell is needed for the baseline (Debian package sqlite3)\n");
        return std::nullopt;
    }

    std::vector<double> shell, ours;
    ingest::FileResult result;
    for (int round = 0; round < (withShell ? rounds : 1); ++round) {
        if (withShell)
            shell.push_back(shellLoad(jsonl, baselineDb));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")})
            QFile::remove(workspace + suffix);
        ::sync();
        ours.push_back(bench::timeMs([&] {
            store::Workspace ws(workspace);
            ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
            result = runner.importFile(jsonl);
        }));
        if (!result.ok()) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(result.error));
            return std::nullopt;
        }
    }
    QFile::remove(jsonl);
    run.steps = result.steps;
    run.ms = median(ours);
    auto list = [](const std::vector<double> &v) {
        QStringList out;
        for (double ms : v)
            out << QString::number(ms, 'f', 0);
        return out.join(QLatin1String(", "));
    };
    std::printf("# %s: import %.0f ms (%lld steps, %d trajectories, %.0f events/s)%s\n", id, run.ms, result.steps,
                result.trajectories, double(run.events) / run.ms * 1000,
                withShell ? qPrintable(QStringLiteral("; sqlite3 shell %1 ms (medians of %2 turns each: Reverie %3; "
                                                      "the shell %4)")
                                           .arg(median(shell), 0, 'f', 0)
                                           .arg(rounds)
                                           .arg(list(ours), list(shell)))
                          : "");
    if (withShell) {
        const double baseline = median(shell);
        bench::report(id, run.ms / baseline, "ratio", 0.7, true,
                      QStringLiteral("import of %1 native events in runs of %2 steps with FTS vs sqlite3 shell raw "
                                     "load + JSON extract (medians of %3 turns: %4 ms vs %5 ms)")
                          .arg(run.events)
                          .arg(stepsPerRun)
                          .arg(rounds)
                          .arg(run.ms, 0, 'f', 0)
                          .arg(baseline, 0, 'f', 0));
    }
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 events = 1000000;
    int stepsPerRun = 0;   // both shapes
    QString keepDir;
    const QStringList args = app.arguments();
    const bool searchOnly = args.contains(QStringLiteral("--search-only"));
    const bool tenMillion = args.contains(QStringLiteral("--ten-million"));
    int rounds = 3;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--events"))
            events = args.at(i + 1).toLongLong();
        else if (args.at(i) == QLatin1String("--steps-per-run"))
            stepsPerRun = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--dir"))
            keepDir = args.at(i + 1);
        else if (args.at(i) == QLatin1String("--rounds"))
            rounds = qMax(1, args.at(i + 1).toInt());
    }
    QTemporaryDir tmp;
    const QString dir = keepDir.isEmpty() ? tmp.path() : keepDir;
    QDir().mkpath(dir);
    const QString workspace = QDir(dir).filePath(QStringLiteral("bench.reverie"));
    if (searchOnly) {
        if (!QFile::exists(workspace)) {
            std::fprintf(stderr, "--search-only needs %s from an earlier run\n", qPrintable(workspace));
            return 1;
        }
        qint64 steps = 0;
        {
            store::Workspace ws(workspace);
            sql::Statement st(ws.db(), "SELECT count(*) FROM steps");
            steps = st.step() ? st.int64(0) : 0;
        }
        reportSearch("P2", workspace, steps, 50);
        return 0;
    }

    // The 100-step shape is the one later benchmarks browse: it stays as DIR/bench.reverie.
    std::optional<ImportRun> base;
    if (stepsPerRun == 0 || stepsPerRun == 100) {
        base = measureImport(dir, QStringLiteral("bench"), events, 100, "P1", true, rounds);
        if (!base)
            return 1;
    }
    if (stepsPerRun == 0 || stepsPerRun == 15) {
        if (!measureImport(dir, QStringLiteral("short-runs"), events, 15, "P1-short", true, rounds))
            return 1;
        QFile::remove(QDir(dir).filePath(QStringLiteral("short-runs.reverie")));
    } else if (stepsPerRun != 100) {
        if (!measureImport(dir, QStringLiteral("bench"), events, stepsPerRun, "P1", true, rounds))
            return 1;
    }
    if (base)
        reportSearch("P2", workspace, base->steps, 50);

    // Opt-in: ten times the data, no shell baseline (its own load takes over a minute); the
    // import's rate is compared with the 1M one, the search with the same queries.
    if (tenMillion && base) {
        const qint64 bigEvents = 10 * events;
        const std::optional<ImportRun> big =
            measureImport(dir, QStringLiteral("bench-10m"), bigEvents, 100, "P1-10M", false, 1);
        if (!big)
            return 1;
        const double perEventSmall = base->ms / double(base->events);
        const double perEventBig = big->ms / double(big->events);
        bench::report("P1-10M", perEventBig / perEventSmall, "ratio", 1.25, true,
                      QStringLiteral("cost per event importing %1 events against the %2-event import (%3 vs %4 "
                                     "events/s; 1.0 is linear growth)")
                          .arg(big->events)
                          .arg(base->events)
                          .arg(1000.0 / perEventBig, 0, 'f', 0)
                          .arg(1000.0 / perEventSmall, 0, 'f', 0));
        reportSearch("P2-10M", QDir(dir).filePath(QStringLiteral("bench-10m.reverie")), big->steps, 100);
    }
    return 0;
}
