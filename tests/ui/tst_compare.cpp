// Comparing a failed run with a successful one of the same workflow.

#include "UiTestSupport.h"
#include "core/store/Workspace.h"
#include "ui/compare/AlignmentModel.h"
#include "ui/compare/CompareView.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestCompare : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::makeDemoWorkspace(m_dir);
    }

    void alignsAFailureWithASuccess()
    {
        const qint64 failed = test::trajectoryRowId(m_path, QStringLiteral("deploy-000"));
        test::GuiThreadSqlGuard guard;   // the runs, the partners and the alignment are read on workers
        ui::CompareView view;
        new QAbstractItemModelTester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &view);
        view.setWorkspacePath(m_path);
        view.resize(900, 400);
        view.show();
        QSignalSpy compared(&view, &ui::CompareView::compared);
        view.compare(failed);
        QVERIFY(compared.wait(10000));
        QCOMPARE(view.leftId(), failed);
        auto *partner = view.findChild<QComboBox *>(QStringLiteral("comparePartner"));
        QVERIFY(partner && partner->count() == 13);   // the other runs of deploy_service
        QVERIFY(partner->currentText().contains(QStringLiteral("success")));

        // fetch_build = ; run_tests only in the success ; deploy = (failed on the left).
        ui::AlignmentModel *m = view.model();
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(m->index(0, 0).data(ui::AlignmentModel::OpRole).toInt(), int(ui::AlignOp::Match));
        QCOMPARE(m->index(1, 0).data(ui::AlignmentModel::OpRole).toInt(), int(ui::AlignOp::OnlyRight));
        QCOMPARE(m->index(1, ui::AlignmentModel::RightTool).data().toString(), QStringLiteral("run_tests"));
        QVERIFY(m->index(1, 0).data(Qt::BackgroundRole).isValid());   // highlighted
        QVERIFY(!m->index(0, 0).data(Qt::BackgroundRole).isValid());
        QCOMPARE(m->index(2, ui::AlignmentModel::LeftTool).data().toString(), QStringLiteral("deploy (failed)"));
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("compareSummary"))->text().contains(QStringLiteral("1 only right")));

        // The table starts where the runs part ways; Enter opens that step.
        auto *table = view.findChild<QTableView *>(QStringLiteral("alignmentTable"));
        QCOMPARE(table->currentIndex().row(), 1);
        QSignalSpy open(&view, &ui::CompareView::openStepRequested);
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toLongLong(), view.rightId());
        QCOMPARE(open.first().at(1).toLongLong(), m->index(1, 0).data(ui::AlignmentModel::RightStepIdRole).toLongLong());

        // Another partner, picked with the keyboard, is aligned in turn.
        const qint64 before = view.rightId();
        partner->setFocus();
        QTest::keyClick(partner, Qt::Key_Down);
        QVERIFY(compared.wait(10000));
        QVERIFY(view.rightId() != before);
        QCOMPARE(view.model()->comparison().rightId, view.rightId());
        QVERIFY2(guard.clean(), guard.report());
    }

    void comparesFromTheBrowserWithTheKeyboard()
    {
        test::GuiThreadSqlGuard guard;
        ui::TrajectoriesPage page;
        page.resize(1300, 850);
        page.setWorkspace(m_path);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY(page.model()->hasLoaded() && page.model()->rowCount() > 0);
        auto *table = page.findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        table->setFocus();
        table->setCurrentIndex(page.model()->index(0, 0));   // a failed run
        QSignalSpy compared(page.compareView(), &ui::CompareView::compared);
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(compared.wait(10000));
        auto *tabs = page.findChild<QTabWidget *>(QStringLiteral("runTabs"));
        QCOMPARE(tabs->currentWidget(), page.compareView());
        QCOMPARE(page.compareView()->leftId(), page.currentTrajectoryId());
        QVERIFY(page.compareView()->model()->rowCount() > 0);

        // Enter on an aligned call shows it on the timeline.
        QSignalSpy loaded(page.timeline(), &ui::TimelinePanel::loaded);
        auto *alignment = page.findChild<QTableView *>(QStringLiteral("alignmentTable"));
        QTRY_VERIFY(alignment->hasFocus());
        QTest::keyClick(alignment, Qt::Key_Return);
        QTRY_VERIFY(!loaded.isEmpty());
        QCOMPARE(tabs->currentWidget(), page.timeline());
        QVERIFY(page.timeline()->view()->currentStepId() > 0);
        QVERIFY2(guard.clean(), guard.report());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_MAIN(TestCompare)
#include "tst_compare.moc"
