// tau-bench results: streamed JSON arrays of runs, reward as the verdict.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QHash>
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

QString sample(const QString &name) { return QDir(test::samplesDir()).filePath(QStringLiteral("tau-bench/") + name); }

QByteArray run(int taskId, int trial, const char *reward, const QByteArray &traj)
{
    return "{\"task_id\":" + QByteArray::number(taskId) + ",\"trial\":" + QByteArray::number(trial)
           + ",\"reward\":" + reward + ",\"info\":{\"task\":{\"instruction\":\"do it\"}},\"traj\":" + traj + "}";
}

} // namespace

class TestTauBench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realSampleImportsWithExactVerdicts()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(sample(QStringLiteral("gpt-4o-airline.tasks00-24.trials0-1.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("tau-bench"));   // detected, not forced
        QCOMPARE(r.trajectories, 50);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 1"), 14);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 2"), 36);
        // SOURCES.md: 1504 messages and 313 tool calls. Each message yields a message step, a
        // tool call or an observation (an assistant turn with text and a call yields both).
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 2"), 313);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind IN (3, 4)")
                     + test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 2 AND raw LIKE '{\"content\"%'"),
                 1504);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 3 AND is_error = 1"), 29);   // "Error: ..."

        store::TrajectoryQueries q(ws);
        const auto first = q.findByExternalId(QStringLiteral("tau-bench:gpt-4o-airline.tasks00-24.trials0-1:0:0"));
        QCOMPARE(first.size(), std::size_t(1));
        const TrajectorySummary &t = first.front();
        QCOMPARE(t.info.workflow, QStringLiteral("airline"));
        QCOMPARE(t.info.model, QStringLiteral("gpt-4o"));
        QVERIFY(t.info.task.startsWith(QLatin1String("You are mia_li_3668.")));
        QCOMPARE(t.info.verdict, Verdict::Failure);
        const QJsonObject extra = extraOf(ws, t.id);
        QVERIFY(extra.value(QLatin1String("info")).toObject().contains(QLatin1String("reward_info")));
        QVERIFY(!extra.contains(QLatin1String("traj")));   // the messages are the steps

        const auto steps = q.steps(t.id);
        bool sawCall = false;
        QHash<QString, QString> lastToolByCallId;   // this file reuses call ids within a run
        for (const auto &s : steps) {
            QVERIFY(!s.step.raw.isEmpty());
            QVERIFY(QJsonDocument::fromJson(s.step.raw).isObject());
            if (s.step.kind == StepKind::ToolCall) {
                lastToolByCallId.insert(s.step.callId, s.step.tool);
                if (s.step.tool == QLatin1String("get_user_details")) {
                    sawCall = true;
                    QVERIFY(s.step.text.contains(QLatin1String("mia_li_3668")));
                }
            }
            if (s.step.kind == StepKind::Observation)
                QCOMPARE(s.step.tool, lastToolByCallId.value(s.step.callId));
        }
        QVERIFY(sawCall);
    }

    void fixtureMapsEveryField()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/tau-bench/retail_small.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("tau-bench"));
        QCOMPARE(r.trajectories, 3);
        QCOMPARE(r.steps, qint64(12 + 7 + 4));

        store::TrajectoryQueries q(ws);
        const auto ok = q.findByExternalId(QStringLiteral("tau-bench:retail_small:7:0")).front();
        QCOMPARE(ok.info.verdict, Verdict::Success);
        QCOMPARE(ok.info.workflow, QStringLiteral("retail"));
        QCOMPARE(ok.info.task, QStringLiteral("You are ana_lee_101. You want to return the blue kettle from order #W100."));
        QCOMPARE(ok.errorCount, 0);
        const auto steps = q.steps(ok.id);
        QCOMPARE(steps.front().step.kind, StepKind::Task);
        QCOMPARE(steps.back().step.kind, StepKind::Verdict);
        // The assistant turn with text and a call: the message step holds the whole message,
        // the tool call step only its call.
        const auto &msg = steps[7].step;
        const auto &call = steps[8].step;
        QCOMPARE(msg.kind, StepKind::Message);
        QCOMPARE(msg.text, QStringLiteral("Processing the return now."));
        QVERIFY(msg.raw.contains("\"tool_calls\""));
        QCOMPARE(call.kind, StepKind::ToolCall);
        QCOMPARE(call.tool, QStringLiteral("return_delivered_order_items"));
        QCOMPARE(call.callId, QStringLiteral("call_2"));
        QVERIFY(call.raw.startsWith("{\"function\""));

        const auto failed = q.findByExternalId(QStringLiteral("tau-bench:retail_small:7:1")).front();
        QCOMPARE(failed.info.verdict, Verdict::Failure);
        QCOMPARE(failed.errorCount, 1);

        const auto partial = q.findByExternalId(QStringLiteral("tau-bench:retail_small:8:0")).front();
        QCOMPARE(partial.info.verdict, Verdict::Unknown);
        QVERIFY(partial.info.verdictNotes.contains(QLatin1String("0.5")));
        QVERIFY(extraOf(ws, partial.id).contains(QLatin1String("extra_field_from_a_newer_version")));   // unknown fields kept
        QCOMPARE(q.steps(partial.id)[1].step.text, QStringLiteral("Where is order #W200?"));   // content parts
    }

    // Shapes older releases wrote, each fixture written by hand in that release's shape:
    // - gpt-4o-retail-first-release.json: tau-bench's first release (June 2024, run.py at
    //   6f4b718): the GPT agent's call stored as a Python repr "Function(arguments=..., name=...)"
    //   without an id, info holding the reward's parts (r_actions) and no task, reward an int,
    //   and a crashed run whose info is the string "Error: ...".
    // - claude-3-5-sonnet-airline-first-release.json: the same release's Claude agent, which kept
    //   Anthropic content blocks (tool_use / tool_result).
    // - tau2_airline_small.json: tau2-bench (2025) results {timestamp, info, tasks, simulations}.
    void olderShapes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("runs");
        QTest::addColumn<qint64>("steps");
        QTest::addColumn<qint64>("toolCalls");
        QTest::addColumn<qint64>("errors");
        QTest::addColumn<qint64>("successes");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("callId");
        QTest::addColumn<QString>("arguments");
        QTest::newRow("first release, GPT agent")
            << QStringLiteral("gpt-4o-retail-first-release.json") << 2 << qint64(7 + 4) << qint64(1) << qint64(1) << qint64(1)
            << QStringLiteral("tau-bench:gpt-4o-retail-first-release:3:0") << QStringLiteral("gpt-4o")
            << QStringLiteral("retail") << QStringLiteral("get_user_details") << QStringLiteral("call_9xQ")
            << QStringLiteral("{\"user_id\": \"ana_lee_101\", \"note\": \"it's me\"}");
        QTest::newRow("first release, Claude agent")
            << QStringLiteral("claude-3-5-sonnet-airline-first-release.json") << 1 << qint64(8) << qint64(1) << qint64(1)
            << qint64(0) << QStringLiteral("tau-bench:claude-3-5-sonnet-airline-first-release:0:0")
            << QStringLiteral("claude-3-5-sonnet") << QStringLiteral("airline") << QStringLiteral("get_reservation_details")
            << QStringLiteral("toolu_01") << QStringLiteral("{\"reservation_id\":\"ZFA04Y\"}");
        QTest::newRow("tau2-bench simulations")
            << QStringLiteral("tau2_airline_small.json") << 2 << qint64(7 + 6) << qint64(2) << qint64(1) << qint64(1)
            << QStringLiteral("tau-bench:tau2_airline_small:5:0") << QStringLiteral("claude-3-7-sonnet-20250219")
            << QStringLiteral("airline") << QStringLiteral("cancel_reservation") << QStringLiteral("call_a")
            << QStringLiteral("{\"reservation_id\":\"EHGLP3\"}");
    }

    void olderShapes()
    {
        QFETCH(QString, file);
        QFETCH(int, runs);
        QFETCH(qint64, steps);
        QFETCH(qint64, toolCalls);
        QFETCH(qint64, errors);
        QFETCH(qint64, successes);
        QFETCH(QString, externalId);
        QFETCH(QString, model);
        QFETCH(QString, workflow);
        QFETCH(QString, tool);
        QFETCH(QString, callId);
        QFETCH(QString, arguments);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/tau-bench/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("tau-bench"));   // detected, not forced
        QCOMPARE(r.trajectories, runs);
        QCOMPARE(r.steps, steps);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE kind = 2"), toolCalls);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps WHERE is_error = 1"), errors);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 1"), successes);

        store::TrajectoryQueries q(ws);
        const auto found = q.findByExternalId(externalId);
        QCOMPARE(found.size(), std::size_t(1));
        const TrajectorySummary &t = found.front();
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.workflow, workflow);
        QVERIFY(!t.info.task.isEmpty());   // the first user turn, when info has no task
        // The call and its result are paired by id, even where the call was written without one.
        bool sawCall = false, sawResult = false;
        for (const auto &s : q.steps(t.id)) {
            if (s.step.kind == StepKind::ToolCall) {
                sawCall = true;
                QCOMPARE(s.step.tool, tool);
                QCOMPARE(s.step.callId, callId);
                QCOMPARE(s.step.text, arguments);
            } else if (s.step.kind == StepKind::Observation) {
                sawResult = true;
                QCOMPARE(s.step.tool, tool);
                QCOMPARE(s.step.callId, callId);
            }
        }
        QVERIFY(sawCall && sawResult);
    }

    void firstReleaseCrashedRunIsAnError()
    {
        // The first release wrote info as the string "Error: ..." when the agent raised.
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/tau-bench/gpt-4o-retail-first-release.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        store::TrajectoryQueries q(ws);
        const auto crashed = q.findByExternalId(QStringLiteral("tau-bench:gpt-4o-retail-first-release:4:0")).front();
        QCOMPARE(crashed.info.outcome, QStringLiteral("error"));
        QCOMPARE(crashed.info.verdict, Verdict::Failure);
        QCOMPARE(crashed.errorCount, 1);
        const auto steps = q.steps(crashed.id);
        QCOMPARE(steps[2].step.kind, StepKind::Outcome);
        QVERIFY(steps[2].step.text.startsWith(QLatin1String("Error: RateLimitError")));

        // tau2-bench: the termination reason joins the reward in the outcome.
        const auto r2 = runner.importFile(test::fixture(QStringLiteral("formats/tau-bench/tau2_airline_small.json")));
        QVERIFY2(r2.ok(), qPrintable(r2.error));
        const auto stopped = q.findByExternalId(QStringLiteral("tau-bench:tau2_airline_small:5:1")).front();
        QCOMPARE(stopped.info.outcome, QStringLiteral("reward 0 (too_many_errors)"));
        QCOMPARE(stopped.info.agent, QStringLiteral("llm_agent"));
    }

    void badInputNamesFileAndRecordAndLeavesNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray good = run(1, 0, "1.0", "[{\"role\":\"user\",\"content\":\"hi\"}]");
        QTest::newRow("truncated") << QByteArray("[" + good + ",{\"task_id\": 2, \"traj\": [{\"role\"")
                                   << QStringLiteral("invalid JSON");
        QTest::newRow("traj not an array") << QByteArray("[" + good + "," + run(2, 0, "0", "{\"role\":\"user\"}") + "]")
                                           << QStringLiteral("record 1 of the top-level array: \"traj\" must be an array");
        QTest::newRow("reward a string") << QByteArray("[" + run(2, 0, "\"yes\"", "[]") + "]")
                                         << QStringLiteral("record 0 of the top-level array: \"reward\" must be a number");
        QTest::newRow("message not an object") << QByteArray("[" + good + "," + run(2, 0, "0", "[42]") + "]")
                                               << QStringLiteral("message 0 of \"traj\" is not a JSON object");
        QTest::newRow("tool_calls wrong type")
            << QByteArray("[" + run(2, 0, "0", "[{\"role\":\"assistant\",\"tool_calls\":{\"id\":1}}]") + "]")
            << QStringLiteral("\"tool_calls\" must be an array");
        QTest::newRow("element not an object") << QByteArray("[" + good + ", 17]") << QStringLiteral("record 1");
        QTest::newRow("function_call neither object nor repr")
            << QByteArray("[" + run(2, 0, "0", "[{\"role\":\"assistant\",\"function_call\":\"get_user()\"}]") + "]")
            << QStringLiteral("record 0 of the top-level array: message 0: \"function_call\" is neither");
    }

    void badInputNamesFileAndRecordAndLeavesNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        const QString bad = test::writeFile(dir, QStringLiteral("bad.json"), content);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto results = runner.importFiles({bad, test::fixture(QStringLiteral("formats/tau-bench/retail_small.json"))},
                                                {QStringLiteral("tau-bench")});
        QCOMPARE(results.size(), std::size_t(2));
        QVERIFY(!results[0].ok());
        QVERIFY2(results[0].error.startsWith(bad + QLatin1Char(':')), qPrintable(results[0].error));
        QVERIFY2(results[0].error.contains(expected), qPrintable(results[0].error));
        QVERIFY2(results[1].ok(), qPrintable(results[1].error));   // the batch goes on
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), 1);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 3);
    }

    void largeArrayStreamsWithProgress()
    {
        // A generated file of 4,000 runs; elements arrive one at a time, so progress moves
        // while the file is read rather than once at the end.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big-airline.json"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[\n");
            QByteArray traj = "[{\"role\":\"system\",\"content\":\"# Airline Agent Policy\\n" + QByteArray(2000, 'p') + "\"}";
            for (int m = 0; m < 10; ++m)
                traj += ",{\"role\":\"user\",\"content\":\"message " + QByteArray::number(m) + "\"}";
            traj += "]";
            for (int i = 0; i < 4000; ++i) {
                f.write(run(i, 0, i % 3 ? "0.0" : "1.0", traj));
                f.write(i + 1 < 4000 ? ",\n" : "\n");
            }
            f.write("]\n");
        }
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        QList<qint64> progress;
        runner.setProgress([&](qint64 done, qint64) { progress << done; });
        const auto r = runner.importFile(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("tau-bench"));
        QCOMPARE(r.trajectories, 4000);
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories WHERE verdict = 1"), 1334);
        QVERIFY(progress.size() > 100);
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    }

    void cancellingLeavesNothing()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        std::atomic_bool cancel{true};
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        runner.setCancelFlag(&cancel);
        const auto r = runner.importFile(test::fixture(QStringLiteral("formats/tau-bench/retail_small.json")));
        QVERIFY(r.error.contains(QLatin1String("cancelled")));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), 0);
    }
};

QTEST_GUILESS_MAIN(TestTauBench)
#include "tst_formats_taubench.moc"
