// The dream launcher: start a pass on the demo data and see its proposals, cancel one, and
// open evidence on the timeline.

#include "UiTestSupport.h"
#include "UnreadableWorkspace.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"
#include "ui/dreams/DreamController.h"
#include "ui/dreams/DreamsPage.h"
#include "ui/models/DreamRunListModel.h"
#include "ui/models/EvidenceListModel.h"
#include "ui/models/ProposalListModel.h"
#include "ui/models/TaskListModel.h"
#include "ui/common/NoticeBar.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace reverie;

class TestDreams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_path = test::makeDemoWorkspace(*m_dir);
        m_ws = std::make_unique<store::Workspace>(m_path);
        m_tasks = std::make_unique<ui::TaskListModel>();
        m_page = std::make_unique<ui::DreamsPage>();
        for (QAbstractItemModel *m : {static_cast<QAbstractItemModel *>(m_page->runModel()),
                                      static_cast<QAbstractItemModel *>(m_page->proposalModel()),
                                      static_cast<QAbstractItemModel *>(m_page->evidenceModel()),
                                      static_cast<QAbstractItemModel *>(m_tasks.get())})
            new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, m_page.get());
        m_page->setTaskList(m_tasks.get());
        m_page->resize(1300, 800);
        QSignalSpy loaded(m_page.get(), &ui::DreamsPage::runsLoaded);
        m_page->setWorkspace(m_path);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(loaded.count() > 0 || loaded.wait(10000));   // read on a worker
    }
    void cleanup()
    {
        m_page.reset();
        m_tasks.reset();
        m_ws.reset();
        m_dir.reset();
    }

    void startsAPassAndListsItsProposals()
    {
        test::GuiThreadSqlGuard guard;
        QCOMPARE(m_page->runModel()->rowCount(), 0);
        auto *workflow = m_page->findChild<QComboBox *>(QStringLiteral("dreamWorkflow"));
        QVERIFY(workflow && workflow->count() == 4);   // all + three workflows
        QSignalSpy finished(m_page.get(), &ui::DreamsPage::dreamFinished);
        QSignalSpy taskAdded(m_tasks.get(), &QAbstractItemModel::rowsInserted);
        // Ctrl+Enter starts it from anywhere on the page.
        QTest::keyClick(m_page->findChild<QComboBox *>(QStringLiteral("dreamEngine")), Qt::Key_Return,
                        Qt::ControlModifier);
        QCOMPARE(taskAdded.count(), 1);   // listed in the window's status area while it runs
        QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("startDream"))->isEnabled());
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(1).toInt(), int(DreamStatus::Succeeded));
        QCOMPARE(m_tasks->rowCount(), 0);
        QCOMPARE(m_page->findChild<QProgressBar *>(QStringLiteral("dreamProgress"))->value(), 100);
        QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("startDream"))->isEnabled());

        // The run is listed and selected, with its proposals and the first one's evidence.
        QCOMPARE(m_page->runModel()->rowCount(), 1);
        QCOMPARE(m_page->runModel()->index(0, ui::DreamRunListModel::Status).data().toString(), QStringLiteral("succeeded"));
        QTRY_VERIFY(m_page->evidenceModel()->rowCount() > 0);   // the run's proposals, read on a worker
        QVERIFY(m_page->proposalModel()->rowCount() > 0);
        QCOMPARE(m_page->proposalModel()->rowCount(), m_page->runModel()->runAt(0)->proposalCount);
        QVERIFY(m_page->evidenceModel()->rowCount() > 0);
        auto *detail = m_page->findChild<QPlainTextEdit *>(QStringLiteral("proposalDetail"));
        QVERIFY(detail->toPlainText().contains(m_page->proposalModel()->proposalAt(0)->text));

        // Enter on evidence asks to open that run at that step.
        QSignalSpy open(m_page.get(), &ui::Page::openTrajectoryRequested);
        auto *evidence = m_page->findChild<QTableView *>(QStringLiteral("evidence"));
        evidence->setFocus();
        evidence->setCurrentIndex(m_page->evidenceModel()->index(0, 0));
        QTest::keyClick(evidence, Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toLongLong(),
                 m_page->evidenceModel()->index(0, 0).data(ui::EvidenceListModel::TrajectoryIdRole).toLongLong());
        QCOMPARE(open.first().at(1).toLongLong(),
                 m_page->evidenceModel()->index(0, 0).data(ui::EvidenceListModel::StepIdRole).toLongLong());
        QVERIFY2(guard.clean(), guard.report());
    }

    // The workspace file turns to garbage mid-session: the next re-read fails, the notice says
    // what could not be read and names the file, and the page still takes input.
    void anUnreadableWorkspaceShowsANoticeAndStaysUsable()
    {
        test::GuiThreadSqlGuard guard;
        m_ws.reset();
        test::makeWorkspaceUnreadable(m_path);
        QSignalSpy loaded(m_page.get(), &ui::DreamsPage::runsLoaded);
        m_page->markStale();   // what the window does after a change elsewhere
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.last().at(0).toBool(), false);
        ui::NoticeBar *notice = m_page->noticeBar();
        QVERIFY(notice->isVisible());
        QCOMPARE(notice->kind(), ui::NoticeBar::Kind::Error);
        QVERIFY2(notice->text().contains(QLatin1String("Could not read the dream runs"))
                     && notice->text().contains(QLatin1String("demo.reverie")),
                 qPrintable(notice->text()));
        auto *workflow = m_page->findChild<QComboBox *>(QStringLiteral("dreamWorkflow"));
        const int before = workflow->currentIndex();
        workflow->setFocus();
        QTest::keyClick(workflow, Qt::Key_Down);
        QCOMPARE(workflow->currentIndex(), before + 1);
        QVERIFY2(guard.clean(), guard.report());
    }

    void aSelectionNarrowsThePass()
    {
        auto *workflow = m_page->findChild<QComboBox *>(QStringLiteral("dreamWorkflow"));
        workflow->setCurrentIndex(workflow->findText(QStringLiteral("db_migration")));
        m_page->findChild<QCheckBox *>(QStringLiteral("dreamNotYetDreamed"))->setChecked(true);
        QSignalSpy finished(m_page.get(), &ui::DreamsPage::dreamFinished);
        QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("startDream")), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(1).toInt(), int(DreamStatus::Succeeded));
        const DreamRun *run = m_page->runModel()->runAt(0);
        QVERIFY(run);
        QVERIFY(run->selection.contains("db_migration"));
        QVERIFY(run->selection.contains("not_yet_dreamed"));
        QCOMPARE(run->trajectoryCount, 10);
    }

    void cancelsAPass()
    {
        const std::size_t proposalsBefore = store::ProposalStore(*m_ws).list().size();
        // The pass waits behind a task holding the pool's only thread, so the cancel lands
        // before it starts, whatever the machine's speed.
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        pool.start([&gate] { gate.acquire(); });
        m_page->controller()->setThreadPool(&pool);
        QSignalSpy finished(m_page.get(), &ui::DreamsPage::dreamFinished);
        QVERIFY(m_page->startDream());
        auto *cancel = m_page->findChild<QPushButton *>(QStringLiteral("cancelDream"));
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        gate.release();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(1).toInt(), int(DreamStatus::Cancelled));
        QCOMPARE(store::ProposalStore(*m_ws).list().size(), proposalsBefore);
        QCOMPARE(m_tasks->rowCount(), 0);
        QVERIFY(!cancel->isEnabled());
        // A run that got as far as recording itself is listed as cancelled.
        for (int row = 0; row < m_page->runModel()->rowCount(); ++row)
            QCOMPARE(m_page->runModel()->runAt(row)->status, DreamStatus::Cancelled);
    }

    void cancelsFromTheStatusArea()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        pool.start([&gate] { gate.acquire(); });
        m_page->controller()->setThreadPool(&pool);
        QSignalSpy finished(m_page.get(), &ui::DreamsPage::dreamFinished);
        QVERIFY(m_page->startDream());
        QCOMPARE(m_tasks->rowCount(), 1);
        m_tasks->cancelAll();
        gate.release();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(1).toInt(), int(DreamStatus::Cancelled));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<store::Workspace> m_ws;
    std::unique_ptr<ui::TaskListModel> m_tasks;
    std::unique_ptr<ui::DreamsPage> m_page;
};

QTEST_MAIN(TestDreams)
#include "tst_dreams.moc"
