#pragma once

// The Trajectories page on the demo workspace as the browser suites drive it: shown, active,
// its models under QAbstractItemModelTester, its first list read in, and a guard that fails the
// test on any SQL the GUI thread prepares meanwhile.

#include "UiTestSupport.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <thread>

namespace reverie::test {

// Changes the workspace the way another program would: on a thread of its own (the test's
// own writes are not the page's, and must not trip the guard).
inline void writeElsewhere(const QString &path, const char *sqlText)
{
    std::thread([path, sqlText] {   // (not QtConcurrent: waiting for a task that has not started runs it here)
        store::Workspace ws(path);
        ws.db().exec(sqlText);
    }).join();
}

struct BrowserPage {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<GuiThreadSqlGuard> guard;
    std::unique_ptr<ui::TrajectoriesPage> page;

    // For a test's init(): a fresh page on the (once made) demo workspace.
    void open()
    {
        QVERIFY(dir.isValid());
        if (path.isEmpty())
            path = makeDemoWorkspace(dir);
        guard = std::make_unique<GuiThreadSqlGuard>();
        page = std::make_unique<ui::TrajectoriesPage>();
        new QAbstractItemModelTester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, page.get());
        new QAbstractItemModelTester(page->hitModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     page.get());
        page->resize(1300, 850);
        page->setWorkspace(path);
        page->show();
        page->activateWindow();   // keys need an active window; there is no window manager under Xvfb
        QVERIFY(QTest::qWaitForWindowActive(page.get()));
        QVERIFY(waitForList());
        // The workflow and model choices arrive from a worker too.
        auto *workflow = page->findChild<QComboBox *>(QStringLiteral("workflowFilter"));
        QTRY_VERIFY(workflow->count() > 1);
    }

    // For a test's cleanup(): the page goes, its reads finish, and the guard must be clean.
    void close()
    {
        page.reset();
        ui::readerPool()->waitForDone();
        QVERIFY2(guard->clean(), guard->report());
        guard.reset();
    }

    // The list's latest read has arrived.
    bool waitForList()
    {
        return QTest::qWaitFor([this] { return page->model()->hasLoaded() && !page->model()->isLoading(); }, 10000);
    }
};

} // namespace reverie::test
