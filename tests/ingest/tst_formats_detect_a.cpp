// Detection for the tau-bench, SWE-agent, Inspect AI and OpenHands importers: each claims its
// own files from content and leaves every other format's files alone.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/formats/InspectEvalImporter.h"
#include "core/ingest/formats/OpenHandsImporter.h"
#include "core/ingest/formats/SweAgentImporter.h"
#include "core/ingest/formats/TauBenchImporter.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFile>
#include <QTest>

#include <memory>
#include <vector>

using namespace reverie;

namespace {

QByteArray head(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.read(64 * 1024);   // what the import runner hands to sniff()
}

std::vector<std::unique_ptr<ingest::Importer>> groupA()
{
    std::vector<std::unique_ptr<ingest::Importer>> v;
    v.push_back(std::make_unique<ingest::TauBenchImporter>());
    v.push_back(std::make_unique<ingest::SweAgentImporter>());
    v.push_back(std::make_unique<ingest::InspectEvalImporter>());
    v.push_back(std::make_unique<ingest::OpenHandsImporter>());
    return v;
}

// The name of the group A importer most sure of the file, or empty when none claims it.
QString bestOfGroupA(const QString &path, const QByteArray &bytes)
{
    QString best;
    int bestScore = 0;
    for (const auto &imp : groupA()) {
        const int score = imp->sniff(path, bytes);
        if (score > bestScore) {
            best = imp->name();
            bestScore = score;
        }
    }
    return best;
}

} // namespace

