// The Agent Trajectory Interchange Format (harbor RFC 0001): steps by source, reasoning, tool
// calls paired with observation results, embedded subagents as runs of their own.

#include "TranscriptImportSupport.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTest>

using namespace reverie;

class TestFormatsAtif : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepsToolCallsAndObservations()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/atif/currency_convert.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("atif"));
        QCOMPARE(r.trajectories, 1);
        const TrajectorySummary t = bench.run(QStringLiteral("3f2a9c1e-7b44-4d0e-8f61-0c2d5e9a7b10"));   // session_id
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.info.agent, QStringLiteral("fx-helper"));
        QCOMPARE(t.info.model, QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(t.info.task, QStringLiteral("How much is 250 CHF in JPY and in NOK?"));
        QCOMPARE(t.info.startedMs, QDateTime::fromString(QStringLiteral("2026-02-14T08:00:00Z"), Qt::ISODate).toMSecsSinceEpoch());
        QCOMPARE(t.info.endedMs - t.info.startedMs, qint64(6000));
        QCOMPARE(t.errorCount, 1);   // the result marked in its extra
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("schema_version")).toString(), QStringLiteral("ATIF-v1.4"));
        QCOMPARE(extra.value(QStringLiteral("final_metrics")).toMap().value(QStringLiteral("total_steps")).toInt(), 5);
        QCOMPARE(extra.value(QStringLiteral("agent")).toMap().value(QStringLiteral("version")).toString(), QStringLiteral("0.3.1"));

        const auto steps = bench.steps(t);
        const std::vector<StepKind> kinds = {StepKind::Message,     StepKind::Message,     StepKind::Plan,
                                             StepKind::Message,     StepKind::ToolCall,    StepKind::ToolCall,
                                             StepKind::Observation, StepKind::Observation, StepKind::ToolCall,
                                             StepKind::Observation, StepKind::Message};
        QCOMPARE(steps.size(), kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i)
            QVERIFY2(steps[i].kind == kinds[i], qPrintable(QStringLiteral("step %1").arg(i)));
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QCOMPARE(steps[2].text, QStringLiteral("Two independent lookups; run them together."));
        QCOMPARE(steps[3].role, QStringLiteral("assistant"));
        QCOMPARE(steps[4].tool, QStringLiteral("get_rate"));
        QCOMPARE(steps[4].callId, QStringLiteral("fx_jpy"));
        QCOMPARE(steps[4].text, QStringLiteral("{\"from\":\"CHF\",\"to\":\"JPY\"}"));
        QCOMPARE(steps[6].text, QStringLiteral("1 CHF = 171.2 JPY"));
        QVERIFY(steps[7].isError);
        QCOMPARE(steps[7].callId, QStringLiteral("fx_nok"));
        QCOMPARE(steps[9].text, QStringLiteral("1 CHF = 12.4 NOK"));   // content parts
        // The first step made from an ATIF step holds all of it, metrics included.
        QCOMPARE(QJsonDocument::fromJson(steps[2].raw).object().value(QLatin1String("step_id")).toInt(), 3);
        QVERIFY(steps[2].raw.contains("\"cost_usd\""));
        QVERIFY(steps[8].raw.contains("\"metrics\""));   // step 4 has no message: its tool call comes first
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
    }

    void embeddedSubagentsAreRunsOfTheirOwn()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/atif/delegating_subagent.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 2);
        const TrajectorySummary parent = bench.run(QStringLiteral("planner-main"));
        QCOMPARE(parent.stepCount, 5);
        const auto ps = bench.steps(parent);
        QCOMPARE(ps[2].tool, QStringLiteral("delegate"));
        QVERIFY(ps[3].text.contains(QLatin1String("subagent: searcher-1")));
        const TrajectorySummary child = bench.run(QStringLiteral("planner-main/searcher-1"));
        QCOMPARE(child.info.agent, QStringLiteral("searcher"));
        QCOMPARE(child.info.model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(child.info.task, QStringLiteral("list crash bugs"));
        QCOMPARE(bench.extra(child).value(QStringLiteral("parent_trajectory")).toString(), QStringLiteral("planner-main"));
        QCOMPARE(child.stepCount, 4);
    }

    void badInputNamesTheRecordAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "{\"schema_version\":\"ATIF-v1.4\",\"session_id\":\"s\",\"agent\":{\"name\":\"a\",\"version\":\"1\"},";
        QTest::newRow("not ATIF") << QByteArray("{\"schema_version\":\"ATIF-v1.4\",\"agent\":{},\"steps\":{}}")
                                  << QStringLiteral("\"steps\" must be an array");
        QTest::newRow("no agent") << QByteArray("{\"schema_version\":\"ATIF-v1.4\",\"agent\":\"me\",\"steps\":[]}")
                                  << QStringLiteral("\"agent\" must be an object");
        QTest::newRow("step without source") << head + "\"steps\":[{\"step_id\":1,\"message\":\"hi\"}]}"
                                             << QStringLiteral("steps[0]: \"source\" must be");
        QTest::newRow("message a number") << head + "\"steps\":[{\"step_id\":1,\"source\":\"user\",\"message\":\"a\"},"
                                                    "{\"step_id\":2,\"source\":\"agent\",\"message\":3}]}"
                                          << QStringLiteral("steps[1]: \"message\" must be");
        QTest::newRow("tool_calls an object") << head + "\"steps\":[{\"step_id\":1,\"source\":\"agent\",\"message\":\"\","
                                                        "\"tool_calls\":{}}]}"
                                              << QStringLiteral("steps[0]: \"tool_calls\" must be an array");
        QTest::newRow("bad timestamp") << head + "\"steps\":[{\"step_id\":1,\"source\":\"user\",\"message\":\"a\","
                                                 "\"timestamp\":\"yesterday\"}]}"
                                       << QStringLiteral("steps[0]: \"timestamp\" is not");
        QTest::newRow("observation without results") << head + "\"steps\":[{\"step_id\":1,\"source\":\"agent\",\"message\":\"a\","
                                                               "\"observation\":{\"result\":[]}}]}"
                                                     << QStringLiteral("\"results\" array");
        QTest::newRow("subagent broken")
            << head + "\"steps\":[],\"subagent_trajectories\":[{\"schema_version\":\"ATIF-v1.7\",\"agent\":{},\"steps\":[7]}]}"
            << QStringLiteral("subagent_trajectories[0].steps[0]: expected a step object");
        QTest::newRow("truncated") << head + "\"steps\":[{\"step_id\":1,\"source\":\"us" << QStringLiteral(": at byte ");
    }

    void badInputNamesTheRecordAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("bad.json"), content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.format, QStringLiteral("atif"));
        QVERIFY2(r.error.startsWith(path + QLatin1Char(':')), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }
};

QTEST_GUILESS_MAIN(TestFormatsAtif)
#include "tst_formats_atif.moc"
