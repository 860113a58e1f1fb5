// Detection for the Claude Code, ReAct log, chat transcript, OpenTelemetry and ATIF formats:
// each fixture is claimed by its own importer only, and the other formats (native JSONL,
// tau-bench, SWE-agent, Inspect AI, OpenHands) are never claimed by these.

#include "TranscriptImportSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>

using namespace reverie;

namespace {

const QStringList &ours()
{
    static const QStringList names = {QStringLiteral("claude-code"), QStringLiteral("react-log"),
                                      QStringLiteral("openai-chat"), QStringLiteral("anthropic-messages"),
                                      QStringLiteral("otel-genai"),  QStringLiteral("atif")};
    return names;
}

QByteArray head(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray();
}

} // namespace

class TestFormatsTranscriptDetect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void eachFixtureIsClaimedByItsOwnFormatOnly_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        for (const QString &format : ours()) {
            QDirIterator it(test::fixture(QStringLiteral("formats/") + format), QDir::Files);
            while (it.hasNext()) {
                const QString path = it.next();
                QTest::newRow(qPrintable(format + QLatin1Char('/') + QFileInfo(path).fileName())) << path << format;
            }
        }
    }

    void eachFixtureIsClaimedByItsOwnFormatOnly()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QCOMPARE(test::detectedFormat(path), format);
        const QByteArray bytes = head(path);
        const auto &registry = ingest::FormatRegistry::builtin();
        const int own = registry.byName(format)->sniff(path, bytes);
        for (const QString &other : ours()) {
            if (other != format)
                QVERIFY2(registry.byName(other)->sniff(path, bytes) < own, qPrintable(other));
        }
    }

    void aHeadCutMidDocumentStillDetects_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("otel") << "otel-genai/semconv_current.json" << "otel-genai";
        QTest::newRow("openinference") << "otel-genai/openinference.json" << "otel-genai";
        QTest::newRow("atif") << "atif/currency_convert.json" << "atif";
        QTest::newRow("openai") << "openai-chat/weather_tools.json" << "openai-chat";
        QTest::newRow("anthropic") << "anthropic-messages/refund_tools.json" << "anthropic-messages";
        QTest::newRow("claude-code") << "claude-code/session_small.jsonl" << "claude-code";
    }

    void aHeadCutMidDocumentStillDetects()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        const QString path = test::fixture(QStringLiteral("formats/") + file);
        const QByteArray bytes = head(path);
        // As if the file were far larger than the 64 KiB the runner reads: cut mid-string.
        for (int cut : {700, 900, 1500}) {
            const ingest::Importer *imp = ingest::FormatRegistry::builtin().detect(path, bytes.left(cut));
            QVERIFY2(imp && imp->name() == format, qPrintable(QStringLiteral("cut at %1").arg(cut)));
        }
    }

    void aClaudeCodeSessionOpeningWithAHugeRecordIsDetected()
    {
        QTemporaryDir dir;
        const QByteArray snapshot = "{\"type\":\"file-history-snapshot\",\"messageId\":\"m\",\"snapshot\":{\"trackedFileBackups\":"
                                    "{\"a\":\"" + QByteArray(70000, 'x') + "\"}}}\n";
        const QByteArray user = "{\"type\":\"user\",\"sessionId\":\"s-9\",\"uuid\":\"u\",\"message\":{\"role\":\"user\","
                                "\"content\":\"hi\"}}\n";
        const QString path = test::writeFile(dir, QStringLiteral("big.jsonl"), snapshot + user);
        QCOMPARE(test::detectedFormat(path), QStringLiteral("claude-code"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(bench.run(QStringLiteral("s-9")).stepCount, 2);   // the snapshot joins the session
    }

    void otherFormatsAreNotClaimed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("name");
        QTest::newRow("native jsonl") << QByteArray("{\"trajectory\":\"t1\",\"type\":\"task\",\"title\":\"x\"}\n"
                                                    "{\"trajectory\":\"t1\",\"type\":\"message\",\"role\":\"user\",\"text\":\"y\"}\n")
                                      << "run.jsonl";
        QTest::newRow("tau-bench") << QByteArray("[{\"task_id\": 0, \"reward\": 1.0, \"info\": {}, \"traj\": [{\"role\": "
                                                 "\"system\", \"content\": \"x\"}, {\"role\": \"tool\", \"content\": \"y\"}],"
                                                 " \"trial\": 0}]")
                                   << "results.json";
        QTest::newRow("tau-bench traj first") << QByteArray("[{\"traj\": [{\"role\": \"user\", \"content\": \"x\", "
                                                            "\"tool_calls\": []}], \"task_id\": 1")
                                              << "results.json";
        QTest::newRow("swe-agent") << QByteArray("{\"environment\": \"swe_main\", \"trajectory\": [{\"action\": \"ls\"}], "
                                                 "\"history\": [{\"role\": \"system\", \"content\": \"x\"}], \"info\": {}}")
                                   << "x.traj";
        QTest::newRow("inspect") << QByteArray("{\"version\": 2, \"status\": \"success\", \"eval\": {}, \"samples\": "
                                               "[{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}]}")
                                 << "log.json";
        QTest::newRow("openhands array") << QByteArray("[{\"id\": 0, \"timestamp\": \"2025-01-01T00:00:00\", \"source\": "
                                                       "\"user\", \"message\": \"hi\", \"action\": \"message\", \"args\": {}}]")
                                         << "trajs.json";
        QTest::newRow("openhands jsonl") << QByteArray("{\"instance_id\": \"x\", \"history\": [{\"id\": 0, \"source\": "
                                                       "\"user\", \"action\": \"message\"}], \"error\": null}\n")
                                         << "output.jsonl";
        QTest::newRow("otlp logs") << QByteArray("{\"resourceLogs\": []}") << "logs.json";
        QTest::newRow("plain text") << QByteArray("Question: who?\nThought 1: hm\nAction 1: Search[x]\n") << "notes.txt";
        QTest::newRow("empty array") << QByteArray("[]") << "x.json";
    }

    void otherFormatsAreNotClaimed()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, name);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, name, content);
        const auto &registry = ingest::FormatRegistry::builtin();
        for (const QString &format : ours())
            QVERIFY2(registry.byName(format)->sniff(path, content) == 0, qPrintable(format));
        if (name == QLatin1String("run.jsonl"))
            QCOMPARE(test::detectedFormat(path), QStringLiteral("reverie-jsonl"));
    }

    void realSamplesOfOtherFormatsAreNotClaimed()
    {
        const QString root = test::samplesDir();
        if (root.isEmpty())
            QSKIP(test::kNoSamples);
        int checked = 0;
        for (const char *folder : {"tau-bench", "swe-agent-traj", "inspect-eval-log-json", "openhands-events"}) {
            QDirIterator it(QDir(root).filePath(QLatin1String(folder)), QDir::Files);
            while (it.hasNext()) {
                const QString path = it.next();
                const QByteArray bytes = head(path);
                for (const QString &format : ours())
                    QVERIFY2(ingest::FormatRegistry::builtin().byName(format)->sniff(path, bytes) == 0,
                             qPrintable(format + QLatin1String(" claims ") + path));
                ++checked;
            }
        }
        QVERIFY(checked >= 10);
    }

    void realSamplesOfTheseFormatsAreDetected()
    {
        const QString root = test::samplesDir();
        if (root.isEmpty())
            QSKIP(test::kNoSamples);
        const std::pair<const char *, const char *> folders[] = {{"claude-code-jsonl", "claude-code"},
                                                                 {"react-text-log", "react-log"}};
        for (const auto &[folder, format] : folders) {
            QDirIterator it(QDir(root).filePath(QLatin1String(folder)), QDir::Files);
            while (it.hasNext()) {
                const QString path = it.next();
                QCOMPARE(test::detectedFormat(path), QLatin1String(format));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFormatsTranscriptDetect)
#include "tst_formats_transcript_detect.moc"
