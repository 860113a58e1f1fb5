// The Claude Code session importer: one run per session, streamed assistant lines merged back
// into whole messages, tool use paired by id, sidechains kept and marked, nothing dropped.

#include "TranscriptImportSupport.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace reverie;

namespace {

QByteArray line(const QByteArray &type, const QByteArray &uuid, const QByteArray &rest)
{
    return "{\"type\":\"" + type + "\",\"sessionId\":\"s-1\",\"uuid\":\"" + uuid + "\"," + rest + "}\n";
}

// Message ids of the assistant lines a step's raw holds (one line, or an array of lines).
QSet<QString> idsIn(const QByteArray &raw)
{
    QSet<QString> ids;
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    const QJsonArray lines = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    for (const auto &l : lines) {
        const QJsonObject o = l.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("assistant"))
            ids.insert(o.value(QLatin1String("message")).toObject().value(QLatin1String("id")).toString());
    }
    return ids;
}

} // namespace

class TestFormatsClaudeCode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realSessions_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("toolUses");
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("messageIds");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("model");
        // Counts from SOURCES.md (errors, tool_use) and from the files (assistant message ids).
        QTest::newRow("ccv_fe5e") << "ccv_fe5e1c67-53e7-4862-81ae-d0e013e3270b.jsonl" << 167 << 23 << 170
                                  << "/orchestrator create TODO app by Next.js" << "Demo" << "claude-sonnet-4-20250514";
        QTest::newRow("ccv_1af7") << "ccv_1af7fc5e-8455-4414-9ccd-011d40f70b2a.jsonl" << 12 << 1 << 7 << "/init"
                                  << "Demo" << "claude-sonnet-4-20250514";
        QTest::newRow("spotter_short") << "spotter_short.jsonl" << 2 << 2 << 1 << "mix phx.server doesnt seem to start"
                                       << "spotter" << "claude-opus-4-6";
        QTest::newRow("spotter_tool_heavy") << "spotter_tool_heavy.jsonl" << 6 << 0 << 4 << "start phoenix in background"
                                            << "spotter" << "claude-opus-4-6";
        QTest::newRow("spotter_subagent") << "spotter_subagent.jsonl" << 16 << 0 << 12
                                          << "/handgemacht:create-beads websearch" << "spotter" << "claude-opus-4-6";
    }

    void realSessions()
    {
        QFETCH(QString, file);
        QFETCH(int, toolUses);
        QFETCH(int, errors);
        QFETCH(int, messageIds);
        QFETCH(QString, task);
        QFETCH(QString, workflow);
        QFETCH(QString, model);
        const QString folder = test::sampleFolder(QStringLiteral("claude-code-jsonl"));
        if (folder.isEmpty())
            QSKIP(test::kNoSamples);
        const QString path = QDir(folder).filePath(file);
        QCOMPARE(test::detectedFormat(path), QStringLiteral("claude-code"));

        test::ImportBench bench;
        const auto r = bench.import(path);   // no --format: detection picks it
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("claude-code"));
        QCOMPARE(r.trajectories, 1);
        const auto runs = bench.runs();
        QCOMPARE(runs.size(), std::size_t(1));
        const TrajectorySummary &t = runs.front();
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QCOMPARE(t.info.externalId.size(), 36);   // the session's UUID
        QCOMPARE(t.errorCount, errors);
        QVERIFY2(t.info.task.startsWith(task), qPrintable(t.info.task));
        QCOMPARE(t.info.workflow, workflow);
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.agent, QStringLiteral("claude-code"));
        QVERIFY(t.info.startedMs > 0 && t.info.endedMs >= t.info.startedMs);

        const auto steps = bench.steps(t);
        QCOMPARE(test::countKind(steps, StepKind::ToolCall), toolUses);
        QCOMPARE(test::countKind(steps, StepKind::Observation), toolUses);
        QCOMPARE(test::countErrors(steps), errors);
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
        std::map<QString, std::vector<int>> stepsOfMessage;
        QByteArray all;
        for (int i = 0; i < int(steps.size()); ++i) {
            const Step &s = steps[std::size_t(i)];
            QVERIFY(!s.isError || s.kind == StepKind::Observation);
            const QSet<QString> own = idsIn(s.raw);
            QVERIFY2(own.size() <= 1, s.raw.left(200).constData());   // merged lines share one message id
            for (const QString &id : own)
                stepsOfMessage[id].push_back(i);
            all += s.raw;
        }
        QCOMPARE(int(stepsOfMessage.size()), messageIds);
        // One logical message per id: its steps sit together even where Claude Code wrote
        // progress records or tool results between the streamed lines.
        for (const auto &[id, at] : stepsOfMessage)
            QVERIFY2(at.back() - at.front() + 1 == int(at.size()), qPrintable(id));
        // Lossless: each line of the file is, byte for byte, in some step's raw.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        int lineNo = 0;
        for (const QByteArray &l : f.readAll().split('\n')) {
            ++lineNo;
            if (!l.trimmed().isEmpty())
                QVERIFY2(all.contains(l), qPrintable(QStringLiteral("line %1 missing").arg(lineNo)));
        }
        if (file.startsWith(QLatin1String("ccv_fe5e")))
            QVERIFY(std::any_of(steps.begin(), steps.end(),
                                [](const Step &s) { return s.role.startsWith(QLatin1String("sidechain:")); }));
        if (file == QLatin1String("spotter_subagent.jsonl")) {
            // The subagent's turns mirrored as progress records: kept, marked, never errors here.
            const int mirrored = int(std::count_if(steps.begin(), steps.end(), [](const Step &s) {
                return s.kind == StepKind::Other && s.role.startsWith(QLatin1String("subagent:"));
            }));
            QCOMPARE(mirrored, 19);
        }
    }

    void fixtureMergesStreamedLinesAndPairsTools()
    {
        test::ImportBench bench;
        const QString path = test::fixture(QStringLiteral("formats/claude-code/session_small.jsonl"));
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("claude-code"));
        const TrajectorySummary t = bench.run(QStringLiteral("6b1f0c2e-5d1a-4c8e-9a7e-2f3c4d5e6f70"));
        QCOMPARE(t.info.task, QStringLiteral("the invoice total test fails on rounding, please fix it"));
        QCOMPARE(t.info.model, QStringLiteral("claude-opus-4-6"));   // not the sidechain's model
        QCOMPARE(t.info.workflow, QStringLiteral("invoice-api"));
        QCOMPARE(t.errorCount, 1);
        QCOMPARE(t.info.startedMs, QDateTime::fromString(QStringLiteral("2026-03-02T09:00:00.100Z"), Qt::ISODateWithMs)
                                       .toMSecsSinceEpoch());
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.40"));
        QCOMPARE(extra.value(QStringLiteral("gitBranch")).toString(), QStringLiteral("main"));

        const auto steps = bench.steps(t);
        const std::vector<StepKind> kinds = {
            StepKind::Other,       StepKind::Other,       StepKind::Other,    StepKind::Message,  StepKind::Plan,
            StepKind::Message,     StepKind::ToolCall,    StepKind::ToolCall, StepKind::Other,    StepKind::Observation,
            StepKind::Observation, StepKind::ToolCall,    StepKind::Message,  StepKind::ToolCall, StepKind::Observation,
            StepKind::Message,     StepKind::Observation, StepKind::Message,  StepKind::Other,    StepKind::Other};
        QCOMPARE(steps.size(), kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i)
            QVERIFY2(steps[i].kind == kinds[i], qPrintable(QStringLiteral("step %1").arg(i)));
        // msg_A came as four lines with a progress record in between: one message, in place.
        QCOMPARE(steps[5].text, QStringLiteral("Let me run the failing test."));
        QCOMPARE(steps[7].tool, QStringLiteral("Read"));
        QVERIFY(steps[7].raw.contains("\"uuid\":\"u-6\""));
        QCOMPARE(steps[9].tool, QStringLiteral("Bash"));
        QCOMPARE(steps[9].callId, QStringLiteral("toolu_01"));
        QVERIFY(steps[9].isError);
        QVERIFY(!steps[10].isError);
        QCOMPARE(steps[10].text, QStringLiteral("def total(items):\n    return round(sum(items), 1)"));
        QCOMPARE(steps[16].tool, QStringLiteral("Task"));
        // The subagent's turns stay in the session, marked as the sidechain.
        QCOMPARE(steps[12].role, QStringLiteral("sidechain:user"));
        QCOMPARE(steps[13].role, QStringLiteral("sidechain:assistant"));
        QCOMPARE(steps[14].role, QStringLiteral("sidechain:tool"));
        // Two streamed text lines of msg_C: one message whose raw holds both lines.
        QVERIFY(steps[17].text.contains(QLatin1String("fixes it.")) && steps[17].text.contains(QLatin1String("round(..., 2)")));
        QCOMPARE(QJsonDocument::fromJson(steps[17].raw).array().size(), 2);
        QCOMPARE(steps[0].text, QStringLiteral("Fix failing invoice rounding test"));
        QString why;
        QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(why));
    }

    void aSubagentTranscriptIsItsOwnMarkedRun()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/claude-code/agent-a1b2c3.jsonl")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto runs = bench.runs();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs[0].info.agent, QStringLiteral("claude-code subagent"));
        QCOMPARE(runs[0].info.task, QStringLiteral("Find other places that round money"));
        QCOMPARE(runs[0].info.model, QStringLiteral("claude-haiku-4-5"));
        QCOMPARE(bench.extra(runs[0]).value(QStringLiteral("agentId")).toString(), QStringLiteral("a1b2c3"));
        QCOMPARE(runs[0].errorCount, 1);
        for (const Step &s : bench.steps(runs[0]))
            QVERIFY(s.role.startsWith(QLatin1String("sidechain:")));
    }

    // Sessions as older Claude Code releases wrote them, in fixtures written by hand in that
    // shape: 0.2.x (spring 2025) put the whole assistant message on one line with "costUSD" and
    // "durationMs" beside it (both gone in 1.0), the prompt as a plain string, and
    // "toolUseResult" as a plain string for a failed command.
    void olderReleases_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("toolUses");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("version");
        QTest::addColumn<double>("costUsd");
        QTest::newRow("0.2.x costUSD lines") << QStringLiteral("legacy_0.2_costusd.jsonl") << 7 << 2 << 1
                                             << QStringLiteral("add a --dry-run flag to the import command")
                                             << QStringLiteral("claude-3-7-sonnet-20250219") << QStringLiteral("0.2.70")
                                             << 0.0373;
    }

    void olderReleases()
    {
        QFETCH(QString, file);
        QFETCH(int, steps);
        QFETCH(int, toolUses);
        QFETCH(int, errors);
        QFETCH(QString, task);
        QFETCH(QString, model);
        QFETCH(QString, version);
        QFETCH(double, costUsd);
        const QString path = test::fixture(QStringLiteral("formats/claude-code/") + file);
        QCOMPARE(test::detectedFormat(path), QStringLiteral("claude-code"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.trajectories, 1);
        const TrajectorySummary t = bench.runs().front();
        QCOMPARE(t.info.task, task);
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.workflow, QStringLiteral("ledger"));
        QCOMPARE(t.errorCount, errors);
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("version")).toString(), version);
        QVERIFY(qAbs(extra.value(QStringLiteral("costUSD")).toDouble() - costUsd) < 1e-9);
        const auto all = bench.steps(t);
        QCOMPARE(int(all.size()), steps);
        QCOMPARE(test::countKind(all, StepKind::ToolCall), toolUses);
        QCOMPARE(test::countErrors(all), errors);
        QString why;
        QVERIFY2(test::toolCallsPaired(all, &why), qPrintable(why));
    }

    void wrongFieldTypesAreToleratedNotFatal()
    {
        QTemporaryDir dir;
        QByteArray content;
        content += line("user", "u1", "\"timestamp\":\"not a time\",\"isSidechain\":\"yes\",\"message\":{\"role\":\"user\",\"content\":42}");
        content += line("assistant", "u2", "\"message\":{\"id\":7,\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Bash\",\"input\":\"ls\"},17]}");
        content += line("user", "u3", "\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":{\"odd\":true},\"is_error\":\"true\"}]}");
        content += line("progress", "u4", "\"data\":\"not an object\"");
        const QString path = test::writeFile(dir, QStringLiteral("odd.jsonl"), content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto steps = bench.steps(bench.runs().front());
        QCOMPARE(test::countKind(steps, StepKind::ToolCall), 1);
        QCOMPARE(test::countErrors(steps), 0);   // "true" as a string is not the boolean the format uses
    }

    void badInputNamesTheLineAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\"type\":\"user\",\"sessionId\":\"s-1\",\"message\":{\"content\":\"cut")
                                   << QStringLiteral("invalid JSON");
        QTest::newRow("not an object") << QByteArray("[1,2]") << QStringLiteral("JSON object");
        QTest::newRow("no type") << QByteArray("{\"sessionId\":\"s-1\",\"uuid\":\"x\"}") << QStringLiteral("\"type\"");
        QTest::newRow("message not an object") << QByteArray("{\"type\":\"assistant\",\"sessionId\":\"s-1\",\"message\":5}")
                                               << QStringLiteral("\"message\" object");
        QTest::newRow("garbage") << QByteArray("this is not json") << QStringLiteral("invalid JSON");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"type\":\"user\",\"x\":\"\xff\xfe\"}") << QStringLiteral("invalid JSON");
        QTest::newRow("NUL byte") << QByteArray("{\"type\":\"user\"}\0zz", 18) << QStringLiteral("NUL");
        QTest::newRow("deep nesting") << (QByteArray("{\"type\":\"user\",\"x\":") + QByteArray(3000, '[')
                                          + QByteArray(3000, ']') + "}")
                                      << QStringLiteral("nested deeper");
    }

    void badInputNamesTheLineAndStoresNothing()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QByteArray content;
        content += line("user", "u1", "\"message\":{\"role\":\"user\",\"content\":\"hello\"}");
        content += line("assistant", "u2", "\"message\":{\"id\":\"m1\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
        content += bad + "\n";   // line 3
        content += line("user", "u4", "\"message\":{\"role\":\"user\",\"content\":\"bye\"}");
        const QString path = test::writeFile(dir, QStringLiteral("broken.jsonl"), content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.format, QStringLiteral("claude-code"));
        QVERIFY2(r.error.startsWith(path + QStringLiteral(":3:")), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void aBatchGoesOnAfterABadSession()
    {
        QTemporaryDir dir;
        const QString bad = test::writeFile(dir, QStringLiteral("a_bad.jsonl"),
                                            line("user", "u1", "\"message\":{\"role\":\"user\",\"content\":\"x\"}") + "{oops\n");
        test::ImportBench bench;
        const auto results = bench.runner.importFiles(
            {bad, test::fixture(QStringLiteral("formats/claude-code/session_small.jsonl"))});
        QCOMPARE(results.size(), std::size_t(2));
        QVERIFY(!results[0].ok());
        QVERIFY(results[0].error.contains(QLatin1String("a_bad.jsonl:2:")));
        QVERIFY2(results[1].ok(), qPrintable(results[1].error));
        QCOMPARE(bench.count("SELECT count(*) FROM trajectories"), 1);
    }
};

QTEST_GUILESS_MAIN(TestFormatsClaudeCode)
#include "tst_formats_claudecode.moc"
