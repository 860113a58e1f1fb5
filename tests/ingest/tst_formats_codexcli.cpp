// The Codex CLI rollout importer: one run per session file, tool calls paired with their outputs
// by call id, failed commands as error steps whichever way the CLI version wrote the exit code,
// every line of the file kept in some step's raw, unknown shapes refused with their line.
//
// Fixtures under tests/fixtures/formats/codex-cli:
// - rollout-2025-09-24T20-12-23-01997ea4-....jsonl: trimmed from jnarowski/agentcmd
//   packages/agent-cli-sdk/tests/fixtures/codex/full/ (commit 958c4940e3a2, MIT): the first turn
//   only, tool outputs cut to 400 characters, the IDE's open-tab list and screenshot shortened.
// - rollout-2025-12-10T04-55-16-019b04ae-....jsonl: lanegrid/agtrace samples-tmp/.codex/sessions/
//   2025/12/10/ (commit 2b20decd9c4e, MIT), whole, encrypted reasoning cut to 40 characters.
// - adapted-0.125-rollout-019bb9e2-....jsonl, rollout-2025-05-08T17-24-21-....jsonl (pre-session_meta
//   lines) and rollout-2025-04-20-....json (the TypeScript CLI's document): written for these
//   tests after the shapes of the real samples and the codex-rs protocol types; not real runs.

#include "TranscriptImportSupport.h"

#include "core/ingest/formats/CodexCliImporter.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTest>

using namespace reverie;

namespace {

const QString kFormat = QStringLiteral("codex-cli");

// Written for these tests (see the note at the top): the newer shapes the real samples lack.
QString adaptedFixture()
{
    return test::fixture(QStringLiteral("formats/codex-cli/adapted-0.125-rollout-019bb9e2-4c1d-7f30-9a52-3d1e8f0c7a11.jsonl"));
}

// JSON written with single quotes, for readable test data.
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QByteArray head(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray();
}

QStringList toolNames(const std::vector<Step> &steps)
{
    QStringList names;
    for (const Step &s : steps) {
        if (s.kind == StepKind::ToolCall && !names.contains(s.tool))
            names << s.tool;
    }
    return names;
}

// Every non-blank line of the file is, byte for byte, some step's raw.
bool lossless(const QString &path, const std::vector<Step> &steps, QString *why)
{
    QSet<QByteArray> raws;
    for (const Step &s : steps)
        raws.insert(s.raw);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    int n = 0;
    for (const QByteArray &l : f.readAll().split('\n')) {
        ++n;
        if (!l.trimmed().isEmpty() && !raws.contains(l)) {
            *why = QStringLiteral("line %1 is in no step's raw").arg(n);
            return false;
        }
    }
    return true;
}

const Step *findStep(const std::vector<Step> &steps, StepKind kind, const QString &callId)
{
    for (const Step &s : steps) {
        if (s.kind == kind && s.callId == callId)
            return &s;
    }
    return nullptr;
}

class NullSink final : public ingest::TrajectorySink {
public:
    qint64 begin(const TrajectoryInfo &) override { return 1; }
    void addStep(qint64, const Step &) override {}
    void finish(qint64, const TrajectoryInfo &) override {}
};

} // namespace

