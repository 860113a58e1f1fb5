// P7: a session file that grew. A 1,000,000-step workspace imported from one native file, then
// 1,000 events appended to one of its runs: the re-import reads only the new bytes, checks the
// stored prefix's hash, and appends the steps to the stored run in one transaction.
//
// usage: bench_append [--events N] [--dir DIR]   (DIR keeps the files)

#include "BenchSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

#include <unistd.h>

using namespace reverie;

namespace {

// `count` events of one run, as an agent appends them while it works.
QByteArray appendedEvents(const QByteArray &run, int count)
{
    QByteArray out;
    const qint64 t0 = 1763990000000;
    for (int i = 0; i < count; ++i) {
        const QByteArray call = "a" + QByteArray::number(i / 2);
        if (i % 2 == 0)
            out += "{\"trajectory\":\"" + run + "\",\"type\":\"tool_call\",\"ts\":" + QByteArray::number(t0 + i * 100)
                   + ",\"tool\":\"run_tests\",\"call_id\":\"" + call + "\",\"input\":{\"suite\":\"smoke " + QByteArray::number(i)
                   + "\"}}\n";
        else
            out += "{\"trajectory\":\"" + run + "\",\"type\":\"observation\",\"ts\":" + QByteArray::number(t0 + i * 100)
                   + ",\"call_id\":\"" + call + "\",\"output\":\"retry after latency timeout on the staging build\","
                   "\"is_error\":" + (i % 10 == 1 ? "true" : "false") + "}\n";
    }
    return out;
}

QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3)
        digits.insert(at, QLatin1Char(','));
    return digits;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bench::SizeAndDir options = bench::sizeAndDir(app.arguments());
    const qint64 events = options.events;
    const QString keepDir = options.dir;
    QTemporaryDir tmp;
    const QString dir = keepDir.isEmpty() ? tmp.path() : keepDir;
    QDir().mkpath(dir);
    const QString jsonl = QDir(dir).filePath(QStringLiteral("growing.jsonl"));
    const QString workspace = QDir(dir).filePath(QStringLiteral("append.reverie"));
    QFile::remove(workspace);
    QFile::remove(workspace + QStringLiteral("-wal"));

    const qint64 written = bench::writeNativeJsonl(jsonl, events);
    {
        store::Workspace ws(workspace);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult first = runner.importFile(jsonl);
        if (!first.ok()) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(first.error));
            return 1;
        }
        std::printf("# workspace: %lld steps in %d runs from a %.1f MiB file\n", first.steps, first.trajectories,
                    double(QFile(jsonl).size()) / (1 << 20));
    }
    // A run in the middle of the file, not the last one: nothing may depend on where it sits.
    constexpr int kAppended = 1000;
    const QByteArray run = "run-" + QByteArray::number(written / 100 / 2);
    {
        QFile f(jsonl);
        if (!f.open(QIODevice::Append) || f.write(appendedEvents(run, kAppended)) < 0)
            qFatal("cannot append to %s", qPrintable(jsonl));
    }
    ::sync();   // the import's commit must not pay for the first import's pages

    store::Workspace ws(workspace);
    ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
    ingest::FileResult result;
    const double ms = bench::timeMs([&] { result = runner.importFile(jsonl); });
    if (!result.ok() || !result.resumed || result.steps != kAppended || result.runsExtended != 1) {
        std::fprintf(stderr, "re-import went wrong: %s (resumed %d, %lld steps, %d runs extended)\n",
                     qPrintable(result.error), int(result.resumed), result.steps, result.runsExtended);
        return 1;
    }
    sql::Statement count(ws.db(), "SELECT count(*) FROM trajectories WHERE external_id = ?");
    count.bind(1, QString::fromLatin1(run));
    if (!count.step() || count.int64(0) != 1) {
        std::fprintf(stderr, "run %s is stored %lld times\n", run.constData(), count.int64(0));
        return 1;
    }
    std::printf("# re-import: %.1f ms for %lld new steps\n", ms, result.steps);
    bench::report("P7", ms, "ms", 100, true,
                  QStringLiteral("appending 1,000 events to a run in a %1-step workspace")
                      .arg(grouped(written)));
    return 0;
}
