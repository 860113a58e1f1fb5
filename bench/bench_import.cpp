// P1: import of a native JSONL file (FTS index included) against the sqlite3 shell loading the
// same file raw and extracting the same columns with its JSON functions, in the same run.
// P2: the first page of a full-text search over the imported steps.
//
// usage: bench_import [--events N] [--dir DIR] [--search-only]
//   DIR keeps the files for later benchmarks; --search-only measures P2 again on DIR's workspace.

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

#include <cstdio>

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
void reportSearch(const QString &workspace, qint64 steps)
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
        std::printf("# search \"%s\": %.1f ms (%zu runs, %zu step hits on the first page)\n", qPrintable(q), ms, rows, hits);
        worst = qMax(worst, ms);
    }
    bench::report("P2", worst, "ms", 50, true,
                  QStringLiteral("first page of an FTS search over %1 steps (worst of %2 queries)")
                      .arg(steps)
                      .arg(queries.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qint64 events = 1000000;
    QString keepDir;
    const QStringList args = app.arguments();
    const bool searchOnly = args.contains(QStringLiteral("--search-only"));
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--events"))
            events = args.at(i + 1).toLongLong();
        else if (args.at(i) == QLatin1String("--dir"))
            keepDir = args.at(i + 1);
    }
    QTemporaryDir tmp;
    const QString dir = keepDir.isEmpty() ? tmp.path() : keepDir;
    QDir().mkpath(dir);
    const QString jsonl = QDir(dir).filePath(QStringLiteral("events.jsonl"));
    const QString workspace = QDir(dir).filePath(QStringLiteral("bench.reverie"));
    const QString baselineDb = QDir(dir).filePath(QStringLiteral("baseline.sqlite"));
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
        reportSearch(workspace, steps);
        return 0;
    }
    QFile::remove(workspace);
    QFile::remove(workspace + QStringLiteral("-wal"));
    QFile::remove(baselineDb);
    QFile::remove(baselineDb + QStringLiteral("-wal"));

    const qint64 written = bench::writeNativeJsonl(jsonl, events);
    std::printf("# %lld events, %.1f MiB\n", written, double(QFile(jsonl).size()) / (1 << 20));

    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        std::fprintf(stderr, "the sqlite3 shell is needed for the baseline (Debian package sqlite3)\n");
        return 1;
    }
    // Both sides commit durably (fsync). Dirty data left by the benchmarks before (the dream
    // corpus, the JSONL file just written) would otherwise be flushed to disk during one of
    // the two timed runs and count against whichever it hits.
    ::sync();
    QByteArray shellErr;
    const double baseline = bench::timeMs([&] {
        QProcess p;
        p.start(sqlite3, {baselineDb});
        p.write(baselineScript(jsonl));
        p.closeWriteChannel();
        p.waitForFinished(-1);
        shellErr = p.readAllStandardError();
    });
    if (!shellErr.isEmpty())
        std::fprintf(stderr, "sqlite3: %s\n", shellErr.constData());

    ::sync();
    ingest::FileResult result;
    const double ours = bench::timeMs([&] {
        store::Workspace ws(workspace);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        result = runner.importFile(jsonl);
    });
    if (!result.ok()) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(result.error));
        return 1;
    }
    std::printf("# import %.0f ms (%lld steps, %d trajectories); sqlite3 shell %.0f ms\n", ours,
                result.steps, result.trajectories, baseline);
    bench::report("P1", ours / baseline, "ratio", 0.7, true,
                  QStringLiteral("import of %1 native events with FTS vs sqlite3 shell raw load + JSON extract "
                                 "(%2 ms vs %3 ms)")
                      .arg(written)
                      .arg(ours, 0, 'f', 0)
                      .arg(baseline, 0, 'f', 0));

    reportSearch(workspace, result.steps);
    return 0;
}
