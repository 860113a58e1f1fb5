// SWE-agent .traj files: thought / action / observation per step, exit status as the outcome.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

// The fields without a column, as stored (the list queries do not load them).
QJsonObject extraOf(store::Workspace &ws, qint64 trajectoryId)
{
    sql::Statement st(ws.db(), "SELECT extra FROM trajectories WHERE id = ?");
    st.bind(1, trajectoryId);
    return st.step() ? QJsonDocument::fromJson(st.bytes(0)).object() : QJsonObject();
}

int countKind(const std::vector<store::StoredStep> &steps, StepKind kind)
{
    return int(std::count_if(steps.begin(), steps.end(), [kind](const auto &s) { return s.step.kind == kind; }));
}

} // namespace

class TestSweAgent : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realSamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<int>("errorSteps");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("firstTool");
        // Tool calls = trajectory steps in SOURCES.md; errors = tracebacks and rejected edits.
        QTest::newRow("pydicom") << QStringLiteral("pydicom__pydicom-1458.traj") << 12 << 4
                                 << QStringLiteral("pydicom/pydicom") << QStringLiteral("create");
        QTest::newRow("test-repo") << QStringLiteral("swe-agent__test-repo-i1.traj") << 5 << 0
                                   << QStringLiteral("swe-agent/test-repo") << QStringLiteral("find_file");
        QTest::newRow("6e44b9") << QStringLiteral("6e44b9__sweagenttestrepo-1c2844.traj") << 5 << 0
                                << QStringLiteral("SWE-agent/test-repo") << QStringLiteral("find_file");
        QTest::newRow("marshmallow") << QStringLiteral("marshmallow-1867.function_calling_replace.traj") << 11 << 1
                                     << QStringLiteral("marshmallow-code/marshmallow") << QStringLiteral("create");
    }

    void realSamples()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QFETCH(QString, file);
        QFETCH(int, toolCalls);
        QFETCH(int, errorSteps);
        QFETCH(QString, workflow);
        QFETCH(QString, firstTool);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(QDir(test::samplesDir()).filePath(QStringLiteral("swe-agent-traj/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("swe-agent"));
        QCOMPARE(r.trajectories, 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 0"), 1);   // no pass/fail

        store::TrajectoryQueries q(ws);
        const auto all = q.list({}, 0, 10);
        QCOMPARE(all.size(), std::size_t(1));
        const TrajectorySummary &t = all.front();
        QCOMPARE(t.info.outcome, QStringLiteral("submitted"));
        QCOMPARE(t.info.workflow, workflow);
        QCOMPARE(t.info.agent, QStringLiteral("swe-agent"));
        QCOMPARE(t.errorCount, errorSteps);
        QVERIFY(!t.info.task.isEmpty());
        const QJsonObject extra = extraOf(ws, t.id);
        QVERIFY(extra.value(QLatin1String("info")).toObject().contains(QLatin1String("submission")));
        QVERIFY(extra.contains(QLatin1String("history")));   // kept, since the steps come from "trajectory"

        const auto steps = q.steps(t.id);
        QCOMPARE(countKind(steps, StepKind::ToolCall), toolCalls);
        QCOMPARE(countKind(steps, StepKind::Observation), toolCalls);
        QCOMPARE(steps.front().step.kind, StepKind::Task);
        QCOMPARE(steps.back().step.kind, StepKind::Outcome);
        const auto firstCall = std::find_if(steps.begin(), steps.end(),
                                            [](const auto &s) { return s.step.kind == StepKind::ToolCall; });
        QCOMPARE(firstCall->step.tool, firstTool);
        for (const auto &s : steps)
            QVERIFY(QJsonDocument::fromJson(s.step.raw).isObject());
    }

    void fixtureWithTrajectory()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/swe-agent/octo__widgets-42.traj")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("swe-agent"));
        QCOMPARE(r.steps, qint64(10));
        store::TrajectoryQueries q(ws);
        const auto t = q.findByExternalId(QStringLiteral("swe-agent:octo__widgets-42")).front();
        QCOMPARE(t.info.workflow, QStringLiteral("octo/widgets"));
        QCOMPARE(t.info.task, QStringLiteral("resize() crashes on negative sizes"));
        QCOMPARE(t.info.outcome, QStringLiteral("submitted (exit_cost)"));
        QCOMPARE(t.errorCount, 2);   // the traceback and the cost-limit exit
        const auto steps = q.steps(t.id);
        QCOMPARE(steps[1].step.kind, StepKind::Plan);
        QVERIFY(steps[1].step.raw.contains("\"observation\""));   // the first step of an entry holds all of it
        QCOMPARE(steps[5].step.kind, StepKind::ToolCall);
        QCOMPARE(steps[5].step.tool, QStringLiteral("python"));
        QCOMPARE(steps[5].step.durationMs, qint64(1250));
        QVERIFY(steps[6].step.isError);
        QCOMPARE(steps[6].step.callId, steps[5].step.callId);
        QCOMPARE(steps[7].step.tool, QStringLiteral("submit"));   // no thought: the call holds the entry
        QVERIFY(steps[7].step.raw.contains("\"state\""));
        QVERIFY(steps[9].step.isError);
    }

    void fixtureWithHistoryOnly()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/swe-agent/history_only.traj")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("swe-agent"));
        QCOMPARE(r.steps, qint64(9));
        store::TrajectoryQueries q(ws);
        const auto t = q.findByExternalId(QStringLiteral("swe-agent:history_only")).front();
        QCOMPARE(t.info.task, QStringLiteral("The parser rejects empty files"));
        QCOMPARE(t.info.outcome, QStringLiteral("exit_format"));
        QCOMPARE(t.errorCount, 2);
        const auto steps = q.steps(t.id);
        QCOMPARE(steps[3].step.kind, StepKind::ToolCall);
        QCOMPARE(steps[3].step.tool, QStringLiteral("open"));
        QCOMPARE(steps[3].step.callId, QStringLiteral("call_a"));
        QCOMPARE(steps[4].step.kind, StepKind::Observation);
        QCOMPARE(steps[4].step.callId, QStringLiteral("call_a"));
        QVERIFY(steps[4].step.isError);
    }

    // Shapes other SWE-agent releases wrote, in fixtures written by hand in those shapes:
    // 0.x (spring 2024) kept no replay_config and no "thought" (only "response"), so the model
    // comes from the run folder 0.x named <model>__<data>__<config>__t-..__p-..__c-..__install-1;
    // 1.x's retry loop saves {"attempts": [...]} while it runs (RetryAgent, choose=False), one
    // .traj object per attempt with "query", "state" objects and "execution_time".
    void otherReleases_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("0.x run folder") << QStringLiteral(
            "gpt4__swe-bench-dev__default__t-0.00__p-0.95__c-3.00__install-1/acme__clock-3.traj")
                                        << QStringLiteral("swe-agent:acme__clock-3") << 1 << 11 << 3 << 1
                                        << QStringLiteral("gpt4") << QStringLiteral("acme/clock")
                                        << QStringLiteral("parse_date crashes on Feb 30") << QStringLiteral("submitted");
        QTest::newRow("1.x retry attempt 1") << QStringLiteral("acme__pay-9.retry.traj")
                                             << QStringLiteral("swe-agent:acme__pay-9.retry#attempt1") << 2 << 5 << 1 << 1
                                             << QStringLiteral("claude-3-7-sonnet-20250219") << QStringLiteral("acme/pay")
                                             << QStringLiteral("Refunds are charged twice") << QStringLiteral("exit_cost");
        QTest::newRow("1.x retry attempt 2") << QStringLiteral("acme__pay-9.retry.traj")
                                             << QStringLiteral("swe-agent:acme__pay-9.retry#attempt2") << 2 << 5 << 1 << 0
                                             << QStringLiteral("claude-3-7-sonnet-20250219") << QStringLiteral("acme/pay")
                                             << QStringLiteral("Refunds are charged twice") << QStringLiteral("submitted");
    }

    void otherReleases()
    {
        QFETCH(QString, file);
        QFETCH(QString, externalId);
        QFETCH(int, runs);
        QFETCH(int, steps);
        QFETCH(int, toolCalls);
        QFETCH(int, errors);
        QFETCH(QString, model);
        QFETCH(QString, workflow);
        QFETCH(QString, task);
        QFETCH(QString, outcome);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/swe-agent/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("swe-agent"));   // detected, not forced
        QCOMPARE(r.trajectories, runs);
        store::TrajectoryQueries q(ws);
        const auto found = q.findByExternalId(externalId);
        QCOMPARE(found.size(), std::size_t(1));
        const auto &t = found.front();
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.workflow, workflow);
        QCOMPARE(t.info.task, task);
        QCOMPARE(t.info.outcome, outcome);
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.errorCount, errors);
        const auto stored = q.steps(t.id);
        QCOMPARE(int(stored.size()), steps);
        QCOMPARE(countKind(stored, StepKind::ToolCall), toolCalls);
        QCOMPARE(countKind(stored, StepKind::Observation), toolCalls);
        if (file.endsWith(QLatin1String(".retry.traj"))) {
            QCOMPARE(stored[2].step.durationMs, qint64(2500));
            QVERIFY(stored[1].step.raw.contains("\"query\""));   // nothing of the entry is dropped
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\"environment\": \"main\", \"trajectory\": [{\"action\": \"ls\"")
                                   << QStringLiteral("invalid JSON");
        QTest::newRow("trajectory not an array") << QByteArray("{\"trajectory\": {\"action\": \"ls\"}, \"info\": {}}")
                                                 << QStringLiteral("\"trajectory\" must be an array");
        QTest::newRow("entry not an object") << QByteArray("{\"trajectory\": [\"ls\"], \"info\": {}}")
                                             << QStringLiteral("trajectory[0]");
        QTest::newRow("info not an object") << QByteArray("{\"trajectory\": [{\"action\": \"ls\"}], \"info\": 3}")
                                            << QStringLiteral("\"info\" must be an object");
        QTest::newRow("no steps") << QByteArray("{\"trajectory\": [], \"history\": [], \"info\": {}}")
                                  << QStringLiteral("neither \"trajectory\" nor \"history\"");
        QTest::newRow("retry loop without attempts") << QByteArray("{\"attempts\": []}")
                                                     << QStringLiteral("retry-loop .traj with no attempts");
        QTest::newRow("attempt not an object") << QByteArray("{\"attempts\": [3]}") << QStringLiteral("attempts[0]");
        QTest::newRow("an array") << QByteArray("[1, 2]") << QStringLiteral("at byte 0");
        QTest::newRow("deep nesting") << (QByteArray("{\"trajectory\": ") + QByteArray(3000, '[') + QByteArray(3000, ']') + "}")
                                      << QStringLiteral("nested deeper");
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        const QString bad = test::writeFile(dir, QStringLiteral("bad.traj"), content);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto results = runner.importFiles(
            {bad, test::fixture(QStringLiteral("formats/swe-agent/octo__widgets-42.traj"))}, {QStringLiteral("swe-agent")});
        QVERIFY(!results[0].ok());
        QVERIFY2(results[0].error.startsWith(bad + QLatin1Char(':')), qPrintable(results[0].error));
        QVERIFY2(results[0].error.contains(expected), qPrintable(results[0].error));
        QVERIFY(results[1].ok());
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), 10);
    }
};

QTEST_GUILESS_MAIN(TestSweAgent)
#include "tst_formats_sweagent.moc"
