// Opening a workspace through the window: on a worker (the GUI thread runs no SQL), an older
// schema upgraded with progress shown, and a cancelled or failed opening that leaves the
// previous workspace open and the file as it was.

#include "UiTestSupport.h"
#include "core/store/Schema.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"
#include "ui/MainWindow.h"
#include "ui/WorkspaceOpener.h"
#include "ui/dreams/DreamsPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/review/ReviewPage.h"

#include <QFile>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

// A workspace at schema `version`, with a source row whose survival shows the data was kept.
void makeOldWorkspace(const QString &path, int version)
{
    store::Workspace::Options old;
    old.schemaVersion = version;
    store::Workspace ws(path, old);
    ws.db().exec("INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                 "VALUES ('x.jsonl', 'reverie-jsonl', 'abc', 3, 0)");
}

// Whether the file still has the old schema's shape: no saved_views (schema 2), one migration.
bool stillVersion1(const QString &path)
{
    if (store::Workspace::peekSchemaVersion(path) != 1)
        return false;
    store::Workspace::Options look;
    look.readOnly = true;
    look.schemaVersion = 1;
    store::Workspace ws(path, look);
    sql::Statement views(ws.db(), "SELECT count(*) FROM sqlite_schema WHERE name = 'saved_views'");
    sql::Statement sources(ws.db(), "SELECT count(*) FROM sources");
    return views.step() && views.int64(0) == 0 && sources.step() && sources.int64(0) == 1;
}

bool openAndWait(ui::MainWindow &window, const QString &path)
{
    QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
    return window.openWorkspace(path) && opened.wait(20000);
}

} // namespace

class TestOpenWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    // The window and every page read on workers: opening, then showing each page.
    void opensOnAWorkerAndEveryPageReadsOffTheGuiThread()
    {
        QTemporaryDir dir;
        const QString path = test::makeDemoWorkspace(dir);
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        test::GuiThreadSqlGuard guard;
        auto *dreams = window.dreamsPage();
        auto *review = qobject_cast<ui::ReviewPage *>(window.page(ui::MainWindow::ReviewIndex));
        auto *history = qobject_cast<ui::HistoryPage *>(window.page(ui::MainWindow::HistoryIndex));
        QSignalSpy runs(dreams, &ui::DreamsPage::runsLoaded);
        QSignalSpy queue(review, &ui::ReviewPage::queueReloaded);
        QSignalSpy versions(history, &ui::HistoryPage::loaded);
        QVERIFY(openAndWait(window, path));
        QCOMPARE(window.workspacePath(), path);
        QCOMPARE(window.windowTitle(), QStringLiteral("demo.reverie"));
        for (int page : {ui::MainWindow::DreamsIndex, ui::MainWindow::ReviewIndex, ui::MainWindow::HistoryIndex})
            window.showPage(page);
        QTRY_VERIFY_WITH_TIMEOUT(!runs.isEmpty() && !queue.isEmpty() && !versions.isEmpty(), 20000);
        QVERIFY(runs.last().at(0).toBool());
        QVERIFY(queue.last().at(0).toBool());
        QVERIFY2(guard.clean(), guard.report());
    }

    // A change while a page is hidden marks it stale; it re-reads when it is shown, not before.
    void hiddenPagesReadAgainWhenShown()
    {
        QTemporaryDir dir;
        const QString path = test::makeDemoWorkspace(dir);
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, path));
        auto *review = qobject_cast<ui::ReviewPage *>(window.page(ui::MainWindow::ReviewIndex));
        QSignalSpy queue(review, &ui::ReviewPage::queueReloaded);
        QTRY_VERIFY(!queue.isEmpty());   // the first read, on opening
        queue.clear();
        Q_EMIT window.dreamsPage()->workspaceChanged();   // as after a dream pass
        QVERIFY(review->isStale());
        QTest::qWait(0);
        QCOMPARE(queue.count(), 0);
        window.showPage(ui::MainWindow::ReviewIndex);
        QVERIFY(!review->isStale());
        QVERIFY(queue.wait(20000));
    }

    // An older workspace is upgraded on a worker with its progress reported step by step; its
    // data is kept.
    void upgradesAnOlderWorkspaceWithProgress()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.reverie"));
        makeOldWorkspace(path, 1);
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        test::GuiThreadSqlGuard guard;
        QSignalSpy steps(window.opener(), &ui::WorkspaceOpener::migrationStep);
        QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
        QVERIFY(window.openWorkspace(path));
        QProgressDialog *progress = window.opener()->progressDialog();
        QVERIFY(progress);
        QCOMPARE(progress->objectName(), QStringLiteral("openProgress"));
        QCOMPARE(progress->windowModality(), Qt::WindowModal);
        QVERIFY(!window.openWorkspace(path));   // one opening at a time
        QVERIFY(opened.wait(20000));
        QVERIFY(!steps.isEmpty());
        QCOMPARE(steps.last().at(1).toInt(), store::latestSchemaVersion() - 1);
        QVERIFY2(guard.clean(), guard.report());
        QCOMPARE(store::Workspace::peekSchemaVersion(path), store::latestSchemaVersion());
        QCOMPARE(window.workspacePath(), path);
        QTRY_VERIFY(!window.opener()->progressDialog());   // gone once done
    }

    // Cancel while the upgrade waits for a lock another program holds: the upgrade never
    // happens, the file is as it was, and the workspace open before stays open.
    void aCancelledUpgradeLeavesTheOldWorkspaceOpen()
    {
        QTemporaryDir dir;
        const QString current = test::makeDemoWorkspace(dir);
        const QString old = dir.filePath(QStringLiteral("old.reverie"));
        makeOldWorkspace(old, 1);
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, current));

        store::Workspace::Options v1;
        v1.schemaVersion = 1;
        store::Workspace holder(old, v1);
        holder.db().exec("BEGIN IMMEDIATE");   // the upgrade has to wait for this lock
        QSignalSpy failed(&window, &ui::MainWindow::workspaceOpenFailed);
        QVERIFY(window.openWorkspace(old));
        QProgressDialog *progress = window.opener()->progressDialog();
        QVERIFY(progress);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        QVERIFY(failed.wait(20000));
        holder.db().exec("ROLLBACK");
        QVERIFY2(failed.first().at(1).toString().contains(QLatin1String("cancelled")), qPrintable(failed.first().at(1).toString()));
        QCOMPARE(window.workspacePath(), current);
        QCOMPARE(window.windowTitle(), QStringLiteral("demo.reverie"));
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("cancelled")));
        QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("openFailed")));   // asked for: no alarm
        QVERIFY(stillVersion1(old));
    }

    // A file that is no workspace: the message names it and says why; the old one stays open
    // and the window keeps working (the message is not modal).
    void aFailedOpeningSaysWhyAndKeepsTheOldWorkspace()
    {
        QTemporaryDir dir;
        const QString current = test::makeDemoWorkspace(dir);
        const QString garbage = dir.filePath(QStringLiteral("garbage.reverie"));
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, current));
        QSignalSpy failed(&window, &ui::MainWindow::workspaceOpenFailed);
        QVERIFY(window.openWorkspace(garbage));
        QVERIFY(failed.wait(20000));
        QCOMPARE(window.workspacePath(), current);
        QTRY_VERIFY(window.findChild<QMessageBox *>(QStringLiteral("openFailed")));
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("openFailed"));
        QVERIFY2(box->text().contains(QLatin1String("garbage.reverie")), qPrintable(box->text()));
        QVERIFY(!box->isModal());
        window.showPage(ui::MainWindow::DreamsIndex);   // the window still responds
        QCOMPARE(window.currentPageIndex(), int(ui::MainWindow::DreamsIndex));
        box->close();
    }
};

QTEST_MAIN(TestOpenWorkspace)
#include "tst_open_workspace.moc"
