// Gemini CLI saved sessions and `/chat save` checkpoints.
//
// Fixtures under tests/fixtures/formats/gemini-cli:
// - session-2025-10-29T10-39-a63242d9.json: byte-identical copy of jnarowski/agentcmd
//   packages/agent-cli-sdk/tests/fixtures/gemini/full/ at 958c4940e3a2 (MIT).
// - session-2025-12-09T19-50-f0a689a6.json: trimmed from lanegrid/agtrace samples-tmp/.gemini/
//   tmp/9126edde.../chats/ at 2b20decd9c4e (MIT): 6 of 9 messages kept, thoughts and tool
//   descriptions shortened, re-serialised with indent=2.
// - session-parts-content.json, checkpoint-docs-refactor.json: written for these tests after
//   the shapes of the real files (content as parts, info/error messages, a cancelled call, a
//   model switch; the checkpoint's {role, parts} items with id-less function calls).

#include "TranscriptImportSupport.h"

#include "core/ingest/formats/GeminiCliImporter.h"

#include <QDateTime>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace reverie;

namespace {

qint64 ms(const char *iso) { return QDateTime::fromString(QLatin1String(iso), Qt::ISODateWithMs).toMSecsSinceEpoch(); }

QStringList toolsCalled(const std::vector<Step> &steps)
{
    QStringList out;
    for (const Step &s : steps) {
        if (s.kind == StepKind::ToolCall)
            out << s.tool;
    }
    return out;
}

// Collects what an importer delivers, without a workspace.
struct MemorySink : ingest::TrajectorySink {
    std::vector<Trajectory> runs;
    qint64 begin(const TrajectoryInfo &info) override
    {
        runs.push_back({info, {}});
        return qint64(runs.size()) - 1;
    }
    void addStep(qint64 h, const Step &s) override { runs[std::size_t(h)].steps.push_back(s); }
    void finish(qint64 h, const TrajectoryInfo &info) override { runs[std::size_t(h)].info = info; }
};

} // namespace

class TestFormatsGeminiCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Each file is one run; concrete facts per file. "sample:" rows read ../shared.
    void importsWhatTheFileHolds_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QStringList>("tools");
        QTest::addColumn<int>("steps");
        QTest::addColumn<int>("plans");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("firstErrorText");   // starts with; empty when no error
        const QStringList shell3(3, QStringLiteral("run_shell_command"));
        const QString edit = QStringLiteral("Change 'Hello' to 'Goodbye' in /tmp/gemini-test/created.txt");
        const QString create = QStringLiteral("Create a file test-default.txt with content 'test'");
        const QString myapp = QStringLiteral("add myapp directory and create myapp/hoge.py which shows result of print(1+1).");
        const QString notFound = QStringLiteral("Tool \"write_file\" not found in registry.");
        const QString shim = QStringLiteral("Command: cd myapp && python hoge.py");
        QTest::newRow("sample: edit, 3 calls") << QStringLiteral("sample:session-2025-10-29T10-36-453aa339.json")
                                               << QStringLiteral("453aa339-7d2b-4709-a41a-b0b73beaff85") << QStringLiteral("gemini-2.5-pro") << edit
                                               << QStringList{QStringLiteral("read_file"), QStringLiteral("replace"), QStringLiteral("read_file")}
                                               << 14 << 6 << 0 << QString();
        QTest::newRow("sample: tool not in registry") << QStringLiteral("sample:session-2025-10-29T10-39-a63242d9.json")
                                                      << QStringLiteral("a63242d9-4431-4eee-926d-beb795e7989d") << QStringLiteral("gemini-2.5-pro")
                                                      << create << QStringList{QStringLiteral("write_file")} << 5 << 2 << 1 << notFound;
        QTest::newRow("sample: shell, exit code 1") << QStringLiteral("sample:session-2025-12-09T19-50-f0a689a6.json")
                                                    << QStringLiteral("f0a689a6-b0ac-407f-afcc-4fafa9e14e8a") << QStringLiteral("gemini-2.5-flash") << myapp
                                                    << QStringList{QStringLiteral("run_shell_command"), QStringLiteral("write_file"), QStringLiteral("run_shell_command"),
                                                                   QStringLiteral("run_shell_command"), QStringLiteral("run_shell_command")}
                                                    << 28 << 9 << 1 << shim;
        QTest::newRow("fixture: tool not in registry") << QStringLiteral("session-2025-10-29T10-39-a63242d9.json")
                                                       << QStringLiteral("a63242d9-4431-4eee-926d-beb795e7989d") << QStringLiteral("gemini-2.5-pro")
                                                       << create << QStringList{QStringLiteral("write_file")} << 5 << 2 << 1 << notFound;
        QTest::newRow("fixture: shell, exit code 1") << QStringLiteral("session-2025-12-09T19-50-f0a689a6.json")
                                                     << QStringLiteral("f0a689a6-b0ac-407f-afcc-4fafa9e14e8a") << QStringLiteral("gemini-2.5-flash")
                                                     << myapp << shell3 << 16 << 4 << 1 << shim;
        QTest::newRow("fixture: parts, cancelled, error message") << QStringLiteral("session-parts-content.json")
                                                                  << QStringLiteral("7c1e0b52-9f3a-4e61-a0d2-5b8e4f2c9a10") << QStringLiteral("gemini-2.5-pro")
                                                                  << QStringLiteral("Delete the build folder and rebuild the docs")
                                                                  << QStringList{QStringLiteral("run_shell_command"), QStringLiteral("glob")} << 9 << 1 << 2
                                                                  << QStringLiteral("[Operation Cancelled]");
        QTest::newRow("fixture: checkpoint") << QStringLiteral("checkpoint-docs-refactor.json") << QStringLiteral("checkpoint-docs-refactor") << QString()
                                             << QStringLiteral("Rename docs/intro.md to docs/index.md and fix the links")
                                             << QStringList{QStringLiteral("run_shell_command"), QStringLiteral("replace")} << 10 << 1 << 2
                                             << QStringLiteral("Command: git mv");
    }

    void importsWhatTheFileHolds()
    {
        QFETCH(QString, file);
        QFETCH(QString, externalId);
        QFETCH(QString, model);
        QFETCH(QString, task);
        QFETCH(QStringList, tools);
        QFETCH(int, steps);
        QFETCH(int, plans);
        QFETCH(int, errors);
        QFETCH(QString, firstErrorText);
        QString path;
        if (file.startsWith(QLatin1String("sample:"))) {
            if (test::samplesDir().isEmpty())
                QSKIP(test::kNoSamples);
            path = QDir(test::sampleFolder(QStringLiteral("gemini-cli-json"))).filePath(file.mid(7));
        } else {
            path = test::fixture(QStringLiteral("formats/gemini-cli/") + file);
        }
        QCOMPARE(test::detectedFormat(path), QStringLiteral("gemini-cli"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("gemini-cli"));
        QCOMPARE(r.trajectories, 1);
        const TrajectorySummary t = bench.run(externalId);
        QCOMPARE(t.info.externalId, externalId);
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.task, task);
        QCOMPARE(t.info.agent, QStringLiteral("Gemini CLI"));
        QCOMPARE(t.info.workflow, QStringLiteral("gemini-cli"));
        const auto s = bench.steps(t);
        QCOMPARE(int(s.size()), steps);
        QCOMPARE(toolsCalled(s), tools);
        QCOMPARE(test::countKind(s, StepKind::Plan), plans);
        QCOMPARE(test::countKind(s, StepKind::Observation), int(tools.size()));
        QCOMPARE(test::countErrors(s), errors);
        QCOMPARE(t.errorCount, errors);
        const auto err = std::find_if(s.begin(), s.end(), [](const Step &x) { return x.isError; });
        if (firstErrorText.isEmpty())
            QVERIFY(err == s.end());
        else
            QVERIFY2(err != s.end() && err->text.startsWith(firstErrorText), qPrintable(err == s.end() ? QString() : err->text));
        QString why;
        QVERIFY2(test::toolCallsPaired(s, &why), qPrintable(why));
        for (const Step &step : s)
            QVERIFY2(QJsonDocument::fromJson(step.raw).isObject(), step.raw.left(300).constData());   // every step keeps its record
        QCOMPARE(s.front().role, QStringLiteral("user"));
    }

    void sessionDetails()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/gemini-cli/session-parts-content.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const TrajectorySummary t = bench.run(QStringLiteral("7c1e0b52-9f3a-4e61-a0d2-5b8e4f2c9a10"));
        QCOMPARE(t.info.startedMs, ms("2025-11-03T09:12:00.000Z"));
        QCOMPARE(t.info.endedMs, ms("2025-11-03T09:13:30.000Z"));
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("projectHash")).toString().size(), 64);
        QCOMPARE(extra.value(QStringLiteral("models")).toString(), QStringLiteral("gemini-2.5-pro,gemini-2.5-flash"));
        QCOMPARE(extra.value(QStringLiteral("tokens")).toMap().value(QStringLiteral("total")).toInt(), 942 + 1218);

        const auto s = bench.steps(t);
        const std::vector<StepKind> kinds = {StepKind::Message, StepKind::Plan,     StepKind::Message,
                                             StepKind::ToolCall, StepKind::Observation, StepKind::Other,
                                             StepKind::ToolCall, StepKind::Observation, StepKind::Other};
        QCOMPARE(s.size(), kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i)
            QVERIFY2(s[i].kind == kinds[i], qPrintable(QStringLiteral("step %1").arg(i)));
        QCOMPARE(s[1].text, QStringLiteral("Planning the cleanup\nRemoving build/ needs confirmation."));
        QCOMPARE(s[1].timestampMs, ms("2025-11-03T09:12:19.000Z"));
        QCOMPARE(s[1].role, QStringLiteral("assistant"));
        // The first step made from a message holds all of it; later ones their own part.
        QCOMPARE(QJsonDocument::fromJson(s[1].raw).object().value(QLatin1String("id")).toString(), QStringLiteral("m2"));
        QCOMPARE(s[2].text, QStringLiteral("I'll remove `build/` first."));
        QCOMPARE(s[3].text, QStringLiteral("{\"command\":\"rm -rf build\",\"description\":\"Remove the build folder.\"}"));
        QCOMPARE(s[3].callId, QStringLiteral("run_shell_command-1762161140000-aa11"));
        QCOMPARE(s[3].timestampMs, ms("2025-11-03T09:12:25.000Z"));
        QVERIFY(!s[3].raw.contains("\"result\""));
        QVERIFY(s[4].isError);   // status "cancelled"
        QCOMPARE(QJsonDocument::fromJson(s[4].raw).object().value(QLatin1String("status")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(s[5].text, QStringLiteral("Switched model to gemini-2.5-flash"));
        QVERIFY(!s[5].isError);
        QCOMPARE(QJsonDocument::fromJson(s[6].raw).object().value(QLatin1String("id")).toString(), QStringLiteral("m4"));
        QVERIFY(s[7].text.endsWith(QLatin1String("docs/usage.md")));
        QVERIFY(!s[7].isError);
        QVERIFY(s[8].isError);   // the CLI's "error" message: the API refused
        QCOMPARE(s[8].role, QStringLiteral("system"));
    }

    void checkpointPairsCallsWithoutIds()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/gemini-cli/checkpoint-docs-refactor.json")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const auto s = bench.steps(bench.run(QStringLiteral("checkpoint-docs-refactor")));
        QCOMPARE(s.size(), std::size_t(10));
        QCOMPARE(s[1].role, QStringLiteral("assistant"));   // "model"
        QCOMPARE(s[3].kind, StepKind::Plan);
        QCOMPARE(s[4].callId, QStringLiteral("run_shell_command#1"));
        QCOMPARE(s[5].callId, s[4].callId);
        QVERIFY(s[5].isError);   // Exit Code: 128
        QCOMPARE(s[8].callId, QStringLiteral("replace#2"));
        QVERIFY(s[8].isError);   // response.error
        QCOMPARE(s[8].text, QStringLiteral("File not found: /home/dev/site/docs/index.md"));
        QCOMPARE(QJsonDocument::fromJson(s[3].raw).object().value(QLatin1String("role")).toString(), QStringLiteral("model"));
    }

    void detectionLooksAtContent_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(test::fixture(QStringLiteral("formats/gemini-cli")), QDir::Files);
        while (it.hasNext()) {
            const QString p = it.next();
            QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
        }
    }

    void detectionLooksAtContent()
    {
        QFETCH(QString, path);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(64 * 1024);
        const ingest::Importer *imp = ingest::FormatRegistry::builtin().detect(QStringLiteral("/tmp/upload.bin"), head);
        QVERIFY(imp);
        QCOMPARE(imp->name(), QStringLiteral("gemini-cli"));
        // A head cut in the middle of the first message still tells.
        const ingest::Importer *cut = ingest::FormatRegistry::builtin().detect(path, head.left(300));
        QVERIFY(cut);
        QCOMPARE(cut->name(), QStringLiteral("gemini-cli"));
    }

    void otherFormatsAreLeftAlone()
    {
        const ingest::GeminiCliImporter gemini;
        int checked = 0;
        QStringList roots{test::fixture(QStringLiteral("formats")), test::fixture(QStringLiteral("native"))};
        if (!test::samplesDir().isEmpty())
            roots << test::samplesDir();
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString p = it.next();
                if (p.contains(QLatin1String("gemini-cli")) || p.endsWith(QLatin1String(".md")))
                    continue;
                QFile f(p);
                QVERIFY(f.open(QIODevice::ReadOnly));
                QVERIFY2(gemini.sniff(p, f.read(64 * 1024)) == 0, qPrintable(p));
                ++checked;
            }
        }
        QVERIFY(checked >= 15);
        // Chat transcripts that look alike: Claude Code lines carry "sessionId", OpenAI/OTel
        // messages "role" and "parts" with typed parts.
        QCOMPARE(gemini.sniff(QStringLiteral("a.jsonl"), QByteArray(R"({"sessionId":"s","type":"user","message":{"role":"user","content":"hi"}})")), 0);
        QCOMPARE(gemini.sniff(QStringLiteral("a.json"), QByteArray(R"({"sessionId":"s","messages":[{"role":"user","content":"hi"}]})")), 0);
        QCOMPARE(gemini.sniff(QStringLiteral("a.json"), QByteArray(R"([{"role":"user","parts":[{"type":"text","content":"hi"}]}])")), 0);
        QCOMPARE(gemini.sniff(QStringLiteral("a.json"), QByteArray(R"([{"role":"user","content":"hi"}])")), 0);
    }

    void badInputNamesThePlaceAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        // Plain literals where the JSON is cut open: moc miscounts braces inside raw strings.
        const QByteArray head = "{\"sessionId\":\"s1\",\"projectHash\":\"p\",\"startTime\":\"2025-01-01T00:00:00Z\",\"messages\":[";
        const QByteArray user = R"({"id":"u","type":"user","content":"hi"},)";
        QTest::newRow("message not an object") << head + user + "7]}" << QStringLiteral("messages[1]: expected a message object");
        QTest::newRow("type missing") << head + R"({"id":"u","content":"hi"}]})" << QStringLiteral("messages[0]: \"type\" must be a string");
        QTest::newRow("content a number") << head + user + R"({"type":"gemini","content":5}]})" << QStringLiteral("messages[1]: \"content\" must be");
        QTest::newRow("toolCalls an object") << head + user + R"({"type":"gemini","content":"","toolCalls":{}}]})"
                                             << QStringLiteral("messages[1]: \"toolCalls\" must be an array");
        QTest::newRow("call without name") << head + user + R"({"type":"gemini","toolCalls":[{"id":"c","args":{}}]}]})"
                                           << QStringLiteral("messages[1]: toolCalls[0]: \"name\" must be a string");
        QTest::newRow("result a string") << head + user + R"({"type":"gemini","toolCalls":[{"name":"ls","result":"ok"}]}]})"
                                         << QStringLiteral("toolCalls[0]: \"result\" must be an array");
        QTest::newRow("thoughts a string") << head + user + R"({"type":"gemini","thoughts":"hm"}]})" << QStringLiteral("\"thoughts\" must be an array");
        QTest::newRow("bad timestamp") << head + R"({"type":"user","content":"a","timestamp":"soon"}]})" << QStringLiteral("\"timestamp\" is not");
        QTest::newRow("sessionId a number") << QByteArray(R"({"sessionId":5,"projectHash":"p","messages":[]})") << QStringLiteral("\"sessionId\" must be a string");
        QTest::newRow("messages an object") << QByteArray(R"({"sessionId":"s","projectHash":"p","messages":{}})") << QStringLiteral("\"messages\" must be an array");
        QTest::newRow("truncated") << head + "{\"type\":\"user\",\"cont" << QStringLiteral(": at byte ");
        QTest::newRow("checkpoint item without parts") << QByteArray(R"([{"role":"model","parts":[{"text":"a"}]},{"role":"user","content":"b"}])")
                                                       << QStringLiteral("checkpoint item 1: expected a Gemini checkpoint item");
        QTest::newRow("checkpoint part not object") << QByteArray(R"([{"role":"model","parts":["a"]}])") << QStringLiteral("parts[0] must be an object");
        QTest::newRow("empty checkpoint") << QByteArray("[]") << QStringLiteral("holds no conversation items");
        QTest::newRow("neither shape") << QByteArray(R"({"sessionId":"s","projectHash":"p","startTime":"x"})")
                                       << QStringLiteral("expected a Gemini CLI session");
    }

    void badInputNamesThePlaceAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("session-bad.json"), content);
        test::ImportBench bench;
        const auto r = bench.import(path, QStringLiteral("gemini-cli"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QLatin1Char(':')), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void cancellationStopsTheImport()
    {
        const std::atomic_bool cancel{true};
        const ingest::ImportContext ctx({}, &cancel);
        MemorySink sink;
        const ingest::GeminiCliImporter gemini;
        QVERIFY_THROWS_EXCEPTION(ingest::ImportCancelled,
                                 gemini.import(test::fixture(QStringLiteral("formats/gemini-cli/session-parts-content.json")), ctx, sink));
        QVERIFY_THROWS_EXCEPTION(ingest::ImportCancelled,
                                 gemini.import(test::fixture(QStringLiteral("formats/gemini-cli/checkpoint-docs-refactor.json")), ctx, sink));
    }
};

QTEST_GUILESS_MAIN(TestFormatsGeminiCli)
#include "tst_formats_geminicli.moc"
