// OpenHands event streams: UI exports (JSON array of events) and evaluation output (JSONL).

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
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

QString sample(const QString &name) { return QDir(test::samplesDir()).filePath(QStringLiteral("openhands-events/") + name); }

// Steps whose raw is a whole OpenHands event (a thought split into a plan step is not).
int eventSteps(const std::vector<store::StoredStep> &steps)
{
    int n = 0;
    for (const auto &s : steps) {
        const QJsonObject o = QJsonDocument::fromJson(s.step.raw).object();
        if (o.contains(QLatin1String("id")) && (o.contains(QLatin1String("action")) || o.contains(QLatin1String("observation"))))
            ++n;
    }
    return n;
}

} // namespace

class TestOpenHands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evaluationOutputSample()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(sample(QStringLiteral("multi_swe_bench_output.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openhands"));
        QCOMPARE(r.trajectories, 3);
        // No resolved verdict: only finish.task_completed ("partial", "false") speaks.
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 0"), 2);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 2"), 1);

        store::TrajectoryQueries q(ws);
        int events = 0;
        for (const auto &t : q.list({}, 0, 10)) {
            QCOMPARE(t.info.workflow, QStringLiteral("ponylang/ponyc"));
            QCOMPARE(t.info.agent, QStringLiteral("CodeActAgent"));
            QCOMPARE(t.info.model, QStringLiteral("openai/openrouter-llama-4-maverick"));
            QVERIFY(t.info.startedMs > 0 && t.info.endedMs > t.info.startedMs);
            const QJsonObject extra = extraOf(ws, t.id);
            QVERIFY(extra.contains(QLatin1String("metrics")));
            QVERIFY(extra.contains(QLatin1String("test_result")));
            events += eventSteps(q.steps(t.id));
        }
        QCOMPARE(events, 222);   // SOURCES.md: 222 events, each one step

        const auto maxed = q.findByExternalId(QStringLiteral("openhands:ponylang__ponyc-4588")).front();
        QVERIFY(maxed.info.outcome.startsWith(QLatin1String("RuntimeError: Agent reached maximum iteration")));
        QCOMPARE(maxed.info.verdict, Verdict::Unknown);
        const auto steps = q.steps(maxed.id);
        QCOMPARE(steps.back().step.kind, StepKind::Outcome);
        QVERIFY(steps.back().step.isError);
        // 12 failed commands (exit code > 0), one error observation, and the run's own error.
        QCOMPARE(maxed.errorCount, 14);
        QCOMPARE(q.findByExternalId(QStringLiteral("openhands:ponylang__ponyc-4595")).front().errorCount, 5);
        const auto gaveUp = q.findByExternalId(QStringLiteral("openhands:ponylang__ponyc-4593")).front();
        QCOMPARE(gaveUp.errorCount, 3);
        QCOMPARE(gaveUp.info.verdict, Verdict::Failure);
        QCOMPARE(gaveUp.info.outcome, QStringLiteral("finished"));

        store::TrajectoryFilter f;
        f.search = QStringLiteral("execute_bash");
        QCOMPARE(q.count(f), qint64(3));
    }

    void uiExportSample()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(sample(QStringLiteral("trajs_basic_gui_mode.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openhands"));
        QCOMPARE(r.trajectories, 1);
        store::TrajectoryQueries q(ws);
        const auto t = q.findByExternalId(QStringLiteral("openhands:trajs_basic_gui_mode")).front();
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.info.outcome, QStringLiteral("awaiting_user_input"));
        QCOMPARE(t.info.model, QStringLiteral("claude-3-5-sonnet-20241022"));
        QVERIFY(t.info.task.startsWith(QLatin1String("I want to create a VueJS app")));
        QCOMPARE(t.errorCount, 0);   // the only non-zero exit code is -1: a server still running
        const auto steps = q.steps(t.id);
        QCOMPARE(eventSteps(steps), 18);
        QCOMPARE(int(std::count_if(steps.begin(), steps.end(), [](const auto &s) {
                     return s.step.kind == StepKind::ToolCall && s.step.tool == QLatin1String("str_replace_editor");
                 })),
                 2);
    }

    void uiExportFixture()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/openhands/ui_export.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openhands"));
        QCOMPARE(r.steps, qint64(12));
        store::TrajectoryQueries q(ws);
        const auto t = q.findByExternalId(QStringLiteral("openhands:ui_export")).front();
        QCOMPARE(t.info.verdict, Verdict::Success);   // finish.task_completed = "true"
        QCOMPARE(t.info.outcome, QStringLiteral("finished"));
        QCOMPARE(t.info.task, QStringLiteral("Make a hello world script"));
        QCOMPARE(t.errorCount, 2);
        QVERIFY(qAbs(t.info.endedMs - t.info.startedMs - 66581) <= 1);   // microseconds round either way
        const auto steps = q.steps(t.id);
        QCOMPARE(steps[2].step.kind, StepKind::Plan);
        QCOMPARE(steps[2].step.text, QStringLiteral("Create the script first."));
        QCOMPARE(steps[3].step.kind, StepKind::ToolCall);
        QCOMPARE(steps[3].step.tool, QStringLiteral("execute_bash"));
        QCOMPARE(steps[3].step.text, QStringLiteral("echo 'echo hello' > hello.sh"));
        QCOMPARE(steps[4].step.callId, QStringLiteral("toolu_1"));
        QVERIFY(!steps[4].step.isError);
        QVERIFY(steps[6].step.isError);   // exit code 127
        QVERIFY(steps[7].step.isError);   // an "error" observation
        QVERIFY(!steps[9].step.isError);  // exit code -1
        QCOMPARE(steps[10].step.kind, StepKind::Outcome);
        QCOMPARE(steps[10].step.text, QStringLiteral("hello.sh prints hello."));
    }

    void evaluationOutputFixture()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/openhands/eval_output.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openhands"));
        QCOMPARE(r.trajectories, 2);
        QCOMPARE(r.steps, qint64(10));
        store::TrajectoryQueries q(ws);
        const auto failed = q.findByExternalId(QStringLiteral("openhands:acme__rockets-12")).front();
        QCOMPARE(failed.info.verdict, Verdict::Failure);
        QCOMPARE(failed.info.task, QStringLiteral("Rockets explode on launch"));
        QCOMPARE(failed.info.workflow, QStringLiteral("acme/rockets"));
        QCOMPARE(failed.info.agent, QStringLiteral("CodeActAgent"));
        QCOMPARE(failed.info.model, QStringLiteral("openai/test-model"));
        QCOMPARE(failed.errorCount, 1);
        QVERIFY(!extraOf(ws, failed.id).contains(QLatin1String("history")));
        QVERIFY(extraOf(ws, failed.id).contains(QLatin1String("instance")));

        const auto maxed = q.findByExternalId(QStringLiteral("openhands:acme__rockets-13")).front();
        QCOMPARE(maxed.info.verdict, Verdict::Unknown);
        QVERIFY(maxed.info.outcome.startsWith(QLatin1String("RuntimeError: Agent reached maximum iteration")));
        const auto steps = q.steps(maxed.id);
        QCOMPARE(steps[1].step.tool, QStringLiteral("read"));
        QCOMPARE(steps[2].step.callId, steps[1].step.callId);   // paired through "cause"
        QCOMPARE(steps[3].step.kind, StepKind::Outcome);
        QVERIFY(steps[3].step.isError);
    }

    void aRetriedInstanceKeepsBothRuns()
    {
        QTemporaryDir dir;
        QFile f(test::fixture(QStringLiteral("formats/openhands/eval_output.jsonl")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray first = f.readLine();
        const QString path = test::writeFile(dir, QStringLiteral("retried.jsonl"), first + first);
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 2);
        store::TrajectoryQueries q(ws);
        QCOMPARE(q.findByExternalId(QStringLiteral("openhands:acme__rockets-12#line2")).size(), std::size_t(1));
    }

    // Evaluation output whose history is a list of [action, observation] pairs. The fixture is
    // written in that shape by hand: line 1 as OpenHands 0.7-0.9 (mid-2024) SWE-bench run_infer
    // wrote it ("swe_instance", "git_patch", metadata.model_name, NullObservation placeholders;
    // other benchmarks still write pairs via compatibility_for_eval_history_pairs), line 2 as
    // OpenDevin of spring 2024 (events without id, source, timestamp or cause).
    void evaluationOutputInPairs_data()
    {
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("agent");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QStringList>("callIds");
        QTest::newRow("openhands 0.9 pairs") << QStringLiteral("openhands:acme__rockets-7") << 7 << 1 << 1
                                             << QStringLiteral("CodeActAgent") << QStringLiteral("gpt-4o-2024-05-13")
                                             << QStringLiteral("Launch fails when fuel is 0") << QStringLiteral("finished")
                                             << QStringList{QStringLiteral("event:3")};
        QTest::newRow("opendevin pairs without ids")
            << QStringLiteral("openhands:acme__rockets-8") << 8 << 3 << 2 << QStringLiteral("MonologueAgent")
            << QStringLiteral("gpt-4-turbo-2024-04-09") << QStringLiteral("Countdown skips 3")
            << QStringLiteral("Agent got stuck in a loop")
            << QStringList{QStringLiteral("pair:0"), QStringLiteral("pair:1"), QStringLiteral("pair:2")};
    }

    void evaluationOutputInPairs()
    {
        QFETCH(QString, externalId);
        QFETCH(int, steps);
        QFETCH(int, toolCalls);
        QFETCH(int, errors);
        QFETCH(QString, agent);
        QFETCH(QString, model);
        QFETCH(QString, task);
        QFETCH(QString, outcome);
        QFETCH(QStringList, callIds);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/openhands/eval_output_pairs.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openhands"));   // detected, not forced
        QCOMPARE(r.trajectories, 2);
        store::TrajectoryQueries q(ws);
        const auto found = q.findByExternalId(externalId);
        QCOMPARE(found.size(), std::size_t(1));
        const auto &t = found.front();
        QCOMPARE(t.info.agent, agent);
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.task, task);
        QCOMPARE(t.info.workflow, QStringLiteral("acme/rockets"));
        QCOMPARE(t.info.outcome, outcome);
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.errorCount, errors);
        const auto stored = q.steps(t.id);
        QCOMPARE(int(stored.size()), steps);
        QStringList calls, observed;
        for (const auto &s : stored) {
            if (s.step.kind == StepKind::ToolCall)
                calls << s.step.callId;
            else if (s.step.kind == StepKind::Observation)
                observed << s.step.callId;
        }
        QCOMPARE(int(calls.size()), toolCalls);
        QCOMPARE(calls, callIds);
        QCOMPARE(observed, callIds);   // each observation paired with the action of its pair
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray ev = R"({"id": 1, "source": "user", "action": "message", "args": {"content": "hi"}})";
        QTest::newRow("jsonl: truncated line") << QStringLiteral("bad.jsonl")
                                               << QByteArray(R"({"instance_id": "a", "history": [)" + ev + "]}\n"
                                                             + R"({"instance_id": "b", "history": [)" + ev)
                                               << QStringLiteral(":2: column");
        QTest::newRow("jsonl: history not an array") << QStringLiteral("bad.jsonl")
                                                     << QByteArray(R"({"instance_id": "a", "history": {"id": 1}})" "\n")
                                                     << QStringLiteral(":1: expected \"history\"");
        QTest::newRow("jsonl: event not an object") << QStringLiteral("bad.jsonl")
                                                    << QByteArray(R"({"instance_id": "a", "history": [)" + ev + ", 5]}\n")
                                                    << QStringLiteral(":1: history[1]: expected an event object");
        QTest::newRow("jsonl: args wrong type")
            << QStringLiteral("bad.jsonl")
            << QByteArray(R"({"instance_id": "a", "history": [{"id": 1, "source": "agent", "action": "run", "args": "ls"}]})" "\n")
            << QStringLiteral("\"args\" must be an object");
        QTest::newRow("jsonl: pair of three")
            << QStringLiteral("bad.jsonl")
            << QByteArray(R"({"instance_id": "a", "history": [[)" + ev + ", " + ev + ", " + ev + "]]}\n")
            << QStringLiteral(":1: history[0]: an [action, observation] pair needs 2 events, not 3");
        QTest::newRow("jsonl: pair half not an object")
            << QStringLiteral("bad.jsonl") << QByteArray(R"({"instance_id": "a", "history": [[)" + ev + ", 7]]}\n")
            << QStringLiteral(":1: history[0][1]: expected an event object");
        QTest::newRow("array: truncated") << QStringLiteral("bad.json") << QByteArray("[" + ev + ", {\"id\": 2, \"sou")
                                          << QStringLiteral("invalid JSON");
        QTest::newRow("array: extras wrong type")
            << QStringLiteral("bad.json")
            << QByteArray("[" + ev + R"(, {"id": 2, "source": "agent", "observation": "run", "extras": [1]}])")
            << QStringLiteral("event 1 of the top-level array: \"extras\" must be an object");
    }

    void badInput()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        const QString bad = test::writeFile(dir, name, content);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto results = runner.importFiles(
            {bad, test::fixture(QStringLiteral("formats/openhands/eval_output.jsonl"))}, {QStringLiteral("openhands")});
        QVERIFY(!results[0].ok());
        QVERIFY2(results[0].error.startsWith(bad + QLatin1Char(':')), qPrintable(results[0].error));
        QVERIFY2(results[0].error.contains(expected), qPrintable(results[0].error));
        QVERIFY(results[1].ok());
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 2);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), 10);
    }
};

QTEST_GUILESS_MAIN(TestOpenHands)
#include "tst_formats_openhands.moc"