class TestFormatsCodexCli : public QObject {
    Q_OBJECT
private:
    // The facts both the real samples and the fixtures are checked against.
    static void addColumns()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("steps");       // one step per record
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<int>("observations");
        QTest::addColumn<int>("errors");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("tools");
        QTest::addColumn<QString>("task");    // how the task starts
        QTest::addColumn<QString>("workflow");
        QTest::addColumn<QString>("outcome");
    }

    static void checkRun(const QString &path)
    {
        QFETCH(int, steps);
        QFETCH(int, toolCalls);
        QFETCH(int, observations);
        QFETCH(int, errors);
        QFETCH(QString, model);
        QFETCH(QStringList, tools);
        QFETCH(QString, task);
        QFETCH(QString, workflow);
        QFETCH(QString, outcome);
        QCOMPARE(test::detectedFormat(path), kFormat);
        // Content decides, not the name.
        QVERIFY(ingest::FormatRegistry::builtin().byName(kFormat)->sniff(QStringLiteral("/tmp/upload.bin"), head(path)) >= 85);

        test::ImportBench bench;
        const auto r = bench.import(path);   // no --format: detection picks it
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, kFormat);
        QCOMPARE(r.trajectories, 1);
        const auto runs = bench.runs();
        QCOMPARE(runs.size(), std::size_t(1));
        const TrajectorySummary &t = runs.front();
        QCOMPARE(t.info.externalId.size(), 36);   // the session's UUID
        QVERIFY2(QFileInfo(path).fileName().contains(t.info.externalId), qPrintable(t.info.externalId));
        QCOMPARE(t.info.model, model);
        QCOMPARE(t.info.agent, QStringLiteral("codex-cli"));
        QCOMPARE(t.info.workflow, workflow);
        QVERIFY2(t.info.task.startsWith(task), qPrintable(t.info.task));
        QCOMPARE(t.info.outcome, outcome);
        QCOMPARE(t.info.verdict, Verdict::Unknown);
        QVERIFY(t.info.startedMs > 0 && t.info.endedMs >= t.info.startedMs);
        QCOMPARE(t.stepCount, steps);
        QCOMPARE(t.errorCount, errors);

        const auto all = bench.steps(t);
        QCOMPARE(int(all.size()), steps);
        QCOMPARE(test::countKind(all, StepKind::ToolCall), toolCalls);
        QCOMPARE(test::countKind(all, StepKind::Observation), observations);
        QCOMPARE(test::countErrors(all), errors);
        for (const Step &s : all)
            QVERIFY2(!s.isError || s.kind == StepKind::Observation, qPrintable(s.text.left(200)));
        QCOMPARE(toolNames(all), tools);
        if (toolCalls == observations) {
            QString why;
            QVERIFY2(test::toolCallsPaired(all, &why), qPrintable(why));
        }
        QString why;
        QVERIFY2(lossless(path, all, &why), qPrintable(why));
    }

