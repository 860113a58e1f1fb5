// The Aider chat history importer: one run per session with user input, edits and commits as
// paired tool calls, failed edits and provider errors as error steps, errors that name the line.
//
// Fixtures under tests/fixtures/formats/aider are trimmed copies of real histories (sessions
// cut out whole or at a user message; the OpenCoder copy's 58 KB HTML "Received chunk" line is
// cut to its first 160 characters), from ../shared/data/trajectories/SOURCES.md:
//   afi-core      AFI-Protocol/afi-core @59f2649 .aider.chat.history.md (MIT)
//   monochromatic Aquaticat/Monochromatic @56372c6 .aider.chat.history.md (Apache-2.0)
//   opencoder     Asphyksia/OpenCoder @b4e1e3e .aider.chat.history.md (MIT)

#include "TranscriptImportSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace reverie;

namespace {

// What a whole file imported to, counted over every run.
struct Tally {
    int runs = 0;
    QStringList models;            // info.model of each run, in externalId order, deduplicated
    int userMessages = 0;          // task + message/user
    int replies = 0;
    int edits = 0;                 // successful "edit" observations
    int failedEdits = 0;           // error "edit" observations
    int commits = 0;
    int shells = 0;
    int otherErrors = 0;           // error steps that are not observations (provider, aider)
    QStringList commitShas;
    QStringList editedFiles;
};

Tally tally(test::ImportBench &bench)
{
    Tally t;
    for (const TrajectorySummary &run : bench.runs()) {
        ++t.runs;
        if (!run.info.model.isEmpty() && !t.models.contains(run.info.model))
            t.models << run.info.model;
        for (const Step &s : bench.steps(run)) {
            t.userMessages += s.kind == StepKind::Task || (s.kind == StepKind::Message && s.role == QLatin1String("user"));
            t.replies += s.kind == StepKind::Message && s.role == QLatin1String("assistant");
            if (s.kind == StepKind::Observation && s.tool == QLatin1String("edit")) {
                (s.isError ? t.failedEdits : t.edits) += 1;
            } else if (s.kind == StepKind::Observation && s.tool == QLatin1String("git commit")) {
                ++t.commits;
                t.commitShas << s.text.section(QLatin1Char(' '), 1, 1);
            } else if (s.kind == StepKind::ToolCall && s.tool == QLatin1String("shell")) {
                ++t.shells;
            } else if (s.isError && s.kind != StepKind::Observation) {
                ++t.otherErrors;
            }
            if (s.kind == StepKind::ToolCall && s.tool == QLatin1String("edit"))
                t.editedFiles << s.text;
        }
    }
    return t;
}

QString samplePath(const QString &name)
{
    const QString folder = test::sampleFolder(QStringLiteral("aider-chat-history-md"));
    const QString path = folder.isEmpty() ? QString() : QDir(folder).filePath(name);
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace

class TestFormatsAider : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void wholeFiles_data()
    {
        QTest::addColumn<QString>("path");   // empty: the shared samples are absent
        QTest::addColumn<int>("runs");
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<int>("userMessages");
        QTest::addColumn<int>("replies");
        QTest::addColumn<int>("edits");
        QTest::addColumn<int>("failedEdits");
        QTest::addColumn<int>("commits");
        QTest::addColumn<int>("shells");
        QTest::addColumn<int>("otherErrors");
        QTest::addColumn<QString>("someCommit");
        QTest::addColumn<QString>("someEdit");

        const auto fixture = [](const char *name) { return test::fixture(QStringLiteral("formats/aider/") + QLatin1String(name)); };
        // Real samples: edits, commits, commands and failed edits match a grep of the files
        // (SOURCES.md); replies are 39 + 1 in Monochromatic, where aider crashed before "Tokens:".
        QTest::newRow("real afi-core")
            << samplePath(QStringLiteral("AFI-Protocol__afi-core.aider.chat.history.md")) << 8
            << QStringList{QStringLiteral("gpt-4o"), QStringLiteral("gpt-4.1")} << 49 << 39 << 17 << 1 << 13 << 10 << 0
            << QStringLiteral("dde0244") << QStringLiteral("cli_hooks/validator_invoker.ts");
        // 11 litellm errors, one aider crash (traceback), one read-only file error.
        QTest::newRow("real monochromatic")
            << samplePath(QStringLiteral("Aquaticat__Monochromatic.aider.chat.history.md")) << 13
            << QStringList{QStringLiteral("qwen3-235b-a22b"), QStringLiteral("openrouter/qwen3-235b-a22b"),
                           QStringLiteral("openrouter/qwen/qwen3-235b-a22b"),
                           QStringLiteral("vertex_ai/claude-sonnet-4@20250514"),
                           QStringLiteral("gemini/gemini-2.5-pro-preview-05-06")}
            << 26 << 40 << 20 << 7 << 43 << 0 << 13 << QStringLiteral("8f826e8") << QStringLiteral("CONVENTIONS.md");
        // 34 sessions, 2 without a request; 178 litellm errors, 2 OpenGPU patch errors, 2 crashes.
        QTest::newRow("real opencoder")
            << samplePath(QStringLiteral("Asphyksia__OpenCoder.aider.chat.history.md")) << 32
            << QStringList{QStringLiteral("ollama/gpt-oss:20b"), QStringLiteral("openai/Qwen/Qwen3-Coder"),
                           QStringLiteral("openai/qwen/qwen3-coder"), QStringLiteral("qwen/qwen3-coder"),
                           QStringLiteral("openai/gpt-oss:20b"), QStringLiteral("openai/qwen3-coder"),
                           QStringLiteral("openai/gpt-4o"), QStringLiteral("openai/openai/Qwen/Qwen3-Coder"),
                           QStringLiteral("Qwen/Qwen3-Coder")}
            << 32 << 5 << 3 << 0 << 3 << 0 << 182 << QStringLiteral("22f6ebc") << QStringLiteral("shutdown_pc.sh");
        QTest::newRow("fixture afi-core")
            << fixture("afi-core.aider.chat.history.md") << 3 << QStringList{QStringLiteral("gpt-4o")} << 7 << 6 << 3
            << 1 << 3 << 2 << 0 << QStringLiteral("7f1724d") << QStringLiteral("sync-afi.sh");
        QTest::newRow("fixture monochromatic")
            << fixture("monochromatic.aider.chat.history.md") << 4
            << QStringList{QStringLiteral("qwen3-235b-a22b"), QStringLiteral("vertex_ai/claude-sonnet-4@20250514"),
                           QStringLiteral("gemini/gemini-2.5-pro-preview-05-06")}
            << 4 << 4 << 0 << 1 << 1 << 0 << 4 << QStringLiteral("4ab3df9")
            << QStringLiteral("packages\\module\\es\\src\\iterable.filter.ts");
        QTest::newRow("fixture opencoder")
            << fixture("opencoder.aider.chat.history.md") << 2
            << QStringList{QStringLiteral("ollama/gpt-oss:20b"), QStringLiteral("Qwen/Qwen3-Coder")} << 2 << 1 << 1 << 0
            << 1 << 0 << 1 << QStringLiteral("22f6ebc") << QStringLiteral("shutdown_pc.sh");
    }

    void wholeFiles()
    {
        QFETCH(QString, path);
        if (path.isEmpty())
            QSKIP(test::kNoSamples);
        QCOMPARE(test::detectedFormat(path), QStringLiteral("aider"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("aider"));
        const Tally t = tally(bench);
        QFETCH(int, runs);
        QFETCH(QStringList, models);
        QFETCH(int, userMessages);
        QFETCH(int, replies);
        QFETCH(int, edits);
        QFETCH(int, failedEdits);
        QFETCH(int, commits);
        QFETCH(int, shells);
        QFETCH(int, otherErrors);
        QFETCH(QString, someCommit);
        QFETCH(QString, someEdit);
        QCOMPARE(t.runs, runs);
        QCOMPARE(t.models, models);
        QCOMPARE(t.userMessages, userMessages);
        QCOMPARE(t.replies, replies);
        QCOMPARE(t.edits, edits);
        QCOMPARE(t.failedEdits, failedEdits);
        QCOMPARE(t.commits, commits);
        QCOMPARE(t.shells, shells);
        QCOMPARE(t.otherErrors, otherErrors);
        if (!someCommit.isEmpty())
            QVERIFY2(t.commitShas.contains(someCommit), qPrintable(t.commitShas.join(QLatin1Char(' '))));
        if (!someEdit.isEmpty())
            QVERIFY2(t.editedFiles.contains(someEdit), qPrintable(t.editedFiles.join(QLatin1Char(' '))));

        // Every run: agent aider, a start time, a task, raw lines on every step, calls paired
        // (a shell command's output is never recorded, so "shell" calls stand alone).
        for (const TrajectorySummary &run : bench.runs()) {
            QCOMPARE(run.info.agent, QStringLiteral("aider"));
            QVERIFY(run.info.startedMs > 0);
            QVERIFY(!run.info.task.isEmpty());
            std::vector<Step> steps = bench.steps(run);
            for (const Step &s : steps)
                QVERIFY2(!s.raw.isEmpty(), qPrintable(run.info.externalId));
            steps.erase(std::remove_if(steps.begin(), steps.end(),
                                       [](const Step &s) { return s.tool == QLatin1String("shell"); }),
                        steps.end());
            QString why;
            QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(run.info.externalId + QLatin1String(": ") + why));
        }
    }

    // The afi-core fixture read closely: the session header, the task, an edit, a commit, a
    // shell command, a multi-line request, a failed edit whose message spans un-prefixed lines.
    void afiCoreFixtureStepByStep()
    {
        const QString path = test::fixture(QStringLiteral("formats/aider/afi-core.aider.chat.history.md"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));

        const TrajectorySummary first = bench.run(QStringLiteral("afi-core#2025-07-15T11:38:37"));
        QCOMPARE(first.info.model, QStringLiteral("gpt-4o"));
        QCOMPARE(first.info.workflow, QStringLiteral("afi-core"));
        QCOMPARE(first.info.outcome, QStringLiteral("interrupted"));
        // Local time without a zone, read as this machine's local time.
        QCOMPARE(first.info.startedMs,
                 QDateTime(QDate(2025, 7, 15), QTime(11, 38, 37), Qt::LocalTime).toMSecsSinceEpoch());
        QVERIFY(first.info.task.startsWith(QLatin1String("add a comment at the top of schemas/pipeline_config_schema.ts")));
        const QVariantMap extra = bench.extra(first);
        QCOMPARE(extra.value(QStringLiteral("aider_version")).toString(), QStringLiteral("0.85.1"));
        QCOMPARE(extra.value(QStringLiteral("edit_format")).toString(), QStringLiteral("diff"));
        QCOMPARE(extra.value(QStringLiteral("weak_model")).toString(), QStringLiteral("gpt-4o-mini"));
        const auto s1 = bench.steps(first);
        QCOMPARE(s1[0].kind, StepKind::Other);   // the header and aider's start-up lines
        QVERIFY(s1[0].raw.startsWith("# aider chat started at 2025-07-15 11:38:37\n\n> You can skip"));
        QCOMPARE(s1[1].kind, StepKind::Task);
        QCOMPARE(s1[1].role, QStringLiteral("user"));
        QCOMPARE(s1[1].text, first.info.task);
        QCOMPARE(s1[2].kind, StepKind::Message);
        QCOMPARE(s1[2].role, QStringLiteral("assistant"));
        QCOMPARE(s1[2].text, QStringLiteral("Please add `schemas/pipeline_config_schema.ts` to the chat so I can make the necessary changes."));
        QVERIFY(s1[3].text.startsWith(QLatin1String("Tokens: 3.2k sent, 21 received.")));

        const auto s2 = bench.steps(bench.run(QStringLiteral("afi-core#2025-07-15T14:53:34")));
        const auto find = [&s2](StepKind kind, const char *tool, const char *text) {
            return std::find_if(s2.begin(), s2.end(), [&](const Step &s) {
                return s.kind == kind && s.tool == QLatin1String(tool) && s.text == QLatin1String(text);
            });
        };
        const auto shell = find(StepKind::ToolCall, "shell", "chmod +x ~/AFI_Modular_Repos/*.sh");
        QVERIFY(shell != s2.end());
        QCOMPARE(shell->raw, QByteArray("> Running chmod +x ~/AFI_Modular_Repos/*.sh  "));
        QVERIFY(find(StepKind::Message, "", "sync-afi\naider-afi") != s2.end());   // two lines, one request
        const auto edit = find(StepKind::ToolCall, "edit", "aider-afi.sh");
        QVERIFY(edit != s2.end());
        QCOMPARE((edit + 1)->kind, StepKind::Observation);
        QCOMPARE((edit + 1)->callId, edit->callId);
        QCOMPARE((edit + 1)->text, QStringLiteral("Applied edit to aider-afi.sh"));
        const auto commit = find(StepKind::ToolCall, "git commit", "feat: add sync-afi and aider-afi shell scripts for AFI operations");
        QVERIFY(commit != s2.end());
        QCOMPARE((commit + 1)->text.left(12), QStringLiteral("Commit dde02"));

        const TrajectorySummary third = bench.run(QStringLiteral("afi-core#2025-07-16T20:11:30"));
        QCOMPARE(third.errorCount, 1);
        const auto s3 = bench.steps(third);
        const auto failed = std::find_if(s3.begin(), s3.end(), [](const Step &s) { return s.isError; });
        QCOMPARE(failed->kind, StepKind::Observation);
        QCOMPARE(failed->tool, QStringLiteral("edit"));
        QCOMPARE((failed - 1)->kind, StepKind::ToolCall);
        QCOMPARE((failed - 1)->text, QStringLiteral("cli_hooks/validator_invoker.ts"));
        QVERIFY(failed->text.startsWith(QLatin1String("The LLM did not conform to the edit format.\nhttps://aider.chat/")));
        QVERIFY(failed->text.contains(QLatin1String("## SearchReplaceNoExactMatch: This SEARCH block failed")));
        QVERIFY(failed->raw.endsWith("Just reply with fixed versions of the block above that failed to match.  "));
        QCOMPARE((failed + 1)->tool, QStringLiteral("git commit"));   // the next aider line stands alone
        QCOMPARE(s3.back().text, QStringLiteral("/edit *"));
        QCOMPARE(s3[s3.size() - 2].text, QStringLiteral("Invalid command: /find"));
    }

    void providerErrorsEndARunInError()
    {
        test::ImportBench bench;
        const auto r = bench.import(test::fixture(QStringLiteral("formats/aider/opencoder.aider.chat.history.md")));
        QVERIFY2(r.ok(), qPrintable(r.error));
        const TrajectorySummary run = bench.run(QStringLiteral("opencoder#2026-02-27T18:25:54"));
        QCOMPARE(run.info.outcome, QStringLiteral("error"));
        QCOMPARE(run.info.cwd, QStringLiteral("/home/asphyksia/OpenCoder/workspace"));
        QCOMPARE(run.errorCount, 1);
        const auto steps = bench.steps(run);
        QVERIFY(steps.back().isError);
        QVERIFY(steps.back().text.startsWith(QLatin1String("litellm.APIConnectionError: Error parsing chunk")));
        QVERIFY(steps.back().text.contains(QLatin1String("Traceback (most recent call last):")));
        QVERIFY(steps.back().text.contains(QLatin1String("\nDuring handling of the above exception, another exception occurred:\n")));
        // Sessions that never got a request are not runs.
        QVERIFY(bench.run(QStringLiteral("opencoder#2026-02-27T18:03:28")).id == 0);
    }

    // Shapes met in the wild, written by hand.
    void shapes()
    {
        QTemporaryDir dir;
        const QString path = test::writeFile(
            dir, QStringLiteral(".aider.chat.history.md"),
            "\r\n# aider chat started at 2025-01-02 03:04:05\r\n\r\n> Aider v0.80.0  \r\n> Model: m1 with whole edit format  \r\n\r\n"
            "#### /add a.py  \r\n\r\n#### fix it  \r\n\r\nSure.\r\n#### Heading the model wrote\r\nbody\r\n> a quote\r\n\r\n"
            "> Tokens: 1k sent, 2 received.  \r\n"
            // the same second again, and breaks stripped by an editor
            "\n# aider chat started at 2025-01-02 03:04:05\n\n> Main model: m2 with diff edit format\n\n#### go\n\nok\n\n"
            "> Applied edit to b.py\n> Commit abcdef0 fix: b\n");
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("aider"));
        QCOMPARE(r.trajectories, 2);
        const QString folder = QFileInfo(path).absoluteDir().dirName();   // the file's name says nothing
        const TrajectorySummary one = bench.run(folder + QStringLiteral("#2025-01-02T03:04:05"));
        QCOMPARE(one.info.task, QStringLiteral("fix it"));   // /add is a command, not the task
        QCOMPARE(one.info.model, QStringLiteral("m1"));
        const auto s1 = bench.steps(one);
        QCOMPARE(s1[1].text, QStringLiteral("/add a.py"));
        QCOMPARE(s1[1].kind, StepKind::Message);
        QCOMPARE(s1[2].kind, StepKind::Task);
        QCOMPARE(s1[3].role, QStringLiteral("assistant"));
        QCOMPARE(s1[3].text, QStringLiteral("Sure.\n#### Heading the model wrote\nbody\n> a quote"));
        const TrajectorySummary two = bench.run(folder + QStringLiteral("#2025-01-02T03:04:05-2"));
        QCOMPARE(two.info.model, QStringLiteral("m2"));
        const auto s2 = bench.steps(two);
        QCOMPARE(test::countKind(s2, StepKind::ToolCall), 2);
        QCOMPARE(s2.back().text, QStringLiteral("Commit abcdef0 fix: b"));
    }

