// The review and history pages inside the main window: reached with Ctrl+3 / Ctrl+4, a
// decision on one page refreshes the other, and evidence opens the run on the timeline.

#include "tst_review_fixture.h"

#include "core/store/PlaybookHistory.h"
#include "ui/MainWindow.h"
#include "ui/history/HistoryPage.h"
#include "ui/history/VersionListModel.h"
#include "ui/review/ReviewPage.h"
#include "ui/settings/UserSettings.h"

#include <QApplication>
#include <QDir>
#include <QListWidget>
#include <QSignalSpy>

using namespace reverie;

class TestReviewWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void pagesPlugIntoTheWindow()
    {
        test::ReviewWorkspace fx;
        const qint64 id = fx.dreamed(ProposalOp::Add, QStringLiteral("Run run_tests before deploy."), 0.9);
        fx.dreamed(ProposalOp::Add, QStringLiteral("Quote the failing test's name."), 0.5);
        ui::UserSettings::storeReviewerName(QStringLiteral("dana"));

        ui::MainWindow window;
        window.resize(1400, 900);
        QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
        QVERIFY(window.openWorkspace(fx.path));
        QVERIFY(opened.wait(20000));   // opened on a worker
        QVERIFY(test::activate(&window));
        auto *review = window.findChild<ui::ReviewPage *>();
        auto *history = window.findChild<ui::HistoryPage *>();
        QVERIFY2(review && history, "the window builds the real pages through ui/PageFactory.h");

        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPageIndex(), int(ui::MainWindow::ReviewIndex));
        QVERIFY(review->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(review->pendingCount(), 2, 20000);   // read on a worker
        review->setFocus();
        window.grab().save(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("review_window.png")));

        // A decision on the review page reaches the history page through the window.
        QSignalSpy done(review, &ui::ReviewPage::decisionFinished);
        QSignalSpy historyLoaded(history, &ui::HistoryPage::loaded);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A);
        QVERIFY(done.wait(20000));
        QCOMPARE(store::ProposalStore(*fx.ws).get(id)->status, ProposalStatus::Approved);
        // The hidden history page was only marked stale; it re-reads when it is shown.
        QVERIFY(history->isStale());
        QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window.currentPageIndex(), int(ui::MainWindow::HistoryIndex));
        QVERIFY(history->isVisible());
        while (history->versionModel()->rowCount() < 2)
            QVERIFY(historyLoaded.wait(20000));
        QCOMPARE(history->snapshot().currentNumber(), 2);

        // Evidence opens the run on the Trajectories page.
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        auto *evidence = review->findChild<QListWidget *>(QStringLiteral("evidenceList"));
        QCOMPARE(evidence->count(), 1);
        evidence->setFocus();
        QTest::keyClick(evidence, Qt::Key_Return);
        QCOMPARE(window.currentPageIndex(), int(ui::MainWindow::TrajectoriesIndex));
    }
};

QTEST_MAIN(TestReviewWindow)
#include "tst_review_window.moc"