private Q_SLOTS:
    void realSamples_data()
    {
        addColumns();
        // File names only: realSamples() skips, with the reason, where the samples are absent.
        // Counts from SOURCES.md (exit codes, calls) and the files (one step per line).
        QTest::newRow("0.40 vscode, 3 failed commands")
            << QStringLiteral("rollout-2025-09-24T20-12-23-01997ea4-a70d-7da3-8c20-c736db82a7c5.jsonl")
            << 112 << 16 << 16 << 3 << "gpt-5-codex" << QStringList{QStringLiteral("shell")}
            << "When I load the dashboard, I see 4 queries." << "spectora-labs-monorepo-v2" << "";
        QTest::newRow("0.40 vscode, all succeed")
            << QStringLiteral("rollout-2025-09-25T15-12-14-019982b8-3422-79e0-8b3b-05abaf4f3c3e.jsonl")
            << 209 << 34 << 34 << 0 << "gpt-5-codex" << QStringList{QStringLiteral("shell")}
            << "Evaluate @packages/services and create a new" << "spectora-labs-monorepo-v2" << "";
        QTest::newRow("0.58 cli, update_plan")
            << QStringLiteral("rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl")
            << 279 << 39 << 39 << 3 << "gpt-5.1-codex" << QStringList{QStringLiteral("shell"), QStringLiteral("update_plan")}
            << "finish up the users work by rigging up the chatbot-ui" << "chatbot-ui" << "";
        QTest::newRow("0.66 cli, plain-text exit codes")
            << QStringLiteral("rollout-2025-12-10T04-55-16-019b04ae-b1c6-7c72-a134-a4c2de66058c.jsonl")
            << 55 << 5 << 5 << 2 << "gpt-5.1-codex-max"
            << QStringList{QStringLiteral("shell_command"), QStringLiteral("apply_patch")}
            << "add myapp directory and create myapp/hoge.py" << "agent-sample" << "";
    }

    void realSamples()
    {
        const QString folder = test::sampleFolder(QStringLiteral("codex-cli-jsonl"));
        if (folder.isEmpty())
            QSKIP(test::kNoSamples);
        QFETCH(QString, path);
        checkRun(QDir(folder).filePath(path));
    }

    void fixtures_data()
    {
        addColumns();
        auto fixture = [](const char *name) { return test::fixture(QLatin1String("formats/codex-cli/") + QLatin1String(name)); };
        QTest::newRow("trimmed 0.40")
            << fixture("rollout-2025-09-24T20-12-23-01997ea4-a70d-7da3-8c20-c736db82a7c5.jsonl") << 24 << 3 << 3 << 2
            << "gpt-5-codex" << QStringList{QStringLiteral("shell")} << "When I load the dashboard, I see 4 queries."
            << "spectora-labs-monorepo-v2" << "";
        QTest::newRow("0.66") << fixture("rollout-2025-12-10T04-55-16-019b04ae-b1c6-7c72-a134-a4c2de66058c.jsonl") << 55
                              << 5 << 5 << 2 << "gpt-5.1-codex-max"
                              << QStringList{QStringLiteral("shell_command"), QStringLiteral("apply_patch")}
                              << "add myapp directory" << "agent-sample" << "";
        // web_search_call has no output record: one call more than observations.
        QTest::newRow("adapted 0.125") << fixture("adapted-0.125-rollout-019bb9e2-4c1d-7f30-9a52-3d1e8f0c7a11.jsonl") << 32 << 6 << 5 << 3 << "gpt-5.2-codex"
                                       << QStringList{QStringLiteral("exec_command"), QStringLiteral("view_image"),
                                                      QStringLiteral("apply_patch"), QStringLiteral("local_shell"),
                                                      QStringLiteral("web_search")}
                                       << "fix the failing checkout test" << "shop" << "aborted (interrupted)";
        QTest::newRow("legacy lines") << fixture("rollout-2025-05-08T17-24-21-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl")
                                      << 12 << 2 << 2 << 1 << "" << QStringList{QStringLiteral("local_shell"), QStringLiteral("shell")}
                                      << "count the TODO comments in src" << "codex-cli" << "";
    }

    void fixtures()
    {
        QFETCH(QString, path);
        checkRun(path);
    }

    void newerShapeErrorsComeFromWhereverTheExitCodeIs()
    {
        test::ImportBench bench;
        const auto r = bench.import(adaptedFixture());
        QVERIFY2(r.ok(), qPrintable(r.error));
        const TrajectorySummary t = bench.run(QStringLiteral("019bb9e2-4c1d-7f30-9a52-3d1e8f0c7a11"));
        QCOMPARE(t.info.cwd, QStringLiteral("/home/dev/shop"));
        const QVariantMap extra = bench.extra(t);
        QCOMPARE(extra.value(QStringLiteral("cli_version")).toString(), QStringLiteral("0.125.0"));
        QCOMPARE(extra.value(QStringLiteral("models")).toStringList(),
                 (QStringList{QStringLiteral("gpt-5.2-codex"), QStringLiteral("gpt-5.2-codex-max")}));
        QCOMPARE(extra.value(QStringLiteral("token_usage")).toMap().value(QStringLiteral("total_tokens")).toInt(), 9800);
        const auto steps = bench.steps(t);
        // The recorded instructions come first, as the system's message: a published playbook shows up there.
        QCOMPARE(steps[0].kind, StepKind::Message);
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QCOMPARE(steps[0].text, QStringLiteral("Always run the checkout tests before you report success."));
        QCOMPARE(steps[1].role, QStringLiteral("system"));   // developer message
        QCOMPARE(steps[2].role, QStringLiteral("system"));   // AGENTS.md, injected as a user message
        // "Process exited with code 1" in the text.
        const Step *exec1 = findStep(steps, StepKind::Observation, QStringLiteral("call_exec1"));
        QVERIFY(exec1 && exec1->isError && exec1->tool == QLatin1String("exec_command"));
        // Structured content items without an exit code: the exec_command_end after it decides.
        const Step *exec2 = findStep(steps, StepKind::Observation, QStringLiteral("call_exec2"));
        QVERIFY(exec2 && exec2->isError);
        QCOMPARE(exec2->text, QStringLiteral("rounding mismatch in cents()"));
        const Step *image = findStep(steps, StepKind::Observation, QStringLiteral("call_img"));
        QVERIFY(image && !image->isError);
        QCOMPARE(image->text, QStringLiteral("screenshot.png\n[image]"));
        const Step *patch = findStep(steps, StepKind::Observation, QStringLiteral("call_patch1"));
        QVERIFY(patch && patch->isError && patch->tool == QLatin1String("apply_patch"));
        const Step *ls = findStep(steps, StepKind::ToolCall, QStringLiteral("call_ls1"));
        QVERIFY(ls && ls->text == QLatin1String("bash -lc ls src"));
        QVERIFY(!findStep(steps, StepKind::Observation, QStringLiteral("call_ls1"))->isError);
        const Step *search = findStep(steps, StepKind::ToolCall, QStringLiteral("ws_1"));
        QVERIFY(search && search->text.startsWith(QLatin1String("javascript round")));
        // The command-end events stay Other steps and never count a failure twice.
        for (const Step &s : steps) {
            if (s.role == QLatin1String("exec_command_end") || s.role == QLatin1String("patch_apply_end"))
                QVERIFY(s.kind == StepKind::Other && !s.isError);
        }
        QCOMPARE(test::countKind(steps, StepKind::Outcome), 2);   // task_complete, then turn_aborted
        QCOMPARE(steps.back().text, QStringLiteral("turn aborted: interrupted"));
    }

    void legacyShapesAreRead()
    {
        test::ImportBench bench;
        const QString lines =
            test::fixture(QStringLiteral("formats/codex-cli/rollout-2025-05-08T17-24-21-5973b6c0-94b8-487b-a530-2aeb6098ae0e.jsonl"));
        const auto r = bench.import(lines);
        QVERIFY2(r.ok(), qPrintable(r.error));
        const TrajectorySummary t = bench.run(QStringLiteral("5973b6c0-94b8-487b-a530-2aeb6098ae0e"));
        QCOMPARE(bench.extra(t).value(QStringLiteral("shape")).toString(), QStringLiteral("legacy-jsonl"));
        const auto steps = bench.steps(t);
        QCOMPARE(steps[0].kind, StepKind::Message);
        QCOMPARE(steps[0].role, QStringLiteral("system"));
        QVERIFY(steps[0].text.contains(QLatin1String("Quote the error message")));
        QCOMPARE(steps[1].role, QStringLiteral("state"));
        QVERIFY(findStep(steps, StepKind::Observation, QStringLiteral("call_a"))->isError);

        const QString doc = test::fixture(QStringLiteral("formats/codex-cli/rollout-2025-04-20-b7e1c2d3-0a4b-4c5d-8e9f-123456789abc.json"));
        QCOMPARE(test::detectedFormat(doc), kFormat);
        const auto d = bench.import(doc);
        QVERIFY2(d.ok(), qPrintable(d.error));
        const TrajectorySummary ts = bench.run(QStringLiteral("b7e1c2d3-0a4b-4c5d-8e9f-123456789abc"));
        QCOMPARE(ts.info.task, QStringLiteral("print the python version"));
        QCOMPARE(ts.errorCount, 1);
        QCOMPARE(ts.stepCount, 7);   // the session header and six items
        QCOMPARE(bench.extra(ts).value(QStringLiteral("shape")).toString(), QStringLiteral("legacy-json"));
    }

    void badInputNamesTheLineAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        const QByteArray meta = j("{'timestamp':'2025-12-09T19:55:16.336Z','type':'session_meta','payload':{'id':'s-1','cwd':'/w'}}\n");
        const QByteArray item = j("{'timestamp':'2025-12-09T19:55:17Z','type':'response_item','payload':{'type':'message','role':'user','content':'hi'}}\n");
        QTest::newRow("unknown first shape") << QByteArray(j("{'trajectory':'t','type':'plan','text':'x'}") + "\n") << 1
                                             << QStringLiteral("unknown Codex CLI rollout shape: the first record is a \"plan\" record "
                                                               "with keys {text, trajectory, type}");
        QTest::newRow("claude code line") << QByteArray(j("{'type':'user','sessionId':'a','message':{}}") + "\n") << 1
                                          << QStringLiteral("unknown Codex CLI rollout shape");
        QTest::newRow("first line an array") << QByteArray("[1,2]\n") << 1 << QStringLiteral("a JSON array, not an object");
        QTest::newRow("payload not an object") << meta + item + j("{'timestamp':'x','type':'event_msg','payload':'no'}") + "\n" << 3
                                               << QStringLiteral("a \"event_msg\" record needs a \"payload\" object");
        QTest::newRow("no type") << meta + j("{'timestamp':'x','payload':{}}") + "\n" << 2 << QStringLiteral("missing \"type\"");
        QTest::newRow("legacy line without type") << QByteArray(j("{'id':'s','timestamp':'2025-05-08T17:24:21Z','instructions':''}\n{'role':'user'}\n"))
                                                  << 2 << QStringLiteral("legacy Codex rollout line needs a \"type\"");
        QTest::newRow("truncated") << meta + j("{'timestamp':'x','type':'response_item','payload':{'type':'mess") + "\n" << 2
                                   << QStringLiteral("invalid JSON");
        QTest::newRow("invalid UTF-8") << meta + item + "{\"type\":\"event_msg\",\"payload\":{\"type\":\"\xff\xfe\"}}\n" << 3
                                       << QStringLiteral("invalid JSON");
        QTest::newRow("deep nesting") << meta + "{\"type\":\"event_msg\",\"payload\":" + QByteArray(3000, '[') + QByteArray(3000, ']')
                                             + "}\n"
                                      << 2 << QStringLiteral("nested deeper");
    }

    void badInputNamesTheLineAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("rollout-bad.jsonl"), content);
        test::ImportBench bench;
        const auto r = bench.import(path, kFormat);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(":%1:").arg(line)), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void cancellationStopsTheImport()
    {
        const std::atomic_bool cancel{true};
        const ingest::ImportContext ctx({}, &cancel);
        NullSink sink;
        const QString path = adaptedFixture();
        QVERIFY_THROWS_EXCEPTION(ingest::ImportCancelled, ingest::CodexCliImporter().import(path, ctx, sink));
    }

    void aHeadCutMidLineStillDetects()
    {
        const QString path = adaptedFixture();
        const QByteArray bytes = head(path);
        const int own = ingest::FormatRegistry::builtin().byName(kFormat)->sniff(path, bytes);
        for (int cut : {150, 200, 260}) {
            const QByteArray part = bytes.left(cut);
            QCOMPARE(ingest::FormatRegistry::builtin().detect(path, part)->name(), kFormat);
            QVERIFY(own >= ingest::FormatRegistry::builtin().byName(kFormat)->sniff(path, part));
        }
    }

    // Nothing of another format is claimed: the project's fixtures and the other real samples.
    void otherFormatsAreNotClaimed()
    {
        const ingest::Importer *codex = ingest::FormatRegistry::builtin().byName(kFormat);
        QStringList roots{test::fixture(QStringLiteral("formats")), test::fixture(QStringLiteral("../hostile"))};
        if (!test::samplesDir().isEmpty())
            roots << test::samplesDir();
        int checked = 0;
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QLatin1String("codex-cli")))
                    continue;
                QVERIFY2(codex->sniff(path, head(path)) == 0, qPrintable(path));
                ++checked;
            }
        }
        QVERIFY(checked >= 20);
    }
};

QTEST_GUILESS_MAIN(TestFormatsCodexCli)
#include "tst_formats_codexcli.moc"
