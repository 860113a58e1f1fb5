// The transcript: the run as a conversation beside its timeline. Its model under the tester,
// folding a result, "show all", errors, selection kept with the timeline both ways, search
// words marked, copy as Markdown that untrusted text cannot restructure, and a 100,000-step run
// opening without a widget per row or a read of every step.

#include "UiTestSupport.h"
#include "tst_transcript_fixture.h"

#include "core/model/Step.h"
#include "core/store/Workspace.h"
#include "ui/timeline/StepDetailPane.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelineLoader.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"
#include "ui/trajectories/TrajectoriesPage.h"
#include "ui/trajectories/TrajectoryFilterBar.h"
#include "ui/transcript/TranscriptDelegate.h"
#include "ui/transcript/TranscriptLayout.h"
#include "ui/transcript/TranscriptMarkdown.h"
#include "ui/transcript/TranscriptModel.h"
#include "ui/transcript/TranscriptView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::ui;
using namespace reverie::test;

class TestTranscript : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_chat = 0;
    std::shared_ptr<const TimelineData> m_chatData;

    // A view on the small run, its texts read.
    std::unique_ptr<TranscriptView> openChat()
    {
        auto view = std::make_unique<TranscriptView>();
        view->resize(800, 600);
        view->setWorkspacePath(m_path);
        view->setTimeline(m_chatData);
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return nullptr;
        if (!QTest::qWaitFor([&] { return view->transcript()->isLoaded(0, view->transcript()->rowCount() - 1); }))
            return nullptr;
        return view;
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        QVERIFY(m_dir.isValid());
        m_path = test::makeDemoWorkspace(m_dir);
        m_chat = writeRun(m_path, QStringLiteral("chat-run"), chatRun());
        QVERIFY(m_chat > 0);
        const TimelineLoadResult r = loadTimeline(m_path, m_chat);
        QVERIFY2(r.data, qPrintable(r.error));
        m_chatData = r.data;
    }

    void theModelPassesTheTester()
    {
        test::GuiThreadSqlGuard guard;
        TranscriptModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspacePath(m_path);
        model.setTimeline(m_chatData);
        // Task, plan, two tool calls with their results under them, the message.
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(2).data(TranscriptModel::ResultStepRole).toInt(), 3);
        QCOMPARE(model.index(3).data(TranscriptModel::ResultStepRole).toInt(), 5);
        QCOMPARE(model.index(4).data(TranscriptModel::ResultStepRole).toInt(), -1);
        QCOMPARE(model.rowOfStep(3), 2);
        QCOMPARE(model.stepOfRow(4), 6);
        // The words arrive from a worker, for the rows someone shows.
        QVERIFY(model.index(0).data(TranscriptModel::TextRole).isNull());
        QVERIFY(!model.index(0).data(TranscriptModel::LoadedRole).toBool());
        for (int row = 0; row < model.rowCount(); ++row)
            model.fetchTexts(row);
        QTRY_VERIFY(model.isLoaded(0, 4));
        QCOMPARE(model.index(0).data(TranscriptModel::TextRole).toString(), chatRun()[0].text);
        QCOMPARE(model.index(2).data(TranscriptModel::ResultTextRole).toString(), chatRun()[3].text);
        QCOMPARE(model.index(4).data(TranscriptModel::RoleRole).toString(), QStringLiteral("assistant"));
        QCOMPARE(model.index(3).data(TranscriptModel::ToolRole).toString(), QStringLiteral("py_test"));
        model.setResultFolded(2, true);
        QVERIFY(model.index(2).data(TranscriptModel::ResultFoldedRole).toBool());
        // The run read again (the timeline refreshes its evidence marks): still folded.
        model.setTimeline(std::make_shared<const TimelineData>(*m_chatData));
        QVERIFY(model.index(2).data(TranscriptModel::ResultFoldedRole).toBool());
        model.setTimeline(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY2(guard.clean(), guard.report());
    }

    void errorsAreMarked()
    {
        TranscriptModel model;
        model.setTimeline(m_chatData);
        QVERIFY(!model.index(2).data(TranscriptModel::ResultErrorRole).toBool());
        QVERIFY(model.index(3).data(TranscriptModel::ResultErrorRole).toBool());
        QVERIFY(!model.index(3).data(TranscriptModel::ErrorRole).toBool());   // the call did not fail; its result did
    }

    void enterFoldsAndUnfoldsAResult()
    {
        test::GuiThreadSqlGuard guard;
        auto view = openChat();
        QVERIFY(view);
        const QModelIndex call = view->transcript()->index(2);
        view->setCurrentIndex(call);
        const int open = view->visualRect(call).height();
        QTest::keyClick(view.get(), Qt::Key_Return);
        QVERIFY(call.data(TranscriptModel::ResultFoldedRole).toBool());
        QTRY_VERIFY(view->visualRect(call).height() < open);
        QTest::keyClick(view.get(), Qt::Key_Enter);
        QVERIFY(!call.data(TranscriptModel::ResultFoldedRole).toBool());
        QTRY_COMPARE(view->visualRect(call).height(), open);
        QVERIFY2(guard.clean(), guard.report());
    }

    void spaceShowsAllOfALongOutput()
    {
        auto view = openChat();
        QVERIFY(view);
        const QModelIndex call = view->transcript()->index(3);   // 60 lines of test failures
        view->setCurrentIndex(call);
        const int cut = view->visualRect(call).height();
        const int line = view->fontMetrics().lineSpacing();
        QVERIFY(cut < 20 * line);
        QTest::keyClick(view.get(), Qt::Key_Space);
        QVERIFY(call.data(TranscriptModel::ShowAllRole).toBool());
        // As much as the view holds (a row scrolls as one item); the step pane has the rest.
        QTRY_VERIFY(view->visualRect(call).height() > cut + 20 * line);
        QVERIFY(view->visualRect(call).height() <= view->viewport()->height());
        QTest::keyClick(view.get(), Qt::Key_Space);
        QTRY_COMPARE(view->visualRect(call).height(), cut);

        // The "show all" line under the cut output does the same for the mouse.
        const QRect row = view->visualRect(call);
        const TranscriptLayout layout =
            TranscriptLayout::compute(view->font(), row.width(), TranscriptDelegate::contentOf(call));
        QVERIFY(layout.result.cut);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.topLeft() + layout.result.more.center());
        QVERIFY(call.data(TranscriptModel::ShowAllRole).toBool());
        // And its result header folds it (the row may have scrolled to show all of it).
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(call).topLeft() + layout.resultHeader.center());
        QVERIFY(call.data(TranscriptModel::ResultFoldedRole).toBool());
    }

    void followsTheTimelineBothWays()
    {
        store::Workspace ws(m_path);
        test::GuiThreadSqlGuard guard;
        TrajectoriesPage page;
        page.resize(1200, 800);
        page.setWorkspace(m_path);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *transcript = page.findChild<TranscriptView *>(QStringLiteral("transcriptView"));
        QVERIFY(transcript);
        auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("runTabs"));
        QCOMPARE(tabs->tabText(tabs->indexOf(transcript->parentWidget())), QStringLiteral("Transcript"));

        page.openTrajectory(m_chat);
        TimelineView *timeline = page.timeline()->view();
        QTRY_VERIFY(timeline->data() && timeline->data()->trajectoryId == m_chat);
        QTRY_COMPARE(transcript->transcript()->rowCount(), 5);
        // Opened at its first error: the failing result, shown under its call.
        QTRY_COMPARE(timeline->currentIndex(), 5);
        QCOMPARE(transcript->currentIndex().row(), 3);

        // Timeline -> transcript.
        timeline->setCurrentIndex(1);
        QCOMPARE(transcript->currentIndex().row(), 1);
        timeline->setCurrentIndex(3);   // a result: its call's entry
        QCOMPARE(transcript->currentIndex().row(), 2);
        QCOMPARE(timeline->currentIndex(), 3);   // the transcript did not move the timeline back

        // Transcript -> timeline and its step pane.
        tabs->setCurrentWidget(transcript->parentWidget());
        transcript->setFocus();
        QSignalSpy selected(transcript, &TranscriptView::stepSelected);
        QTest::keyClick(transcript, Qt::Key_Down);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(timeline->currentIndex(), 4);
        QTest::keyClick(transcript, Qt::Key_Down);
        QCOMPARE(timeline->currentIndex(), 6);
        QTRY_COMPARE(page.timeline()->detailPane()->text(), chatRun()[6].text);

        // The search's words are marked: the highlight colour is on screen.
        page.filterBar()->searchBox()->setText(QStringLiteral("parser"));
        QTRY_COMPARE(transcript->transcript()->searchTerms(), QStringList{QStringLiteral("parser")});
        transcript->scrollToTop();
        QTRY_VERIFY(containsHighlight(transcript->viewport()->grab().toImage()));

        // A picture to look at.
        QTest::qWait(50);
        const QString out = QStringLiteral(REVERIE_TEST_OUTPUT_DIR "/transcript.png");
        QDir().mkpath(QFileInfo(out).absolutePath());
        QVERIFY(page.grab().save(out));
        qInfo() << "screenshot:" << out;
        QVERIFY2(guard.clean(), guard.report());
    }

    void rowsFollowTheViewsSize()
    {
        auto view = openChat();
        QVERIFY(view);
        // A narrower view wraps the message's words: its row grows.
        const QModelIndex message = view->transcript()->index(4);
        const int wideMessage = view->visualRect(message).height();
        view->resize(220, 600);
        QTRY_VERIFY(view->visualRect(message).height() > wideMessage);
        const QModelIndex call = view->transcript()->index(3);
        const int wide = view->visualRect(call).height();
        // "Show all" never makes a row taller than the view: a row scrolls as one item.
        view->resize(800, 300);
        view->setCurrentIndex(call);
        QTest::keyClick(view.get(), Qt::Key_Space);
        QTRY_VERIFY(view->visualRect(call).height() > wide);
        QVERIFY(view->visualRect(call).height() <= view->viewport()->height());
    }

    void copiesMarkdownThatTextCannotRestructure()
    {
        auto view = openChat();
        QVERIFY(view);
        QApplication::clipboard()->clear();
        view->selectionModel()->select(QItemSelection(view->transcript()->index(0), view->transcript()->index(0)),
                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view->selectionModel()->select(QItemSelection(view->transcript()->index(2), view->transcript()->index(2)),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->setFocus();
        QSignalSpy copied(view.get(), &TranscriptView::copied);
        QTest::keySequence(view.get(), QKeySequence::Copy);
        QTRY_COMPARE(copied.count(), 1);
        const QString expected = QStringLiteral(
            "### Task · #0\n"
            "\n"
            "```\n"
            "Fix the *bug* in [parser](http://x)\n"
            "```\n"
            "\n"
            "### Tool call bash · #2\n"
            "\n"
            "```\n"
            "cat parser.py\n"
            "```\n"
            "\n"
            "**Result · #3**\n"
            "\n"
            "````\n"
            "```\n"
            "## injected heading\n"
            "```\n"
            "````\n");
        QCOMPARE(QApplication::clipboard()->text(), expected);

        // The whole run, from the context menu's other action: names are escaped, the error marked.
        view->copyMarkdown(true);
        QTRY_COMPARE(copied.count(), 2);
        const QString all = QApplication::clipboard()->text();
        QVERIFY(all.startsWith(expected.section(QStringLiteral("### Tool call"), 0, 0)));
        QVERIFY(all.contains(QStringLiteral("### Tool call py\\_test · #4\n")));
        QVERIFY(all.contains(QStringLiteral("**Result · #5 · error**\n")));
        QVERIFY(all.contains(QStringLiteral("FAILED test_parser.py::test_case_60 - AssertionError\n```\n")));
        QVERIFY(all.endsWith(QStringLiteral("### assistant · #6\n\n```\n<b>done</b> — the parser is fixed, see "
                                            "`parser.py`\n```\n")));
        // Headings only where the transcript put them: the "#" lines of the texts stay inside
        // their fences.
        int headings = 0;
        QString fence;
        for (const QString &line : all.split(QLatin1Char('\n'))) {
            if (line.startsWith(QStringLiteral("```"))) {
                if (fence.isEmpty())
                    fence = line;
                else if (line == fence)
                    fence.clear();
            } else if (fence.isEmpty()) {
                headings += line.startsWith(QLatin1Char('#'));
            }
        }
        QVERIFY(fence.isEmpty());
        QCOMPARE(headings, 5);
    }

    void markdownEscapesNamesAndOutfencesText()
    {
        QCOMPARE(TranscriptMarkdown::escapeInline(QStringLiteral("[x](y)\n# *z*")),
                 QStringLiteral("\\[x\\]\\(y\\) \\# \\*z\\*"));
        QCOMPARE(TranscriptMarkdown::fenced(QStringLiteral("a ````` b")), QStringLiteral("``````\na ````` b\n``````\n"));
        QCOMPARE(TranscriptMarkdown::fenced(QStringLiteral("plain\n")), QStringLiteral("```\nplain\n```\n"));
    }

    void aHundredThousandStepRunOpensAtOnce()
    {
        constexpr int kSteps = 100000;
        std::vector<Step> steps;
        steps.reserve(kSteps);
        steps.push_back(makeStep(StepKind::Task, QStringLiteral("A very long run")));
        for (int i = 1; steps.size() < std::size_t(kSteps); ++i) {
            steps.push_back(makeStep(StepKind::Message, QStringLiteral("Turn %1: next I run the tests.").arg(i), {},
                                     QStringLiteral("assistant")));
            steps.push_back(makeStep(StepKind::ToolCall, QStringLiteral("pytest -k case_%1").arg(i), QStringLiteral("bash")));
            steps.push_back(makeStep(StepKind::Observation, QStringLiteral("%1 passed").arg(i), QStringLiteral("bash"),
                                     {}, i % 50 == 0));
        }
        steps.resize(kSteps);
        QElapsedTimer t;
        t.start();
        const qint64 id = writeRun(m_path, QStringLiteral("long-run"), steps);
        qInfo() << "wrote" << kSteps << "steps in" << t.elapsed() << "ms";

        // What the timeline reads anyway: the transcript reuses it.
        t.restart();
        const TimelineLoadResult r = loadTimeline(m_path, id);
        QVERIFY(r.data);
        const qint64 timelineMs = t.elapsed();

        test::GuiThreadSqlGuard guard;
        TranscriptView view;
        view.resize(900, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        t.restart();
        view.setWorkspacePath(m_path);
        view.setTimeline(r.data);
        QCoreApplication::processEvents();   // lays out and paints the first screen
        const qint64 shownMs = t.elapsed();
        TranscriptModel *model = view.transcript();
        QCOMPARE(model->rowCount(), 1 + 2 * ((kSteps - 1) / 3));   // the task, then a message and a call per turn
        const int lastShown = view.indexAt(QPoint(10, view.viewport()->height() - 2)).row();
        QVERIFY(lastShown > 3);
        QVERIFY(QTest::qWaitFor([&] { return model->isLoaded(0, lastShown); }));
        const qint64 wordsMs = t.elapsed();
        qInfo().noquote() << QStringLiteral("100,000-step run: timeline read %1 ms (shared); transcript shown %2 ms, "
                                            "its first %3 rows' words %4 ms after it was given the run")
                                 .arg(timelineMs).arg(shownMs).arg(lastShown + 1).arg(wordsMs);
        // No widget per row, and the words of the rows not shown were never read.
        QVERIFY(view.viewport()->findChildren<QWidget *>().isEmpty());
        QVERIFY(!model->isLoaded(model->rowCount() / 2, model->rowCount() / 2 + 10));
        QCOMPARE(model->index(1).data(TranscriptModel::TextRole).toString(), QStringLiteral("Turn 1: next I run the tests."));

        // Halfway down by the scroll bar: only the rows shown there are read.
        t.restart();
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
        const int top = view.indexAt(QPoint(10, 2)).row();
        QVERIFY(top > 1000);
        QVERIFY(QTest::qWaitFor([&] { return model->isLoaded(top, top + 10); }));
        qInfo() << "scrolled to row" << top << "and read its words in" << t.elapsed() << "ms";
        QVERIFY(!model->isLoaded(top / 2, top / 2 + 10));

        // The end of the run, as the timeline would ask for it.
        t.restart();
        view.setCurrentStep(kSteps - 1);
        QTRY_VERIFY(model->isLoaded(model->rowCount() - 2, model->rowCount() - 1));
        qInfo() << "jumped to the last step and read its words in" << t.elapsed() << "ms";
        QCOMPARE(view.currentStep(), kSteps - 2);   // the last step is a result: its call's entry
        QVERIFY2(guard.clean(), guard.report());
    }

private:
    static bool containsHighlight(const QImage &image)
    {
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixel(x, y) == QColor(0xff, 0xe0, 0x80).rgb())
                    return true;
        return false;
    }
};

QTEST_MAIN(TestTranscript)
#include "tst_transcript.moc"
