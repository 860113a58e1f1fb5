// The Reflexion/ReAct text log importer: verdict from the section, numbered steps paired,
// multi-line observations kept whole, errors that name the line.

#include "TranscriptImportSupport.h"

#include <QDir>
#include <QTest>

using namespace reverie;

class TestFormatsReactLog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realHotpotQaLog()
    {
        const QString folder = test::sampleFolder(QStringLiteral("react-text-log"));
        if (folder.isEmpty())
            QSKIP(test::kNoSamples);
        const QString path = QDir(folder).filePath(QStringLiteral("hotpotqa_react_base_thought_log.txt"));
        QCOMPARE(test::detectedFormat(path), QStringLiteral("react-log"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("react-log"));
        QCOMPARE(r.trajectories, 102);

        std::map<QString, int> outcomes;
        std::map<QString, int> tools;
        int success = 0, failure = 0, actions = 0;
        for (const TrajectorySummary &t : bench.runs()) {
            ++outcomes[t.info.outcome];
            success += t.info.verdict == Verdict::Success;
            failure += t.info.verdict == Verdict::Failure;
            QVERIFY(!t.info.task.isEmpty());
            QCOMPARE(t.info.workflow, QStringLiteral("hotpotqa"));
            const auto steps = bench.steps(t);
            QCOMPARE(steps.front().kind, StepKind::Task);
            QCOMPARE(steps.front().text, t.info.task);
            QString why;
            QVERIFY2(test::toolCallsPaired(steps, &why), qPrintable(t.info.externalId + QLatin1String(": ") + why));
            for (const Step &s : steps) {
                if (s.kind == StepKind::ToolCall) {
                    ++actions;
                    ++tools[s.tool];
                }
                QVERIFY(!s.raw.isEmpty());
            }
        }
        QCOMPARE(success, 33);
        QCOMPARE(failure, 69);
        QCOMPARE(outcomes[QStringLiteral("correct")], 33);
        QCOMPARE(outcomes[QStringLiteral("incorrect")], 57);
        QCOMPARE(outcomes[QStringLiteral("halted")], 12);
        QCOMPARE(actions, 369);
        QCOMPARE(tools[QStringLiteral("Search")], 265);
        QCOMPARE(tools[QStringLiteral("Lookup")], 12);
        QCOMPARE(tools[QStringLiteral("Finish")], 92);

        // The first run of the file, read closely: the Wikipedia observation spans lines.
        const TrajectorySummary first = bench.run(QStringLiteral("hotpotqa_react_base_thought_log#1"));
        QCOMPARE(first.info.task, QStringLiteral("Which of Jonny Craig and Pete Doherty has been a member of more bands ?"));
        QCOMPARE(first.info.verdict, Verdict::Success);
        QCOMPARE(bench.extra(first).value(QStringLiteral("answer")).toString(), QStringLiteral("Jonny Craig"));
        const auto steps = bench.steps(first);
        QCOMPARE(steps[2].tool, QStringLiteral("Search"));
        QCOMPARE(steps[2].text, QStringLiteral("Search[Jonny Craig]"));
        QCOMPARE(steps[2].raw, QByteArray("Action 1: Search[Jonny Craig]"));
        const TrajectorySummary creed = bench.run(QStringLiteral("hotpotqa_react_base_thought_log#3"));
        const auto creedSteps = bench.steps(creed);
        QVERIFY(std::any_of(creedSteps.begin(), creedSteps.end(), [](const Step &s) {
            return s.kind == StepKind::Observation && s.raw.startsWith("Observation 2: A creed") && s.raw.count('\n') == 3;
        }));
    }

    void reflexionTrialLogWithHeadersAndAnswers()
    {
        const QString path = test::fixture(QStringLiteral("formats/react-log/reflexion_trial.txt"));
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.format, QStringLiteral("react-log"));
        QCOMPARE(r.trajectories, 3);

        const TrajectorySummary ok = bench.run(QStringLiteral("reflexion_trial#1"));
        QCOMPARE(ok.info.verdict, Verdict::Success);
        QCOMPARE(ok.info.outcome, QStringLiteral("correct"));
        const QVariantMap extra = bench.extra(ok);
        QCOMPARE(extra.value(QStringLiteral("trial")).toInt(), 1);
        QCOMPARE(extra.value(QStringLiteral("correct_answer")).toString(), QStringLiteral("Manzanares"));
        QCOMPARE(extra.value(QStringLiteral("trial_summary")).toString(), QStringLiteral("Correct: 1, Incorrect: 1, Halted: 1"));
        const auto s1 = bench.steps(ok);
        QCOMPARE(s1.size(), std::size_t(9));
        QCOMPARE(s1[0].kind, StepKind::Message);   // the instructions printed before the question
        QCOMPARE(s1[0].role, QStringLiteral("system"));
        QCOMPARE(s1[4].kind, StepKind::Observation);
        QCOMPARE(s1[4].text, QStringLiteral("Madrid is the capital and most populous city of Spain.\n"
                                            "The city lies on the Manzanares river in the centre of the Iberian Peninsula."));
        QCOMPARE(s1[8].kind, StepKind::Outcome);
        QCOMPARE(s1[8].raw, QByteArray("Correct answer: Manzanares"));

        const TrajectorySummary wrong = bench.run(QStringLiteral("reflexion_trial#2"));
        QCOMPARE(wrong.info.verdict, Verdict::Failure);
        QCOMPARE(wrong.info.outcome, QStringLiteral("incorrect"));
        QCOMPARE(wrong.errorCount, 1);   // the environment rejected "Lookup novel"
        const auto s2 = bench.steps(wrong);
        QCOMPARE(s2[5].tool, QStringLiteral("Lookup"));
        QVERIFY(s2[6].isError);
        QCOMPARE(s2[6].tool, QStringLiteral("Lookup"));

        const TrajectorySummary halted = bench.run(QStringLiteral("reflexion_trial#3"));
        QCOMPARE(halted.info.verdict, Verdict::Failure);
        QCOMPARE(halted.info.outcome, QStringLiteral("halted"));
        const auto s3 = bench.steps(halted);
        QCOMPARE(s3.size(), std::size_t(8));
        QCOMPARE(s3[5].text, QStringLiteral("Mount Teide is a volcano on Tenerife in the Canary Islands.\n\n"
                                            "Its summit is the highest point in Spain."));
        QString why;
        QVERIFY2(test::toolCallsPaired(s3, &why), qPrintable(why));
    }

    void badInputNamesTheLineAndStoresNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "------------- BEGIN CORRECT AGENTS -------------\n\nQuestion: q?\n";   // lines 1-3
        QTest::newRow("observation without action")
            << head + "Thought 1: t\nObservation 1: o\n" << 5 << QStringLiteral("cannot follow Thought 1");
        QTest::newRow("skipped number") << head + "Thought 1: t\nAction 3: Search[x]\n" << 5
                                        << QStringLiteral("\"Action 3:\" cannot follow");
        QTest::newRow("step before question")
            << QByteArray("------------- BEGIN HALTED AGENTS -----------\nThought 1: t\n") << 2
            << QStringLiteral("before any \"Question:\"");
        QTest::newRow("question outside a section")
            << QByteArray("BEGIN TRIAL 1\n########################################\n------------- BEGIN CORRECT AGENTS -------------\nQuestion: a\n"
                          "BEGIN TRIAL 2\nQuestion: b\n")
            << 6 << QStringLiteral("outside a BEGIN");
        QTest::newRow("invalid UTF-8") << head + "Thought 1: \xff\xfe\n" << 4 << QStringLiteral("invalid UTF-8");
        QTest::newRow("NUL byte") << head + QByteArray("Thought 1: a\0b\n", 15) << 4 << QStringLiteral("NUL");
        QTest::newRow("text after the last run")
            << head + "Thought 1: t\nAction 1: Finish[a]\nObservation 1: ok\nCorrect answer: a\n\nstray words\n" << 9
            << QStringLiteral("belongs to no");
    }

    void badInputNamesTheLineAndStoresNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, QStringLiteral("bad.txt"), content);
        test::ImportBench bench;
        const auto r = bench.import(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.format, QStringLiteral("react-log"));
        QVERIFY2(r.error.startsWith(path + QStringLiteral(":%1:").arg(line)), qPrintable(r.error));
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
        QVERIFY(bench.empty());
    }

    void plainTextIsNotClaimed()
    {
        QTemporaryDir dir;
        const QString notes = test::writeFile(dir, QStringLiteral("notes.txt"), "Question: what is this?\nThought 1: no idea\n");
        QVERIFY(test::detectedFormat(notes) != QLatin1String("react-log"));
        // Forced, it still explains itself with a line.
        test::ImportBench bench;
        const auto r = bench.import(notes, QStringLiteral("react-log"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(notes + QStringLiteral(":1:")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestFormatsReactLog)
#include "tst_formats_reactlog.moc"
