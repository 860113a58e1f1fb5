// P10: a team workspace on PostgreSQL. A 1,000,000-event file imported into a server workspace
// against psql's \copy of the same step rows into a plain table that has the same search
// column and GIN index; then the first page of a search and the review queue's read of 500
// pending proposals, on the server. The server is the tests' own (tests/support/PgTestServer:
// initdb in a temporary folder, fsync off for both sides alike).
//
// usage: bench_server [--events N] [--dir DIR]

#include "BenchSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/review/Ledger.h"
#include "core/store/ProposalStore.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/PgTestServer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace reverie;

namespace {

bool psqlCopy(const test::PgTestServer &server, const QString &database, const QString &command, QString *error)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), server.superuserPassword());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                     QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                                     QString::number(server.port()), QStringLiteral("-U"),
                                     QString::fromLatin1(test::PgTestServer::kSuperuser), QStringLiteral("-d"), database,
                                     QStringLiteral("-c"), command});
    p.waitForFinished(-1);
    *error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    return p.exitCode() == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bench::SizeAndDir options = bench::sizeAndDir(app.arguments());
    const qint64 events = options.events;
    const QString keepDir = options.dir;
    test::PgTestServer server;
    if (!server.isRunning()) {
        std::printf("# P10 skipped: %s\n", qPrintable(server.problem()));
        return server.notInstalled() ? 0 : 1;
    }
    qputenv("PGPASSWORD", server.superuserPassword().toUtf8());
    QTemporaryDir tmp;
    const QString dir = keepDir.isEmpty() ? tmp.path() : keepDir;
    QDir().mkpath(dir);
    const QString jsonl = QDir(dir).filePath(QStringLiteral("server.jsonl"));
    const qint64 written = bench::writeNativeJsonl(jsonl, events, 100);
    std::printf("# P10: %lld events in runs of 100 steps, %.1f MiB\n", written, double(QFile(jsonl).size()) / (1 << 20));

    // Reverie's import into a server workspace (the schema made first, as a team's is).
    const QString address = server.createDatabase(QStringLiteral("team"));
    { store::Workspace create(address); }
    ingest::FileResult result;
    const double importMs = bench::timeMs([&] {
        store::Workspace ws(address);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        result = runner.importFile(jsonl);
    });
    QFile::remove(jsonl);
    if (!result.ok()) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(result.error));
        return 1;
    }

    // The same rows with psql's \copy into a plain table with the same search column and index.
    const QString rows = QDir(dir).filePath(QStringLiteral("steps.tsv"));
    QString error;
    const QString columns = QStringLiteral("id, trajectory_id, seq, ts, kind, tool, call_id, role, text, is_error, duration_ms, raw");
    if (!psqlCopy(server, QStringLiteral("team"), QStringLiteral("\\copy (SELECT %1 FROM steps) TO '%2'").arg(columns, rows), &error)) {
        std::fprintf(stderr, "psql: %s\n", qPrintable(error));
        return 1;
    }
    server.createDatabase(QStringLiteral("baseline"));
    server.psql(QStringLiteral("CREATE TABLE plain_steps (id bigint PRIMARY KEY, trajectory_id bigint, seq bigint, ts bigint, "
                               "kind bigint, tool text, call_id text, role text, text text, is_error bigint, duration_ms bigint, "
                               "raw text, search tsvector GENERATED ALWAYS AS (to_tsvector('simple', "
                               "left(coalesce(text, ''), 200000) || ' ' || coalesce(tool, ''))) STORED); "
                               "CREATE INDEX plain_steps_search ON plain_steps USING GIN (search)"),
                QStringLiteral("baseline"));
    bool copied = false;
    const double copyMs = bench::timeMs([&] {
        copied = psqlCopy(server, QStringLiteral("baseline"),
                          QStringLiteral("\\copy plain_steps (%1) FROM '%2'").arg(columns, rows), &error);
    });
    QFile::remove(rows);
    if (!copied) {
        std::fprintf(stderr, "psql: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("# P10: import %.0f ms (%lld steps), psql \\copy %.0f ms\n", importMs, result.steps, copyMs);
    bench::report("P10", importMs / copyMs, "ratio", 1.5, true,
                  QStringLiteral("import of %1 native events into a PostgreSQL workspace vs psql \\copy of the same step "
                                 "rows into a plain table with the same search column and GIN index (%2 ms vs %3 ms)")
                      .arg(written)
                      .arg(importMs, 0, 'f', 0)
                      .arg(copyMs, 0, 'f', 0));

    // The first page of a search, as the list and the step hits read it.
    double worst = 0;
    for (const QString &q : {QStringLiteral("timeout"), QStringLiteral("invoice rollback"), QStringLiteral("latency")}) {
        store::Workspace ws(address);
        store::TrajectoryFilter f;
        f.search = q;
        const double ms = bench::timeMs([&] {
            store::TrajectoryQueries queries(ws);
            queries.list(f, 0, 200);
            queries.searchSteps(q, 200);
        });
        std::printf("# P10-search \"%s\": %.1f ms\n", qPrintable(q), ms);
        worst = qMax(worst, ms);
    }
    bench::report("P10-search", worst, "ms", 100, true,
                  QStringLiteral("first page of a search on the server workspace (worst of 3 queries)"));

    // The review queue: 500 pending proposals read with their evidence and approvals.
    {
        store::Workspace ws(address);
        review::Ledger ledger(ws);
        for (int i = 0; i < 500; ++i) {
            Proposal p;
            p.op = ProposalOp::Add;
            p.text = QStringLiteral("Rule %1: check the logs before retrying.").arg(i);
            ledger.proposeManual(p, QStringLiteral("ana"));
        }
    }
    std::size_t pending = 0;
    const double queueMs = bench::timeMs([&] {
        store::Workspace ws(address);
        const std::vector<Proposal> queue = store::ProposalStore(ws).list(ProposalStatus::Pending);
        review::Ledger(ws).approversOf(queue);
        pending = queue.size();
    });
    bench::report("P10-review", queueMs, "ms", 200, true,
                  QStringLiteral("the review queue's read of %1 pending proposals with their approvals, on the server")
                      .arg(pending));
    return 0;
}
