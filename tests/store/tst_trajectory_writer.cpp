// The writer stores a new run's row once, when the run finishes (several runs to a statement):
// ids follow the order runs began in, every field lands, a run begun and never finished is
// still stored, and a run finished twice keeps the later row and all its steps. The first
// import into a workspace builds the run table's indexes at the end, exactly as the schema
// has them, and a failed one leaves them as they were; two runs with one id are refused.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

Step step(const QString &text, bool isError = false)
{
    Step s;
    s.kind = StepKind::Observation;
    s.text = text;
    s.isError = isError;
    return s;
}

// The run table's indexes as the schema stores them, by name.
QStringList indexDefinitions(store::Workspace &ws)
{
    QStringList out;
    sql::Statement st(ws.db(), "SELECT name || ': ' || coalesce(sql, '(constraint)') FROM sqlite_schema "
                               "WHERE type = 'index' AND tbl_name = 'trajectories' ORDER BY name");
    while (st.step())
        out << st.text(0);
    return out;
}

TrajectoryInfo info(int n)
{
    TrajectoryInfo i;
    i.externalId = QStringLiteral("run-%1").arg(n);
    i.workflow = QStringLiteral("wf-%1").arg(n % 3);
    i.task = QStringLiteral("Task %1").arg(n);
    i.model = QStringLiteral("model-%1").arg(n % 2);
    i.startedMs = 1000 + n;
    i.endedMs = 2000 + n;
    i.outcome = QStringLiteral("done");
    i.verdict = n % 2 ? Verdict::Failure : Verdict::Success;
    return i;
}

} // namespace

class TestTrajectoryWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // More runs than one multi-row statement holds, finished in another order than begun.
    void storesEveryRunWhenItFinishes()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        constexpr int kRuns = 37;
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 1});
            std::vector<qint64> handles;
            for (int n = 1; n <= kRuns; ++n) {
                handles.push_back(w.begin(info(n)));
                for (int s = 0; s < n % 4; ++s)
                    w.addStep(handles.back(), step(QStringLiteral("step %1").arg(s), s == 1));
            }
            for (int n = kRuns; n >= 2; --n)   // run 1 is never finished
                w.finish(handles[std::size_t(n - 1)], info(n));
            w.commit();
        }
        store::TrajectoryQueries q(ws);
        store::TrajectoryFilter all;
        all.sort = store::TrajectoryFilter::Sort::ExternalId;
        QCOMPARE(q.count(all), qint64(kRuns));
        for (int n = 2; n <= kRuns; ++n) {
            const std::optional<TrajectorySummary> t = q.get(n);   // ids in the order runs began
            QVERIFY(t);
            const TrajectoryInfo want = info(n);
            QCOMPARE(t->info.externalId, want.externalId);
            QCOMPARE(t->info.workflow, want.workflow);
            QCOMPARE(t->info.task, want.task);
            QCOMPARE(t->info.model, want.model);
            QCOMPARE(t->info.startedMs, want.startedMs);
            QCOMPARE(t->info.endedMs, want.endedMs);
            QCOMPARE(t->info.outcome, want.outcome);
            QCOMPARE(t->info.verdict, want.verdict);
            QVERIFY(t->info.agent.isEmpty());
            QCOMPARE(t->stepCount, n % 4);
            QCOMPARE(t->errorCount, n % 4 > 1 ? 1 : 0);
            QCOMPARE(int(q.steps(n).size()), n % 4);
        }
        const std::optional<TrajectorySummary> unfinished = q.get(1);
        QVERIFY(unfinished);
        QCOMPARE(unfinished->info.externalId, QStringLiteral("run-1"));
        QCOMPARE(unfinished->stepCount, 1);
    }

    void aRunFinishedTwiceKeepsTheLaterRow()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 1});
            const qint64 run = w.begin(info(1));
            w.addStep(run, step(QStringLiteral("first")));
            w.finish(run, info(1));
            w.addStep(run, step(QStringLiteral("second"), true));
            TrajectoryInfo later = info(1);
            later.outcome = QStringLiteral("done again");
            w.finish(run, later);
            w.commit();
        }
        store::TrajectoryQueries q(ws);
        const std::optional<TrajectorySummary> t = q.get(1);
        QVERIFY(t);
        QCOMPARE(t->info.outcome, QStringLiteral("done again"));
        QCOMPARE(t->stepCount, 2);
        QCOMPARE(t->errorCount, 1);
        QCOMPARE(q.count({}), qint64(1));
    }

    void firstImportBuildsTheIndexesAtTheEnd()
    {
        if (test::onServer())
            QSKIP("SQLite's deferred index build; a server keeps its own indexes");
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        const QStringList schema = indexDefinitions(ws);
        QVERIFY2(schema.size() >= 6, qPrintable(schema.join(QLatin1Char('\n'))));
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("h1"), 1});
            // Inside the import the indexes are gone; only the UNIQUE constraint's stays.
            QCOMPARE(indexDefinitions(ws).size(), 1);
            for (int n = 1; n <= 40; ++n) {
                const qint64 h = w.begin(info(n));
                w.addStep(h, step(QStringLiteral("s")));
                w.finish(h, info(n));
            }
            w.commit();
        }
        QCOMPARE(indexDefinitions(ws), schema);
        // The queries that need them use them again.
        sql::Statement plan(ws.db(), "EXPLAIN QUERY PLAN SELECT id FROM trajectories WHERE model = 'model-1'");
        QString detail;
        while (plan.step())
            detail += plan.text(3);
        QVERIFY2(detail.contains(QLatin1String("trajectories_model")), qPrintable(detail));
        store::TrajectoryFilter failed;
        failed.model = QStringLiteral("model-1");
        QCOMPARE(store::TrajectoryQueries(ws).count(failed), qint64(20));
    }

    void aFailedFirstImportLeavesTheIndexes()
    {
        if (test::onServer())
            QSKIP("SQLite's deferred index build; a server keeps its own indexes");
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        const QStringList schema = indexDefinitions(ws);
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("h1"), 1});
            w.begin(info(1));
            w.begin(info(2));
            // Two runs with one id: refused at once, and the import rolls back.
            QVERIFY_THROWS_EXCEPTION(sql::Error, w.begin(info(1)));
        }
        QCOMPARE(indexDefinitions(ws), schema);
        QCOMPARE(store::TrajectoryQueries(ws).count({}), qint64(0));
    }

    // A workspace that holds runs keeps its indexes up to date row by row.
    void laterImportsKeepTheIndexes()
    {
        if (test::onServer())
            QSKIP("SQLite's deferred index build; a server keeps its own indexes");
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        const QStringList schema = indexDefinitions(ws);
        for (const QString &format : {QStringLiteral("reverie-jsonl"), QStringLiteral("other")}) {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), format, format, 1});
            if (format == QLatin1String("other"))
                QCOMPARE(indexDefinitions(ws), schema);
            w.finish(w.begin(info(format.size())), info(format.size()));
            w.commit();
        }
        QCOMPARE(indexDefinitions(ws), schema);
    }

    // A file that breaks after megabytes of steps (on a server they are already streaming to
    // it) stores nothing, says where it broke, and the workspace takes the next file.
    void aFileThatBreaksHalfwayStoresNothing()
    {
        QTemporaryDir dir;
        const QString location = test::workspaceLocation(dir, QStringLiteral("broken.reverie"));
        QByteArray jsonl;
        for (int i = 0; i < 20000; ++i)
            jsonl += QStringLiteral(R"({"trajectory":"r%1","type":"observation","output":"%2"})"
                                    "\n").arg(i / 100).arg(QString(120, QLatin1Char('x'))).toUtf8();
        jsonl += "{\"trajectory\": \"r0\", \"type\": \n";
        const QString broken = test::writeFile(dir, QStringLiteral("broken.jsonl"), jsonl);
        const QString fine = test::writeFile(dir, QStringLiteral("fine.jsonl"),
                                             R"({"trajectory":"ok","type":"task","title":"t"})" "\n");
        store::Workspace ws(location);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult failed = runner.importFile(broken);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error.contains(QLatin1String("broken.jsonl:20001")), qPrintable(failed.error));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), qint64(0));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), qint64(0));
        QVERIFY(runner.importFile(fine).ok());
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestTrajectoryWriter)
#include "tst_trajectory_writer.moc"