class TestDetectGroupA : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realSamples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");   // empty: none of group A may claim it
        const QString root = test::samplesDir();
        if (root.isEmpty())
            return;
        const QList<QPair<QString, QString>> folders = {
            {QStringLiteral("tau-bench"), QStringLiteral("tau-bench")},
            {QStringLiteral("swe-agent-traj"), QStringLiteral("swe-agent")},
            {QStringLiteral("inspect-eval-log-json"), QStringLiteral("inspect-eval")},
            {QStringLiteral("openhands-events"), QStringLiteral("openhands")},
            {QStringLiteral("claude-code-jsonl"), QString()},
            {QStringLiteral("react-text-log"), QString()},
        };
        for (const auto &[folder, format] : folders) {
            QDirIterator it(QDir(root).filePath(folder), QDir::Files);
            while (it.hasNext()) {
                const QString p = it.next();
                QTest::newRow(qPrintable(folder + QLatin1Char('/') + QFileInfo(p).fileName())) << p << format;
            }
        }
    }

    void realSamples()
    {
        if (test::samplesDir().isEmpty())
            QSKIP(test::kNoSamples);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const QByteArray bytes = head(path);
        QCOMPARE(bestOfGroupA(path, bytes), expected);
        if (!expected.isEmpty()) {
            // The whole registry agrees, whatever else is registered by then.
            const ingest::Importer *imp = ingest::FormatRegistry::builtin().detect(path, bytes);
            QVERIFY(imp);
            QCOMPARE(imp->name(), expected);
            // Content decides, not the name: the same bytes under a neutral name still match.
            QCOMPARE(bestOfGroupA(QStringLiteral("/tmp/upload.bin"), bytes), expected);
        }
    }

    void ownFixtures_data()
    {
        QTest::addColumn<QString>("relative");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tau-bench") << QStringLiteral("formats/tau-bench/retail_small.json") << QStringLiteral("tau-bench");
        QTest::newRow("swe-agent") << QStringLiteral("formats/swe-agent/octo__widgets-42.traj") << QStringLiteral("swe-agent");
        QTest::newRow("swe-agent history") << QStringLiteral("formats/swe-agent/history_only.traj") << QStringLiteral("swe-agent");
        QTest::newRow("inspect") << QStringLiteral("formats/inspect-eval/arith_log.json") << QStringLiteral("inspect-eval");
        QTest::newRow("openhands ui") << QStringLiteral("formats/openhands/ui_export.json") << QStringLiteral("openhands");
        QTest::newRow("openhands eval") << QStringLiteral("formats/openhands/eval_output.jsonl") << QStringLiteral("openhands");
        QTest::newRow("native") << QStringLiteral("native/deploy_small.jsonl") << QString();
    }

    void ownFixtures()
    {
        QFETCH(QString, relative);
        QFETCH(QString, expected);
        const QString path = test::fixture(relative);
        const QByteArray bytes = head(path);
        QCOMPARE(bestOfGroupA(path, bytes), expected);
        const ingest::Importer *imp = ingest::FormatRegistry::builtin().detect(path, bytes);
        QVERIFY(imp);
        QCOMPARE(imp->name(), expected.isEmpty() ? QStringLiteral("reverie-jsonl") : expected);
    }

    void otherFormatsAreNotClaimed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("OpenAI chat array") << QStringLiteral("chat.json")
                                           << QByteArray(R"([{"role": "system", "content": "be brief"}, {"role": "assistant",
                                                "content": null, "tool_calls": [{"id": "c1", "type": "function",
                                                "function": {"name": "ls", "arguments": "{}"}}]}, {"role": "tool",
                                                "tool_call_id": "c1", "content": "a b"}])");
        QTest::newRow("Anthropic messages") << QStringLiteral("messages.json")
                                            << QByteArray(R"({"model": "claude", "messages": [{"role": "user", "content":
                                                 [{"type": "text", "text": "hi"}]}]})");
        QTest::newRow("ATIF") << QStringLiteral("run.json")
                              << QByteArray(R"({"schema_version": "ATIF-v1.2", "session_id": "s1", "agent": {"name": "a"},
                                   "steps": [{"step_id": 1, "source": "agent", "message": "x", "observation": {"results": []}}]})");
        QTest::newRow("OTLP spans") << QStringLiteral("spans.json")
                                    << QByteArray(R"({"resourceSpans": [{"scopeSpans": [{"spans": [{"name": "chat",
                                         "attributes": [{"key": "gen_ai.system", "value": {"stringValue": "openai"}}]}]}]}]})");
        QTest::newRow("Claude Code line") << QStringLiteral("session.jsonl")
                                          << QByteArray(R"({"type": "user", "uuid": "u1", "sessionId": "s", "message":
                                               {"role": "user", "content": "hi"}})" "\n");
        QTest::newRow("SWE-bench predictions") << QStringLiteral("preds.jsonl")
                                               << QByteArray(R"({"instance_id": "a__b-1", "model_patch": "diff",
                                                    "model_name_or_path": "gpt"})" "\n");
        static const char zipHead[] = "PK\x03\x04\x14\x00\x00\x00readme.txt";   // holds NULs: size, not strlen
        QTest::newRow("plain ZIP") << QStringLiteral("archive.zip") << QByteArray(zipHead, sizeof zipHead - 1);
        QTest::newRow("text") << QStringLiteral("notes.traj") << QByteArray("Thought: I should look.\nAction: ls\n");
        QTest::newRow("empty array") << QStringLiteral("x.json") << QByteArray("[]");
    }

    void otherFormatsAreNotClaimed()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QCOMPARE(bestOfGroupA(QStringLiteral("/data/") + name, bytes), QString());
    }

    void headCutAnywhereNeverCrashes()
    {
        // Sniffing must cope with a head cut mid-string, mid-escape or mid-number.
        const QByteArray full = head(test::fixture(QStringLiteral("formats/openhands/ui_export.json")))
                                + head(test::fixture(QStringLiteral("formats/tau-bench/retail_small.json")));
        for (qsizetype n = 0; n <= full.size(); n += 7)
            bestOfGroupA(QStringLiteral("x.json"), full.left(n));
        QCOMPARE(bestOfGroupA(QStringLiteral("x.json"), QByteArray(100000, '[')), QString());
        QCOMPARE(bestOfGroupA(QStringLiteral("x.json"), QByteArray("{\"a\":\"\\")), QString());
    }
};

QTEST_GUILESS_MAIN(TestDetectGroupA)
#include "tst_formats_detect_a.moc"
