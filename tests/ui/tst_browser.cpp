// The trajectory browser on the demo workspace: filters, search with highlighted hits, saved
// views, sorting, and Enter on a row opening its timeline. Children are found by objectName.
// Everything the page reads runs on workers (more in tst_browser_workers): every test runs
// under a guard that fails on SQL prepared on the GUI thread, and waits on the page's signals.

#include "BrowserPageFixture.h"
#include "UiTestSupport.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/timeline/StepDetailPane.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"
#include "ui/trajectories/SavedViewsBar.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <thread>

using namespace reverie;


class TestBrowser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { m_fx.open(); }
    void cleanup() { m_fx.close(); }
    bool waitForList() { return m_fx.waitForList(); }

    void failedRunsComeFirst()
    {
        QCOMPARE(m_page->model()->totalCount(), qint64(38));
        QCOMPARE(m_page->model()->index(0, 0).data(ui::TrajectoryListModel::VerdictRole).toInt(), int(Verdict::Failure));
        QCOMPARE(m_page->model()->index(16, 0).data(ui::TrajectoryListModel::VerdictRole).toInt(), int(Verdict::Failure));
        QCOMPARE(m_page->model()->index(17, 0).data(ui::TrajectoryListModel::VerdictRole).toInt(), int(Verdict::Success));
    }

    void filtersNarrowTheList_data()
    {
        QTest::addColumn<QString>("widget");
        QTest::addColumn<QString>("choice");
        QTest::addColumn<qint64>("count");
        QTest::newRow("failed") << "verdictFilter" << "Failed" << qint64(17);
        QTest::newRow("succeeded") << "verdictFilter" << "Succeeded" << qint64(21);
        QTest::newRow("workflow") << "workflowFilter" << "refund_order" << qint64(14);
        QTest::newRow("model") << "modelFilter" << "llama-4-maverick" << qint64(4);
        QTest::newRow("has errors") << "errorsOnly" << "" << qint64(22);
    }
    void filtersNarrowTheList()
    {
        QFETCH(QString, widget);
        QFETCH(QString, choice);
        QFETCH(qint64, count);
        if (auto *combo = m_page->findChild<QComboBox *>(widget)) {
            const int index = combo->findText(choice);
            QVERIFY(index > 0);
            combo->setCurrentIndex(index);
        } else {
            auto *box = m_page->findChild<QCheckBox *>(widget);
            QVERIFY(box);
            box->setChecked(true);
        }
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), count);
        QCOMPARE(m_page->model()->rowCount(), int(count));
    }

    void filtersCombine()
    {
        m_page->findChild<QComboBox *>(QStringLiteral("verdictFilter"))->setCurrentIndex(1);   // failed
        auto *workflow = m_page->findChild<QComboBox *>(QStringLiteral("workflowFilter"));
        workflow->setCurrentIndex(workflow->findText(QStringLiteral("db_migration")));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(5));
        auto *from = m_page->findChild<QDateEdit *>(QStringLiteral("fromDate"));
        QVERIFY(from);
        from->setDate(QDate(2100, 1, 1));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(0));
        from->setDate(from->minimumDate());   // "any" again
        auto *to = m_page->findChild<QDateEdit *>(QStringLiteral("toDate"));
        to->setDate(QDate(2001, 1, 1));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(0));
        to->setDate(QDate(2100, 1, 1));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(5));
    }

    void searchListsHighlightedHitsAndOpensTheStep()
    {
        auto *search = m_page->findChild<QLineEdit *>(QStringLiteral("searchBox"));
        auto *hits = m_page->findChild<QListView *>(QStringLiteral("searchHits"));
        QVERIFY(search && hits);
        QVERIFY(!hits->isVisible());
        QTest::keyClick(m_page.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(search->hasFocus());
        QSignalSpy counted(m_page->model(), &ui::TrajectoryListModel::totalCountChanged);
        QTest::keyClicks(search, QStringLiteral("fraud"));
        QVERIFY(counted.wait(5000));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(7));
        QVERIFY(hits->isVisible());
        QTRY_VERIFY(!m_page->hitModel()->isLoading() && m_page->hitModel()->rowCount() >= 7);
        const QVariantList ranges = m_page->hitModel()->index(0).data(ui::SearchHitModel::HighlightsRole).toList();
        QVERIFY(!ranges.isEmpty());
        QTRY_VERIFY(hits->width() > 0);
        QVERIFY(!hits->grab().isNull());   // the delegate paints
        if (const QString shots = qEnvironmentVariable("REVERIE_SCREENSHOT_DIR"); !shots.isEmpty())
            m_page->grab().save(QDir(shots).filePath(QStringLiteral("search.png")));

        // Enter moves to the hits; Enter on a hit opens its run on the timeline at that step.
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(hits->hasFocus());
        const qint64 stepId = hits->currentIndex().data(ui::SearchHitModel::StepIdRole).toLongLong();
        QSignalSpy loaded(m_page->timeline(), &ui::TimelinePanel::loaded);
        QTest::keyClick(hits, Qt::Key_Return);
        QTRY_VERIFY(loaded.count() > 0);
        QCOMPARE(m_page->timeline()->view()->currentStepId(), stepId);
        QTRY_VERIFY(m_page->timeline()->detailPane()->text().contains(QStringLiteral("fraud"), Qt::CaseInsensitive));
        QVERIFY(m_page->timeline()->view()->hasFocus());
    }

    void savedViewRestoresFilters()
    {
        auto *verdict = m_page->findChild<QComboBox *>(QStringLiteral("verdictFilter"));
        auto *workflow = m_page->findChild<QComboBox *>(QStringLiteral("workflowFilter"));
        auto *views = m_page->findChild<QComboBox *>(QStringLiteral("savedViews"));
        QVERIFY(verdict && workflow && views);
        verdict->setCurrentIndex(1);
        workflow->setCurrentIndex(workflow->findText(QStringLiteral("refund_order")));
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(7));
        // Written on a worker: the view is selected once it is in the workspace.
        QVERIFY(m_page->savedViews()->saveAs(QStringLiteral("Refund failures")));
        QTRY_COMPARE(views->currentText(), QStringLiteral("Refund failures"));

        verdict->setCurrentIndex(0);
        workflow->setCurrentIndex(0);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(38));

        // Pick the view with the keyboard, as a person would.
        views->setCurrentIndex(0);
        views->setFocus();
        QTest::keyClick(views, Qt::Key_Down);
        QCOMPARE(views->currentText(), QStringLiteral("Refund failures"));
        QTRY_COMPARE(verdict->currentIndex(), 1);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(7));
        QCOMPARE(workflow->currentText(), QStringLiteral("refund_order"));

        // Changing a filter by hand leaves the view.
        m_page->findChild<QCheckBox *>(QStringLiteral("errorsOnly"))->setChecked(true);
        QCOMPARE(views->currentIndex(), 0);
        views->setCurrentIndex(0);
        QTest::keyClick(views, Qt::Key_Down);
        QTRY_VERIFY(!m_page->findChild<QCheckBox *>(QStringLiteral("errorsOnly"))->isChecked());

        // Saved in the workspace: a fresh page lists it.
        ui::TrajectoriesPage other;
        other.setWorkspace(m_path);
        QTRY_VERIFY(other.savedViews()->names().contains(QStringLiteral("Refund failures")));

        QSignalSpy names(m_page->savedViews(), &ui::SavedViewsBar::namesChanged);
        QTest::mouseClick(m_page->findChild<QWidget *>(QStringLiteral("deleteView")), Qt::LeftButton);
        QVERIFY(names.wait());
        QVERIFY(m_page->savedViews()->names().isEmpty());
    }

    void sortsByColumn()
    {
        auto *table = m_page->findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        table->sortByColumn(ui::TrajectoryListModel::Errors, Qt::DescendingOrder);
        QVERIFY(waitForList());
        auto errorsAt = [this](int row) { return m_page->model()->index(row, ui::TrajectoryListModel::Errors).data().toInt(); };
        QCOMPARE(m_page->model()->rowCount(), 38);
        for (int row = 1; row < m_page->model()->rowCount(); ++row)
            QVERIFY(errorsAt(row - 1) >= errorsAt(row));
        QVERIFY(errorsAt(0) > 0);
        table->sortByColumn(ui::TrajectoryListModel::Errors, Qt::AscendingOrder);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->index(0, ui::TrajectoryListModel::Errors).data().toInt(), 0);
        table->sortByColumn(ui::TrajectoryListModel::ExternalId, Qt::AscendingOrder);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->index(0, 0).data().toString(), QStringLiteral("deploy-000"));

        // The playbook a run was told: the newest playbook first, then back again.
        test::writeElsewhere(m_path, "UPDATE trajectories SET playbook_version = 3 WHERE external_id = 'deploy-002'");
        table->sortByColumn(ui::TrajectoryListModel::PlaybookVersion, Qt::DescendingOrder);
        QVERIFY(waitForList());
        QTRY_COMPARE(m_page->model()->index(0, 0).data().toString(), QStringLiteral("deploy-002"));
        table->sortByColumn(ui::TrajectoryListModel::PlaybookVersion, Qt::AscendingOrder);
        QVERIFY(waitForList());
        QTRY_VERIFY(m_page->model()->index(0, 0).data().toString() != QStringLiteral("deploy-002"));
        test::writeElsewhere(m_path, "UPDATE trajectories SET playbook_version = 0 WHERE external_id = 'deploy-002'");
    }

    void enterOnARowOpensItsTimeline()
    {
        auto *table = m_page->findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Down);   // first row
        QTest::keyClick(table, Qt::Key_Down);   // second row
        const qint64 id = table->currentIndex().data(ui::TrajectoryListModel::TrajectoryIdRole).toLongLong();
        QVERIFY(id > 0);
        QSignalSpy loaded(m_page->timeline(), &ui::TimelinePanel::loaded);
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY(!loaded.isEmpty());
        QCOMPARE(loaded.last().at(0).toLongLong(), id);
        QCOMPARE(m_page->timeline()->trajectoryId(), id);
        QVERIFY(m_page->timeline()->view()->hasFocus());
        // A failed run opens at its first error, and Esc goes back to the list.
        QTRY_VERIFY(m_page->timeline()->detailPane()->summary().contains(QStringLiteral("ERROR")));
        QTest::keyClick(m_page->timeline()->view(), Qt::Key_Escape);
        QTRY_VERIFY(table->hasFocus());
    }

private:
    test::BrowserPage m_fx;
    std::unique_ptr<ui::TrajectoriesPage> &m_page = m_fx.page;
    QString &m_path = m_fx.path;
    std::unique_ptr<test::GuiThreadSqlGuard> &m_guard = m_fx.guard;
};

QTEST_MAIN(TestBrowser)
#include "tst_browser.moc"
