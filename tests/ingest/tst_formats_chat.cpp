// Plain chat transcripts: OpenAI chat-completions messages and Anthropic Messages, as arrays
// or wrapped in {"model", "messages"}: tool calls paired, failed results flagged, errors placed.

#include "TranscriptImportSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace reverie;

class TestFormatsChat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void openAiArrayWithParallelToolCalls()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/openai-chat/weather_tools.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openai-chat"));
        QCOMPARE(r.trajectories, 1);
        const TrajectorySummary t = bench.run(QStringLiteral("weather_tools"));
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.info.task, QStringLiteral("Should I pack an umbrella for Lisbon and Porto tomorrow?"));
        QCOMPARE(t.errorCount, 1);   // "Error: forecast service timed out", not the "no error" note
        const auto steps = bench.steps(t);
        QCOMPARE(steps.size(), std::size_t(10));
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QCOMPARE(steps[2].kind, StepKind::ToolCall);
        QCOMPARE(steps[2].tool, QStringLiteral("get_forecast"));
        QCOMPARE(steps[2].callId, QStringLiteral("call_lis"));
        QCOMPARE(steps[2].text, QStringLiteral("{\"city\": \"Lisbon\", \"day\": \"tomorrow\"}"));
        // The first step of a message holds the message; the second tool call holds itself.
        QVERIFY(steps[2].raw.contains("call_opo") && steps[2].raw.contains("\"role\":\"assistant\""));
        QVERIFY(steps[3].raw.contains("call_opo") && !steps[3].raw.contains("call_lis"));
        QCOMPARE(steps[4].kind, StepKind::Observation);
        QCOMPARE(steps[4].tool, QStringLiteral("get_forecast"));
        QVERIFY(!steps[4].isError);
        QVERIFY(steps[5].isError);
        QCOMPARE(steps[5].callId, QStringLiteral("call_opo"));
        QCOMPARE(steps[6].text, QStringLiteral("Let me retry Porto."));
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
    }

    void openAiWrappedRequestKeepsTheRestInExtra()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/openai-chat/wrapped_request.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openai-chat"));
        const TrajectorySummary t = bench.run(QStringLiteral("wrapped_request"));
        QCOMPARE(t.info.model, QStringLiteral("gpt-4o-mini-2024-07-18"));
        QCOMPARE(t.info.task, QStringLiteral("Where is order 5521?"));
        QCOMPARE(t.errorCount, 1);   // "error: order 5521 not found"
        const QVariantMap extra = bench.extra(t);
        QVERIFY(extra.contains(QStringLiteral("tools")));
        QCOMPARE(extra.value(QStringLiteral("temperature")).toInt(), 0);
        const auto steps = bench.steps(t);
        QCOMPARE(steps.size(), std::size_t(5));
        QCOMPARE(steps[0].role, QStringLiteral("developer"));
        QCOMPARE(steps[3].tool, QStringLiteral("lookup_order"));
    }

    void anthropicBlocksBecomePlanMessageAndPairedTools()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/anthropic-messages/refund_tools.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("anthropic-messages"));
        const TrajectorySummary t = bench.run(QStringLiteral("refund_tools"));
        QCOMPARE(t.info.task, QStringLiteral("Refund the duplicate charge on invoice INV-77."));
        QCOMPARE(t.errorCount, 1);
        const auto steps = bench.steps(t);
        QCOMPARE(steps.size(), std::size_t(10));
        QCOMPARE(steps[1].kind, StepKind::Plan);
        QCOMPARE(steps[1].text, QStringLiteral("Find the charges on the invoice first."));
        QCOMPARE(steps[2].kind, StepKind::Message);
        QCOMPARE(steps[3].kind, StepKind::ToolCall);
        QCOMPARE(steps[3].text, QStringLiteral("{\"invoice\":\"INV-77\"}"));
        QCOMPARE(QJsonDocument::fromJson(steps[3].raw).object().value(QLatin1String("id")).toString(), QStringLiteral("toolu_a1"));
        QCOMPARE(steps[6].kind, StepKind::Observation);
        QVERIFY(steps[6].isError);
        QCOMPARE(steps[6].tool, QStringLiteral("refund"));
        QCOMPARE(steps[6].text, QStringLiteral("amount must be in EUR, not cents"));
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
    }

    void anthropicWrappedWithSystemPrompt()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/anthropic-messages/wrapped_system.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("anthropic-messages"));
        const TrajectorySummary t = bench.run(QStringLiteral("wrapped_system"));
        QCOMPARE(t.info.model, QStringLiteral("claude-sonnet-4-5"));
        QCOMPARE(bench.extra(t).value(QStringLiteral("max_tokens")).toInt(), 1024);
        const auto steps = bench.steps(t);
        QCOMPARE(steps.size(), std::size_t(6));
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QCOMPARE(steps[0].text, QStringLiteral("You manage a calendar. Confirm before deleting events."));
        QCOMPARE(steps[4].text, QStringLiteral("14:00 design review\n16:00 1:1"));
        QCOMPARE(steps[4].tool, QStringLiteral("list_events"));
        QCOMPARE(steps[5].kind, StepKind::Message);
    }

    void toolErrorHeuristicIsConservative_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("error");
        QTest::newRow("Error:") << "Error: file not found" << true;
        QTest::newRow("Error word") << "Error executing tool search" << true;
        QTest::newRow("ERROR") << "ERROR 500 from upstream" << true;
        QTest::newRow("error:") << "  error: permission denied" << true;
        QTest::newRow("Errors found") << "Errors found: 0" << false;
        QTest::newRow("mentions an error") << "No error; 3 rows" << false;
        QTest::newRow("json error field") << "{\"error\": null, \"rows\": 3}" << false;
    }

    void toolErrorHeuristicIsConservative()
    {
        QFETCH(QString, text);
        QFETCH(bool, error);
        QTemporaryDir dir;
        const QByteArray content = QJsonDocument(QJsonArray{
            QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("go")}},
            QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")}, {QStringLiteral("tool_call_id"), QStringLiteral("c1")},
                        {QStringLiteral("content"), text}}}).toJson();
        const QString path = test::writeFile(dir, QStringLiteral("t.json"), content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("openai-chat"));
        QCOMPARE(bench.runs().front().errorCount, error ? 1 : 0);
    }

    void badInputNamesThePlaceAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");   // forced when the bytes cannot be detected
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai truncated")
            << QByteArray("[{\"role\": \"system\", \"content\": \"x\"}, {\"role\": \"user\", \"content\": \"cut") << QString()
            << QStringLiteral(": at byte ");
        QTest::newRow("openai role not a string")
            << QByteArray("[{\"role\": \"system\", \"content\": \"x\"}, {\"role\": 5, \"content\": \"y\"}]") << QString()
            << QStringLiteral("message [1]: \"role\" must be a string");
        QTest::newRow("openai tool_calls not an array")
            << QByteArray("[{\"role\": \"system\", \"content\": \"x\"}, {\"role\": \"assistant\", \"tool_calls\": {\"id\": 1}}]")
            << QString() << QStringLiteral("message [1]: \"tool_calls\" must be an array");
        QTest::newRow("openai content a number")
            << QByteArray("{\"messages\": [{\"role\": \"tool\", \"tool_call_id\": \"c\", \"content\": 5}]}") << QString()
            << QStringLiteral("messages[0]: \"content\" must be");
        QTest::newRow("openai element not an object")
            << QByteArray("[{\"role\": \"system\", \"content\": \"x\"}, 7]") << QString()
            << QStringLiteral("message [1]: expected a message object");
        QTest::newRow("openai no messages") << QByteArray("{\"model\": \"m\", \"messages\": []}")
                                            << QStringLiteral("openai-chat") << QStringLiteral("no messages");
        QTest::newRow("anthropic content a number")
            << QByteArray("[{\"role\": \"user\", \"content\": [{\"type\": \"tool_result\", \"tool_use_id\": \"a\", "
                          "\"content\": \"x\"}]}, {\"role\": \"assistant\", \"content\": 12}]")
            << QString() << QStringLiteral("message [1]: \"content\" must be a string or an array");
        QTest::newRow("anthropic truncated")
            << QByteArray("{\"system\": \"s\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"cut")
            << QString() << QStringLiteral(": at byte ");
        QTest::newRow("anthropic not a transcript") << QByteArray("\"just a string\"") << QStringLiteral("anthropic-messages")
                                                    << QStringLiteral("expected a JSON array of chat messages");
        QTest::newRow("garbage") << QByteArray("not json at all") << QStringLiteral("openai-chat")
                                 << QStringLiteral(": invalid JSON");
    }

    void badInputNamesThePlaceAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("bad.json"), content);
        test::ImportBench bench;
        const auto r = bench.import(path, format);
        QVERIFY(!r.ok());
        QVERIFY2(r.format == QLatin1String("openai-chat") || r.format == QLatin1String("anthropic-messages"),
                 qPrintable(r.format));
        QVERIFY2(r.error.startsWith(path + QLatin1Char(':')), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }
};

QTEST_GUILESS_MAIN(TestFormatsChat)
#include "tst_formats_chat.moc"
