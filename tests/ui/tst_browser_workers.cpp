// The trajectory browser's reads and writes off the GUI thread: scrolling deep through pages read
// on workers, a reload that keeps the selected run, a saved view written while an import holds
// the workspace's lock, and a workspace that becomes unreadable mid-session (reported in a
// notice; the page stays usable). Every test runs under a guard that fails on SQL prepared on
// the GUI thread.

#include "BrowserPageFixture.h"
#include "UiTestSupport.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"
#include "ui/compare/CompareView.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/common/NoticeBar.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/trajectories/SavedViewsBar.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace reverie;


class TestBrowserWorkers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() { m_fx.open(); }
    void cleanup() { m_fx.close(); }
    bool waitForList() { return m_fx.waitForList(); }

    void scrollingFetchesPagesOnWorkers()
    {
        // 450 tiny runs: three pages.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.reverie"));
        QByteArray jsonl;
        for (int i = 0; i < 450; ++i)
            jsonl += QStringLiteral(R"({"trajectory":"r%1","type":"task","title":"t","workflow":"w"})"
                                    "\n").arg(i, 3, 10, QLatin1Char('0')).toUtf8();
        bool imported = false;
        std::thread([&] {
            { store::Workspace create(path); }
            imported = test::importJsonl(path, dir, QStringLiteral("many.jsonl"), jsonl);
        }).join();
        QVERIFY(imported);
        m_page->setWorkspace(path);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(450));
        QVERIFY(m_page->model()->rowCount() >= ui::TrajectoryListModel::kPageSize);   // the view may ask for more at once
        auto *table = m_page->findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        QTRY_VERIFY2_WITH_TIMEOUT((table->scrollToTop(), table->scrollToBottom(), m_page->model()->rowCount() == 450),
                                  qPrintable(QString::number(m_page->model()->rowCount())), 10000);
        QSet<QString> seen;
        for (int row = 0; row < 450; ++row)
            seen.insert(m_page->model()->index(row, 0).data().toString());
        QCOMPARE(seen.size(), 450);   // every run once: no page twice, none left out
        m_page->setWorkspace(m_path);
        QVERIFY(waitForList());
    }

    void reloadKeepsTheSelectedRun()
    {
        auto *table = m_page->findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        table->setCurrentIndex(m_page->model()->index(5, 0));
        const qint64 id = m_page->currentTrajectoryId();
        // Another run becomes the newest failure: it moves in above the selected one.
        test::writeElsewhere(m_path, "UPDATE trajectories SET started_at = started_at + 100000000000 "
                               "WHERE id = (SELECT id FROM trajectories WHERE verdict = 2 ORDER BY started_at LIMIT 1)");
        QSignalSpy loaded(m_page->model(), &ui::TrajectoryListModel::loaded);
        m_page->reload();
        QVERIFY(loaded.wait());
        QCOMPARE(m_page->currentTrajectoryId(), id);
        test::writeElsewhere(m_path, "UPDATE trajectories SET started_at = started_at - 100000000000 "
                               "WHERE started_at > 100000000000 + 1600000000000");
    }

    void aSaveWaitsForAnImportOnAWorkerNotOnTheGuiThread()
    {
        // Another connection holds the write lock, as an import does while it commits.
        std::atomic_bool locked{false};
        std::atomic_bool release{false};
        std::thread importer([&] {
            store::Workspace ws(m_path);
            ws.db().exec("BEGIN IMMEDIATE");
            locked = true;
            while (!release.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            ws.db().exec("COMMIT");
        });
        struct Join {   // a failed check returns early: the lock is let go all the same
            std::atomic_bool &release;
            std::thread &thread;
            ~Join()
            {
                release = true;
                if (thread.joinable())
                    thread.join();
            }
        } join{release, importer};
        QTRY_VERIFY(locked.load());
        QSignalSpy names(m_page->savedViews(), &ui::SavedViewsBar::namesChanged);
        QVERIFY(m_page->savedViews()->saveAs(QStringLiteral("While importing")));
        // The GUI thread goes on: events run, the list answers, nothing is saved yet.
        QElapsedTimer responsive;
        responsive.start();
        QTest::qWait(300);
        QVERIFY(responsive.elapsed() < 2000);
        QCOMPARE(names.count(), 0);
        m_page->findChild<QComboBox *>(QStringLiteral("verdictFilter"))->setCurrentIndex(1);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(17));
        release = true;
        importer.join();
        QVERIFY(names.wait());
        QVERIFY(m_page->savedViews()->names().contains(QStringLiteral("While importing")));
        QSignalSpy removed(m_page->savedViews(), &ui::SavedViewsBar::namesChanged);
        m_page->savedViews()->removeCurrent();
        QVERIFY(removed.wait());
        QVERIFY(m_page->savedViews()->names().isEmpty());
    }

    void anUnreadableWorkspaceIsReportedAndThePageStaysUsable()
    {
        // A copy of the demo workspace, so that the others stay as they are.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.reverie"));
        QVERIFY(QFile::copy(m_path, path));
        m_page->setWorkspace(path);
        QVERIFY(waitForList());
        QCOMPARE(m_page->model()->totalCount(), qint64(38));
        auto *notice = m_page->findChild<ui::NoticeBar *>(QStringLiteral("trajectoriesNotice"));
        QVERIFY(notice);
        QVERIFY(notice->isHidden());

        // Mid-session the file stops being a workspace (another program overwrote it; under
        // root a chmod would not stop a read). The readers' connections are opened again, as
        // they are after the window re-opens a workspace.
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray(8192, 'x'));
        }
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        ui::forgetReadConnections();
        QSignalSpy failed(m_page->model(), &ui::TrajectoryListModel::readFailed);
        m_page->reload();
        QVERIFY(failed.wait());
        QTRY_VERIFY(notice->isVisible());
        QCOMPARE(notice->kind(), ui::NoticeBar::Kind::Error);
        // It names what failed and why (the other reads of the page fail the same way).
        const QString message = failed.first().at(0).toString();
        QVERIFY2(message.contains(QStringLiteral("trajectory list")) && message.contains(QStringLiteral("not a Reverie workspace")),
                 qPrintable(message));
        QVERIFY(notice->text().contains(QStringLiteral("broken.reverie")));
        QCOMPARE(m_page->model()->rowCount(), 38);   // what was shown stays

        // Still usable: filtering, searching and opening a run report, never crash.
        auto *verdict = m_page->findChild<QComboBox *>(QStringLiteral("verdictFilter"));
        verdict->setCurrentIndex(1);
        QVERIFY(failed.wait());
        QSignalSpy searchFailed(m_page->hitModel(), &ui::SearchHitModel::readFailed);
        m_page->hitModel()->setQuery(QStringLiteral("fraud"));
        QVERIFY(searchFailed.wait());
        QSignalSpy timelineFailed(m_page->timeline(), &ui::TimelinePanel::failed);
        m_page->openTrajectory(1);
        QVERIFY(timelineFailed.wait());
        QSignalSpy compareFailed(m_page->compareView(), &ui::CompareView::failed);
        m_page->compareCurrent();
        QVERIFY(compareFailed.wait());
        QVERIFY(notice->isVisible());

        // The workspace comes back (restored from a copy): a reload shows it again.
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::copy(m_path, path));
        ui::forgetReadConnections();
        m_page->reload();
        QVERIFY(waitForList());
        QTRY_COMPARE(m_page->model()->totalCount(), qint64(17));   // the failed runs
        QVERIFY2(notice->isHidden(), qPrintable(notice->text()));
        m_page->setWorkspace(m_path);
        QVERIFY(waitForList());
    }

private:
    test::BrowserPage m_fx;
    std::unique_ptr<ui::TrajectoriesPage> &m_page = m_fx.page;
    QString &m_path = m_fx.path;
    std::unique_ptr<test::GuiThreadSqlGuard> &m_guard = m_fx.guard;
};

QTEST_MAIN(TestBrowserWorkers)
#include "tst_browser_workers.moc"
