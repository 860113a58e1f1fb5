// The main window on real workspaces, under the offscreen platform: the demo workspace built in
// the background, navigation between pages by keyboard, background tasks in the status area, and
// the analyst's path from a failed run to its timeline, a comparison and a dream pass.
// Set REVERIE_SCREENSHOT_DIR to keep PNGs of each page.

#include "core/ingest/ImportRunner.h"
#include "core/model/Playbook.h"
#include "support/TestSupport.h"
#include "UiTestSupport.h"
#include "ui/DemoController.h"
#include "ui/MainWindow.h"
#include "ui/Page.h"
#include "ui/charts/OutcomeCharts.h"
#include "ui/compare/AlignmentModel.h"
#include "ui/compare/CompareView.h"
#include "ui/dreams/DreamsPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/models/DreamRunListModel.h"
#include "ui/models/TaskListModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/UserSettings.h"
#include "ui/WatchController.h"
#include "core/store/Workspace.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QProgressDialog>
#include <QTest>

using namespace reverie;

namespace {
bool notBlank(const QImage &shot)
{
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7)
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    return colours.size() > 8;
}

void keep(const QImage &shot, const QString &name)
{
    const QString dir = qEnvironmentVariable("REVERIE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        shot.save(QDir(dir).filePath(name));
}

// Opens a workspace the way the File menu does and waits for it: opening runs on a worker.
bool openAndWait(ui::MainWindow &window, const QString &path)
{
    QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
    return window.openWorkspace(path) && opened.wait(20000);
}

// The build openDemoWorkspace started on a fresh demo workspace; null when it started none.
ui::DemoController *demoBuild(const ui::MainWindow &window)
{
    return window.findChild<ui::DemoController *>(QStringLiteral("demoController"));
}

// Opens a fresh demo workspace: the file is opened on a worker, then the build starts.
bool openDemo(ui::MainWindow &window, const QString &path)
{
    QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
    window.openDemoWorkspace(path);
    return opened.wait(20000) && demoBuild(window);
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    // Settings → Watched folders: a session an agent writes there while the app runs shows up
    // in the open workspace, and the status bar says so. The test waits on signals only.
    void watchedFoldersFeedTheOpenWorkspace()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("sessions"));
        QVERIFY(QDir().mkpath(folder));
        ui::UserSettings user = ui::UserSettings::load();
        user.watchedFolders = {folder};
        user.save();
        ui::MainWindow window;
        QVERIFY(openAndWait(window, dir.filePath(QStringLiteral("watched.reverie"))));
        auto *watch = window.findChild<ui::WatchController *>();
        QVERIFY(watch);
        auto *status = window.findChild<QLabel *>(QStringLiteral("watchStatus"));
        QVERIFY(status->text().contains(QLatin1String("Watching 1 folder")));

        QSignalSpy arrived(watch, &ui::WatchController::runsArrived);
        QFile::copy(test::fixture(QStringLiteral("native/deploy_small.jsonl")), folder + QStringLiteral("/run.jsonl"));
        QVERIFY(arrived.wait(15000));
        QVERIFY2(status->text().contains(QLatin1String("imported 1 file")), qPrintable(status->text()));
        store::Workspace ws(dir.filePath(QStringLiteral("watched.reverie")));
        sql::Statement count(ws.db(), "SELECT count(*) FROM trajectories");
        QVERIFY(count.step() && count.int64(0) > 0);
        user.watchedFolders.clear();
        user.save();
    }

    void settingsOpenFromTheEditMenu()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        QVERIFY(openAndWait(window, dir.filePath(QStringLiteral("settings.reverie"))));
        window.show();
        auto *action = window.findChild<QAction *>(QStringLiteral("settingsAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        action->trigger();
        QTRY_VERIFY(window.findChild<ui::SettingsDialog *>());
        window.findChild<ui::SettingsDialog *>()->close();
    }

    void demoWorkspaceFillsInTheBackgroundAndPaints()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        new QAbstractItemModelTester(window.trajectoryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &window);
        new QAbstractItemModelTester(window.taskModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &window);
        QSignalSpy tasks(window.taskModel(), &QAbstractItemModel::rowsInserted);
        QVERIFY(openDemo(window, dir.filePath(QStringLiteral("demo.reverie"))));
        QCOMPARE(tasks.count(), 1);   // the build is listed while it runs
        QSignalSpy done(demoBuild(window), &ui::DemoController::finished);
        window.show();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toString(), QString());   // nothing failed
        QCOMPARE(window.taskModel()->rowCount(), 0);
        // Both versions' runs: the page in view re-reads once the build is done.
        QTRY_COMPARE_WITH_TIMEOUT(window.trajectoryModel()->totalCount(), qint64(38 + 14), 20000);

        // The history page's per-version chart shows the loop closing: version 1 fails less.
        auto *history = qobject_cast<ui::HistoryPage *>(window.page(ui::MainWindow::HistoryIndex));
        QVERIFY(history);
        auto versionRates = [history]() -> QBarSet * {
            auto *series = qobject_cast<QBarSeries *>(history->charts()->versionChart()->chart()->series().value(0));
            return series && !series->barSets().isEmpty() ? series->barSets().first() : nullptr;
        };
        window.showPage(ui::MainWindow::HistoryIndex);   // hidden, it was only marked stale
        QTRY_VERIFY_WITH_TIMEOUT(versionRates() && versionRates()->count() == 2, 20000);
        QVERIFY2(versionRates()->at(1) >= versionRates()->at(0) + 20,
                 qPrintable(QStringLiteral("%1% -> %2%").arg(versionRates()->at(0)).arg(versionRates()->at(1))));
        window.showPage(ui::MainWindow::TrajectoriesIndex);
        auto *table = window.findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        QVERIFY(table);
        // Failed runs come first.
        QCOMPARE(window.trajectoryModel()->index(0, ui::TrajectoryListModel::Verdict).data(ui::TrajectoryListModel::VerdictRole).toInt(),
                 int(Verdict::Failure));

        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        shot.save(dir.filePath(QStringLiteral("main.png")));
        keep(shot, QStringLiteral("main.png"));
        QVERIFY2(notBlank(shot), "the main window rendered blank");
    }

    void searchFiltersTheList()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        QVERIFY(openDemo(window, dir.filePath(QStringLiteral("demo.reverie"))));
        QSignalSpy done(demoBuild(window), &ui::DemoController::finished);
        QVERIFY(done.wait(30000));
        auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchBox"));
        QVERIFY(search);
        QSignalSpy counted(window.trajectoryModel(), &ui::TrajectoryListModel::totalCountChanged);
        QTest::keyClicks(search, QStringLiteral("fraud"));
        QVERIFY(counted.wait(5000));
        // (a re-read after the demo build may report first: the search's count follows)
        QTRY_COMPARE(window.trajectoryModel()->totalCount(), qint64(7));   // the forced refunds
    }

    void navigatesPagesWithTheKeyboard()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        QVERIFY(openAndWait(window, dir.filePath(QStringLiteral("empty.reverie"))));
        // Under load the opening's progress dialog may have shown; once gone, it can take the
        // activation back with it, and a shortcut then reaches no window.
        QTRY_VERIFY(!window.findChild<QProgressDialog *>());
        window.show();
        window.activateWindow();   // no window manager under Xvfb
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
        QVERIFY(nav && pages);
        QCOMPARE(nav->count(), 4);
        for (int i : {1, 3, 2, 0}) {
            QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(window.currentPageIndex(), i);
            QCOMPARE(nav->currentRow(), i);
            QCOMPARE(pages->currentWidget(), window.page(i));
            QVERIFY(!window.page(i)->title().isEmpty());
        }
        nav->setCurrentRow(ui::MainWindow::DreamsIndex);   // the list drives the pages too
        QCOMPARE(pages->currentWidget(), window.dreamsPage());
    }

    void fromAFailedRunToItsTimelineAComparisonAndADream()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        QVERIFY(openDemo(window, dir.filePath(QStringLiteral("demo.reverie"))));
        QSignalSpy done(demoBuild(window), &ui::DemoController::finished);
        QVERIFY(done.wait(30000));
        window.show();
        window.activateWindow();   // no window manager under Xvfb
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ui::TrajectoriesPage *page = window.trajectoriesPage();

        // Ctrl+L to the list, Down to the first (failed) run, Enter for its timeline.
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        auto *table = window.findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        QTRY_VERIFY(table->hasFocus());
        QTRY_VERIFY(window.trajectoryModel()->hasLoaded() && window.trajectoryModel()->rowCount() > 0);   // read on a worker
        QTest::keyClick(table, Qt::Key_Down);
        QSignalSpy loaded(page->timeline(), &ui::TimelinePanel::loaded);
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY(!loaded.isEmpty());
        ui::TimelineView *view = page->timeline()->view();
        QVERIFY(view->hasFocus());
        QVERIFY(view->data()->flags[std::size_t(view->currentIndex())] & ui::TimelineData::Error);   // at its first error
        keep(window.grab().toImage(), QStringLiteral("timeline.png"));

        // Ctrl+Shift+C: compared with a success of the same workflow.
        QSignalSpy compared(page->compareView(), &ui::CompareView::compared);
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(compared.wait(10000));
        QVERIFY(page->compareView()->model()->rowCount() > 0);
        keep(window.grab().toImage(), QStringLiteral("compare.png"));

        // Ctrl+2, Ctrl+Enter: a dream pass; its evidence opens back on the timeline.
        QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
        QSignalSpy dreamt(window.dreamsPage(), &ui::DreamsPage::dreamFinished);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dreamt.wait(60000));
        QCOMPARE(dreamt.first().at(1).toInt(), int(DreamStatus::Succeeded));
        // The demo's own pass (the oldest run) proposed its lessons already; the new one may find
        // nothing new, so the evidence is that first pass's.
        ui::DreamsPage *dreamsPage = window.dreamsPage();
        QCOMPARE(dreamsPage->runModel()->rowCount(), 2);
        QVERIFY(dreamsPage->selectRun(dreamsPage->runModel()->runAt(1)->id));
        const QImage dreams = window.grab().toImage();
        keep(dreams, QStringLiteral("dreams.png"));
        QVERIFY(notBlank(dreams));
        auto *evidence = window.findChild<QTableView *>(QStringLiteral("evidence"));
        QTRY_VERIFY(evidence->model()->rowCount() > 0);   // the run's proposals, read on a worker
        evidence->setFocus();
        evidence->setCurrentIndex(evidence->model()->index(0, 0));
        loaded.clear();
        QTest::keyClick(evidence, Qt::Key_Return);
        QTRY_VERIFY(!loaded.isEmpty());
        QCOMPARE(window.currentPageIndex(), int(ui::MainWindow::TrajectoriesIndex));
        QVERIFY(view->currentStepId() > 0);
        keep(window.grab().toImage(), QStringLiteral("evidence.png"));
        for (int i : {2, 3}) {
            window.showPage(i);
            keep(window.grab().toImage(), QStringLiteral("page%1.png").arg(i + 1));
        }
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