    void badInputNamesTheLineAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "# aider chat started at 2025-07-15 11:38:37\n\n#### hi  \n";   // lines 1-3
        QTest::newRow("notes") << QByteArray("\n# Notes\n\nwe used aider\n") << 2 << QStringLiteral("not an aider chat history");
        QTest::newRow("bad start time") << QByteArray("# aider chat started at yesterday\n") << 1
                                        << QStringLiteral("start time");
        QTest::newRow("impossible date") << QByteArray("# aider chat started at 2025-13-45 10:00:00\n") << 1
                                         << QStringLiteral("not a valid date");
        QTest::newRow("invalid UTF-8") << head + "\nreply \xff\xfe\n" << 5 << QStringLiteral("invalid UTF-8");
        QTest::newRow("NUL byte") << head + QByteArray("\nreply a\0b\n", 12) << 5 << QStringLiteral("NUL");
    }

    void badInputNamesTheLineAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("bad.md"), content);
        test::ImportBench bench;
        const auto r = bench.import(path, QStringLiteral("aider"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(path + QStringLiteral(":%1:").arg(line)), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void otherMarkdownIsNotClaimed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("CLAUDE.md") << QStringLiteral("CLAUDE.md")
                                   << QByteArray("# Project\n\n#### Build\n\n> Note: run `make`  \n");
        QTest::newRow("AGENTS.md") << QStringLiteral("AGENTS.md")
                                   << QByteArray("# Agents\n\n- use aider\n\n# aider chat started at 2025-01-01 00:00:00\n");
        QTest::newRow("notes quoting aider") << QStringLiteral(".aider.chat.history.md")
                                             << QByteArray("Some notes\n# aider chat started at 2025-01-01 00:00:00\n");
        QTest::newRow("header without a time") << QStringLiteral("x.md") << QByteArray("# aider chat started at noon\n");
    }

    void otherMarkdownIsNotClaimed()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, name, content);
        QVERIFY(test::detectedFormat(path) != QLatin1String("aider"));
    }
};

QTEST_GUILESS_MAIN(TestFormatsAider)
#include "tst_formats_aider.moc"
