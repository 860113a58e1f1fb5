// The native Reverie JSONL importer and the import runner: one file, one transaction.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QByteArray ev(const char *traj, const char *type, const QByteArray &fields = {})
{
    QByteArray line = "{\"trajectory\":\"" + QByteArray(traj) + "\",\"type\":\"" + QByteArray(type) + "\"";
    if (!fields.isEmpty())
        line += "," + fields;
    return line + "}\n";
}

} // namespace

class TestNativeImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void importsRunsWithVerdictsErrorsAndRawLines()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult r = runner.importFile(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("reverie-jsonl"));
        QCOMPARE(r.trajectories, 3);
        QCOMPARE(r.steps, qint64(29));

        store::TrajectoryQueries q(ws);
        const auto failed = q.findByExternalId(QStringLiteral("deploy-000"));
        QCOMPARE(failed.size(), std::size_t(1));
        const TrajectorySummary &t = failed.front();
        QCOMPARE(t.info.verdict, Verdict::Failure);
        QCOMPARE(t.info.workflow, QStringLiteral("deploy_service"));
        QCOMPARE(t.info.model, QStringLiteral("claude-sonnet-4"));
        QCOMPARE(t.info.verdictNotes, QStringLiteral("Never deploy without running the smoke tests first."));
        QVERIFY(t.errorCount >= 2);   // the failed observation and the failed outcome
        QVERIFY(t.info.startedMs > 0 && t.info.endedMs > t.info.startedMs);

        const auto steps = q.steps(t.id);
        QCOMPARE(int(steps.size()), t.stepCount);
        QCOMPARE(steps.front().step.kind, StepKind::Task);
        // An observation knows its tool through the call id.
        bool sawDeployError = false;
        for (const auto &s : steps) {
            if (s.step.kind == StepKind::Observation && s.step.tool == QLatin1String("deploy") && s.step.isError)
                sawDeployError = true;
            QVERIFY(s.step.raw.startsWith("{\"trajectory\": \"deploy-000\""));   // the line, byte for byte
        }
        QVERIFY(sawDeployError);
        QCOMPARE(q.findByExternalId(QStringLiteral("deploy-001")).front().info.verdict, Verdict::Success);
    }

    void reimportingTheSameContentAddsNothing()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const QString path = test::fixture(QStringLiteral("native/deploy_small.jsonl"));
        QVERIFY(runner.importFile(path).ok());
        const qint64 steps = test::scalar(ws, "SELECT count(*) FROM steps");
        // The same bytes under another name are the same content.
        QTemporaryDir other;
        QFile::copy(path, other.filePath(QStringLiteral("copy.jsonl")));
        const auto again = runner.importFile(other.filePath(QStringLiteral("copy.jsonl")));
        QVERIFY(again.ok());
        QVERIFY(again.duplicate);
        QCOMPARE(again.trajectories, 0);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), steps);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 3);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), 1);
    }

    void aFileBrokenAtLineNLeavesNothingAndNamesLineN_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated JSON") << QByteArray("{\"trajectory\":\"t2\",\"type\":\"plan\",\"text\":\"cut")
                                        << QStringLiteral("invalid JSON");
        QTest::newRow("no trajectory") << QByteArray("{\"type\":\"plan\"}") << QStringLiteral("\"trajectory\"");
        QTest::newRow("no type") << QByteArray("{\"trajectory\":\"t2\"}") << QStringLiteral("\"type\"");
        QTest::newRow("not an object") << QByteArray("[1,2,3]") << QStringLiteral("JSON object");
        QTest::newRow("bad verdict") << QByteArray("{\"trajectory\":\"t2\",\"type\":\"verdict\",\"success\":\"yes\"}")
                                     << QStringLiteral("true or false");
        QTest::newRow("bad time") << QByteArray("{\"trajectory\":\"t2\",\"type\":\"plan\",\"ts\":\"yesterday\"}")
                                  << QStringLiteral("RFC 3339");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"trajectory\":\"t2\",\"type\":\"plan\",\"text\":\"\xff\xfe\"}")
                                       << QStringLiteral("invalid JSON");
        QTest::newRow("deep nesting") << (QByteArray("{\"trajectory\":\"t2\",\"type\":\"plan\",\"x\":")
                                          + QByteArray(5000, '[') + QByteArray(5000, ']') + "}")
                                      << QStringLiteral("nested deeper");
        QTest::newRow("NUL byte") << QByteArray("{\"trajectory\":\"t2\",\"type\":\"plan\"}\0garbage", 40)
                                  << QStringLiteral("NUL");
    }

    void aFileBrokenAtLineNLeavesNothingAndNamesLineN()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        QByteArray content;
        content += ev("t1", "task", "\"title\":\"first\",\"workflow\":\"wf\"");
        content += ev("t1", "tool_call", "\"tool\":\"ls\",\"call_id\":\"c1\"");
        content += ev("t1", "observation", "\"call_id\":\"c1\",\"output\":\"ok\"");
        content += "\n";   // blank lines are allowed
        content += ev("t2", "task", "\"title\":\"second\"");
        content += ev("t1", "outcome", "\"status\":\"success\"");
        content += bad + "\n";   // line 7
        content += ev("t2", "outcome", "\"status\":\"success\"");
        const QString path = test::writeFile(dir, QStringLiteral("broken.jsonl"), content);

        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult r = runner.importFile(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(":7:")), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), 0);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 0);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), 0);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps_fts"), 0);
    }

    void aBatchGoesOnAfterABadFile()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        const QString bad = test::writeFile(dir, QStringLiteral("a_bad.jsonl"), "{\"trajectory\":1}\n");
        const QString unknown = test::writeFile(dir, QStringLiteral("b_unknown.txt"), "just some notes\n");
        const QString good = test::writeFile(dir, QStringLiteral("c_good.jsonl"),
                                             ev("ok", "task", "\"title\":\"fine\"") + ev("ok", "plan"));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto results = runner.importFiles({bad, unknown, good});
        QCOMPARE(results.size(), std::size_t(3));
        QVERIFY(!results[0].ok());
        QVERIFY(results[0].error.contains(QLatin1String("a_bad.jsonl")));
        QVERIFY(!results[1].ok());
        QVERIFY2(results[1].error.contains(QLatin1String("unknown format")), qPrintable(results[1].error));
        QVERIFY(results[2].ok());
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 1);
    }

    void interleavedRunsKeepTheirOwnOrder()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        QByteArray content;
        content += ev("a", "plan", "\"text\":\"a0\"");
        content += ev("b", "plan", "\"text\":\"b0\"");
        content += ev("a", "plan", "\"text\":\"a1\"");
        content += ev("b", "mystery", "\"text\":\"b1\",\"extra\":{\"kept\":true}");
        const QString path = test::writeFile(dir, QStringLiteral("mix.jsonl"), content);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        QVERIFY(runner.importFile(path).ok());
        store::TrajectoryQueries q(ws);
        const auto a = q.steps(q.findByExternalId(QStringLiteral("a")).front().id);
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a[1].step.text, QStringLiteral("a1"));
        const auto b = q.steps(q.findByExternalId(QStringLiteral("b")).front().id);
        QCOMPARE(b[1].step.kind, StepKind::Other);   // unknown types are kept, not dropped
        QVERIFY(b[1].step.raw.contains("\"kept\":true"));
    }

    void fullTextSearchFindsSteps()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        QVERIFY(runner.importFile(test::fixture(QStringLiteral("native/deploy_small.jsonl"))).ok());
        store::TrajectoryQueries q(ws);
        store::TrajectoryFilter f;
        f.search = QStringLiteral("health check");
        const auto rows = q.list(f, 0, 100);
        QCOMPARE(rows.size(), std::size_t(3));   // every run's plan or observation mentions it
        f.search = QStringLiteral("invoices");   // only the failed deploy's error says this
        const auto failed = q.list(f, 0, 100);
        QCOMPARE(failed.size(), std::size_t(1));
        QCOMPARE(failed.front().info.externalId, QStringLiteral("deploy-000"));
        const auto hits = q.searchSteps(QStringLiteral("invoices"), 10);
        QCOMPARE(hits.size(), std::size_t(1));
        QVERIFY2(hits.front().snippet.contains(QLatin1String("[invoices]")), qPrintable(hits.front().snippet));
        // Syntax a person might type must not break the query.
        f.search = QStringLiteral("\"unbalanced AND (");
        QCOMPARE(q.list(f, 0, 10).size(), std::size_t(0));
    }

    void cancellingLeavesNothing()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        std::atomic_bool cancel{true};
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        runner.setCancelFlag(&cancel);
        const auto r = runner.importFile(test::fixture(QStringLiteral("native/deploy_small.jsonl")));
        QVERIFY(!r.ok());
        QVERIFY(r.error.contains(QLatin1String("cancelled")));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), 0);
    }
};

QTEST_GUILESS_MAIN(TestNativeImport)
#include "tst_native_import.moc"
