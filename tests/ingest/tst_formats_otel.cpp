// OpenTelemetry GenAI spans (OTLP JSON and JSONL): one run per trace, spans in start order,
// current and older gen_ai.* names, OpenLLMetry and OpenInference attributes, status → errors.

#include "TranscriptImportSupport.h"

#include <QTest>

using namespace reverie;

namespace {

constexpr qint64 kT0 = 1767261600000;   // 2026-01-01T10:00:00Z, where the fixtures' clocks start

QByteArray request(const QByteArray &spans)
{
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[]},\"scopeSpans\":[{\"scope\":{\"name\":\"t\"},\"spans\":[" + spans
           + "]}]}]}";
}

QByteArray span(const QByteArray &trace, const QByteArray &id)
{
    return "{\"traceId\":\"" + trace + "\",\"spanId\":\"" + id + "\",\"name\":\"chat m\",\"startTimeUnixNano\":\"1\","
           "\"endTimeUnixNano\":\"2\",\"attributes\":[{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":\"chat\"}}]}";
}

} // namespace

class TestFormatsOtel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void currentConventions()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/otel-genai/semconv_current.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("otel-genai"));
        QCOMPARE(r.trajectories, 2);   // two trace ids

        const TrajectorySummary t = bench.run(QStringLiteral("5b8efff798038103d269b633813fc60c"));
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.info.model, QStringLiteral("gpt-4o-2024-08-06"));
        QCOMPARE(t.info.agent, QStringLiteral("travel_planner"));
        QCOMPARE(t.info.workflow, QStringLiteral("travel-agent"));   // service.name
        QCOMPARE(t.info.task, QStringLiteral("Book me the cheapest flight to Oslo on Friday if it is not raining there."));
        QCOMPARE(t.info.outcome, QStringLiteral("error"));
        QCOMPARE(t.info.startedMs, kT0);
        QCOMPARE(t.info.endedMs, kT0 + 6000);
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("provider")).toString(), QStringLiteral("openai"));
        QCOMPARE(extra.value(QStringLiteral("usage")).toMap().value(QStringLiteral("input_tokens")).toInt(), 560);
        QCOMPARE(extra.value(QStringLiteral("usage")).toMap().value(QStringLiteral("output_tokens")).toInt(), 70);
        QCOMPARE(extra.value(QStringLiteral("span_count")).toInt(), 6);

        const auto steps = bench.steps(t);
        const std::vector<StepKind> kinds = {StepKind::Other,    StepKind::Message,     StepKind::Message, StepKind::Other,
                                             StepKind::ToolCall, StepKind::Observation, StepKind::Message, StepKind::ToolCall,
                                             StepKind::Observation, StepKind::Message};
        QCOMPARE(steps.size(), kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i)
            QVERIFY2(steps[i].kind == kinds[i], qPrintable(QStringLiteral("step %1").arg(i)));
        QVERIFY(steps[0].isError);                        // the agent span's status is ERROR
        QCOMPARE(steps[1].role, QStringLiteral("system"));   // gen_ai.system_instructions
        QCOMPARE(steps[3].durationMs, qint64(1400));       // a model call whose answer was only a tool call
        QCOMPARE(steps[4].tool, QStringLiteral("get_weather"));
        QCOMPARE(steps[4].callId, QStringLiteral("call_w"));
        QCOMPARE(steps[4].timestampMs, kT0 + 1600);
        QCOMPARE(steps[5].text, QStringLiteral("dry, 4 C"));
        QCOMPARE(steps[5].durationMs, qint64(400));
        QVERIFY(!steps[5].isError);
        QCOMPARE(steps[6].text, QStringLiteral("It will be dry. Booking now."));
        QCOMPARE(steps[8].tool, QStringLiteral("book_flight"));
        QVERIFY(steps[8].isError);
        QVERIFY(steps[8].text.contains(QLatin1String("payment declined")));
        QVERIFY(steps[8].text.contains(QLatin1String("card ending 4242 declined")));   // the exception event
        QCOMPARE(steps[9].text, QStringLiteral("The booking failed: your card was declined."));
        QCOMPARE(t.errorCount, 2);
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
        for (const Step &s : steps)
            QVERIFY(s.raw.startsWith('{'));

        const TrajectorySummary limited = bench.run(QStringLiteral("0af7651916cd43dd8448eb211c80319c"));
        QCOMPARE(limited.stepCount, 1);
        QCOMPARE(limited.errorCount, 1);   // status "STATUS_CODE_ERROR", the string form
        QCOMPARE(limited.info.outcome, QStringLiteral("error"));
    }

    void olderConventionsInJsonLines()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/otel-genai/semconv_older.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("otel-genai"));
        QCOMPARE(r.trajectories, 2);

        // One trace whose spans came in two export batches, read from events.
        const TrajectorySummary docs = bench.run(QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(docs.info.model, QStringLiteral("claude-3-5-sonnet-20241022"));
        QCOMPARE(docs.info.task, QStringLiteral("How do I rotate the API key?"));
        QCOMPARE(bench.extra(docs).value(QStringLiteral("provider")).toString(), QStringLiteral("anthropic"));
        const QVariantMap usage = bench.extra(docs).value(QStringLiteral("usage")).toMap();
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 140);   // gen_ai.usage.prompt_tokens
        QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 60);   // gen_ai.usage.completion_tokens
        const auto steps = bench.steps(docs);
        QCOMPARE(steps.size(), std::size_t(6));
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QCOMPARE(steps[2].kind, StepKind::ToolCall);   // from the gen_ai.choice event's tool_calls
        QCOMPARE(steps[2].tool, QStringLiteral("search_docs"));
        QCOMPARE(steps[3].kind, StepKind::Other);      // the HTTP span in between, kept
        QCOMPARE(steps[3].text, QStringLiteral("GET /docs/search"));
        QCOMPARE(steps[4].kind, StepKind::Observation);   // gen_ai.tool.message, paired by id
        QCOMPARE(steps[4].tool, QStringLiteral("search_docs"));
        QCOMPARE(steps[5].text, QStringLiteral("Open Settings > API and press Rotate."));
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));

        // OpenLLMetry's indexed gen_ai.prompt.N / gen_ai.completion.N attributes.
        const TrajectorySummary tr = bench.run(QStringLiteral("7d6f1c0b9a8e4f3d2c1b0a9f8e7d6c5b"));
        const auto s2 = bench.steps(tr);
        QCOMPARE(s2.size(), std::size_t(2));
        QCOMPARE(s2[0].text, QStringLiteral("Translate 'good morning' to Finnish."));
        QCOMPARE(s2[1].text, QStringLiteral("Hyvää huomenta."));
        QCOMPARE(tr.info.model, QStringLiteral("gpt-3.5-turbo-0125"));
    }

    // Older shapes, each fixture written by hand in that shape:
    // - semconv_content_events.json: GenAI semconv 1.26-1.27 (2024), messages as span events
    //   gen_ai.content.prompt / gen_ai.content.completion whose gen_ai.prompt / gen_ai.completion
    //   attribute holds the messages as JSON text.
    // - otlp_instrumentation_library.json: an OTLP JSON export from before OTLP 0.15 (2022),
    //   "instrumentationLibrarySpans" / "instrumentationLibrary" for scopeSpans / scope, kind and
    //   status code as enum names.
    void olderShapes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("trace");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<QStringList>("roles");
        QTest::addColumn<int>("errors");
        QTest::newRow("gen_ai.content.* events")
            << QStringLiteral("semconv_content_events.json") << QStringLiteral("11112222333344445555666677778888")
            << QStringLiteral("gpt-4o-mini")
            << QStringList{QStringLiteral("Be brief."), QStringLiteral("What is OTLP?"), QStringLiteral("The OpenTelemetry wire protocol.")}
            << QStringList{QStringLiteral("system"), QStringLiteral("user"), QStringLiteral("assistant")} << 0;
        QTest::newRow("instrumentationLibrarySpans")
            << QStringLiteral("otlp_instrumentation_library.json") << QStringLiteral("99990000aaaabbbbccccddddeeeeffff")
            << QStringLiteral("gpt-3.5-turbo") << QStringList{QStringLiteral("Say hi."), QStringLiteral("Hi!")}
            << QStringList{QStringLiteral("user"), QStringLiteral("assistant")} << 1;
    }

    void olderShapes()
    {
        QFETCH(QString, file);
        QFETCH(QString, trace);
        QFETCH(QString, model);
        QFETCH(QStringList, texts);
        QFETCH(QStringList, roles);
        QFETCH(int, errors);
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/otel-genai/") + file));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("otel-genai"));   // detected, not forced
        QCOMPARE(r.trajectories, 1);
        const TrajectorySummary t = bench.run(trace);
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.errorCount, errors);
        const auto steps = bench.steps(t);
        QStringList gotTexts, gotRoles;
        for (const auto &s : steps) {
            if (s.kind == StepKind::Message) {
                gotTexts << s.text;
                gotRoles << s.role;
            }
        }
        QCOMPARE(gotTexts, texts);
        QCOMPARE(gotRoles, roles);
    }

    void openInferenceSpans()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/otel-genai/openinference.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("otel-genai"));
        const TrajectorySummary t = bench.run(QStringLiteral("c0ffee00c0ffee00c0ffee00c0ffee00"));
        QCOMPARE(t.info.model, QStringLiteral("gpt-4o-mini"));
        QCOMPARE(t.info.agent, QStringLiteral("math_agent"));
        QCOMPARE(t.info.task, QStringLiteral("What is 12 / 0 and 12 / 4?"));
        QCOMPARE(t.info.workflow, QStringLiteral("phoenix-demo"));
        QCOMPARE(t.errorCount, 1);
        const QVariantMap usage = bench.extra(t).value(QStringLiteral("usage")).toMap();
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 120);
        const auto steps = bench.steps(t);
        QCOMPARE(steps.size(), std::size_t(10));
        QCOMPARE(steps[0].role, QStringLiteral("agent"));
        QCOMPARE(steps[4].kind, StepKind::ToolCall);
        QCOMPARE(steps[4].tool, QStringLiteral("calculator"));
        QCOMPARE(steps[4].callId, QStringLiteral("call_c1"));
        QVERIFY(steps[5].isError);
        QCOMPARE(steps[5].text, QStringLiteral("ZeroDivisionError: division by zero"));
        QCOMPARE(steps[7].text, QStringLiteral("3"));
        QCOMPARE(steps[8].text, QStringLiteral("12 / 0 is undefined; 12 / 4 = 3."));
        QCOMPARE(steps[9].role, QStringLiteral("agent"));   // the CHAIN span
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
    }

    void badInputNamesThePlaceAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("jsonl: span without traceId")
            << request(span("t1", "a")) + "\n" + request("{\"spanId\":\"b\",\"name\":\"x\"}") + "\n" << "b.jsonl"
            << QStringLiteral(":2: resourceSpans[0].scopeSpans[0].spans[0]: a span needs a \"traceId\"");
        QTest::newRow("jsonl: truncated line")
            << request(span("t1", "a")) + "\n" + request(span("t1", "b")).left(60) + "\n" << "b.jsonl"
            << QStringLiteral(":2: column");
        QTest::newRow("jsonl: not an export") << request(span("t1", "a")) + "\n{\"resourceLogs\":[]}\n" << "b.jsonl"
                                              << QStringLiteral(":2: expected an OTLP trace export");
        QTest::newRow("json: spans not an array")
            << QByteArray("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":{\"traceId\":\"x\"}}]}]}") << "b.json"
            << QStringLiteral("resourceSpans[0].scopeSpans[0]: \"spans\" must be an array");
        QTest::newRow("json: truncated") << request(span("t1", "a")).left(120) << "b.json" << QStringLiteral(": at byte ");
        QTest::newRow("json: resourceSpans an object") << QByteArray("{\"resourceSpans\":{}}") << "b.json"
                                                       << QStringLiteral("expected an OTLP trace export");
        // The document is streamed one resourceSpans entry at a time; errors still count them.
        QByteArray two = request(span("t1", "a"));
        two.chop(2);   // "]}": reopen the resourceSpans array
        two += ",{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"b\"}]}]}]}";
        QTest::newRow("json: second resourceSpans entry") << two << "b.json"
                                                          << QStringLiteral("resourceSpans[1].scopeSpans[0].spans[0]: a span needs");

    }

    void badInputNamesThePlaceAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, name, content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.format, QStringLiteral("otel-genai"));
        QVERIFY2(r.error.startsWith(path + QLatin1Char(':')), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void aListOfExportRequestsStreams()
    {
        // A JSON array of requests (read with --format), spans of one trace in both.
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("list.json"),
                                             "[" + request(span("t1", "a")) + "," + request(span("t1", "b") + "," + span("t2", "c")) + "]");
        test::ImportBench bench;
        const auto r = bench.import(path, QStringLiteral("otel-genai"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 2);
        QCOMPARE(r.steps, qint64(3));

        const QString bad = test::writeFile(dir, QStringLiteral("bad.json"),
                                            "[" + request(span("t1", "a")) + ",{\"resourceLogs\":[]}]");
        const auto e = bench.import(bad, QStringLiteral("otel-genai"));
        QVERIFY(!e.ok());
        QVERIFY2(e.error.contains(QLatin1String("[1]: expected an OTLP trace export")), qPrintable(e.error));
    }

    void malformedAttributesAreTolerated()
    {
        QTemporaryDir dir;
        const QByteArray odd = "{\"traceId\":\"t9\",\"spanId\":\"s\",\"name\":\"execute_tool x\",\"startTimeUnixNano\":\"soon\","
                               "\"attributes\":[7,{\"key\":3},{\"key\":\"gen_ai.operation.name\",\"value\":{\"stringValue\":"
                               "\"execute_tool\"}},{\"key\":\"gen_ai.input.messages\",\"value\":{\"intValue\":\"x\"}}],"
                               "\"status\":{\"code\":\"2\"},\"events\":\"none\"}";
        const QString path = test::writeFile(dir, QStringLiteral("odd.json"), request(odd));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto steps = bench.steps(bench.run(QStringLiteral("t9")));
        QCOMPARE(steps.size(), std::size_t(2));
        QCOMPARE(steps[0].tool, QStringLiteral("x"));   // from the span name
        QVERIFY(steps[1].isError);
    }
};

QTEST_GUILESS_MAIN(TestFormatsOtel)
#include "tst_formats_otel.moc"
