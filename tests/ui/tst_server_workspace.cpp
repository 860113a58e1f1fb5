// The desktop app on a server workspace: the "Open Server Workspace" dialog refuses an address
// with a password (without showing it) and keeps the ones opened; the window opens a
// workspace on a real PostgreSQL server, names it by user@host/database, reads it without SQL
// on the GUI thread, and shows another process's proposal as it commits, without a refresh.

#include "core/review/Ledger.h"
#include "core/store/Workspace.h"
#include "support/PgTestServer.h"
#include "support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/server/ServerWorkspaceDialog.h"
#include "UiTestSupport.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace reverie;

class TestServerWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void theDialogRefusesAPasswordAndKeepsAddresses()
    {
        ui::ServerWorkspaceDialog::remember(QStringLiteral("postgresql://ana@db1.example/team"));
        ui::ServerWorkspaceDialog::remember(QStringLiteral("postgresql://ana@db2.example/lab"));
        ui::ServerWorkspaceDialog dialog;
        auto *saved = dialog.findChild<QListWidget *>(QStringLiteral("savedConnections"));
        auto *address = dialog.findChild<QLineEdit *>(QStringLiteral("serverAddress"));
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("addressProblem"));
        QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        QVERIFY(saved && address && problem && open);
        QCOMPARE(saved->count(), 2);
        QCOMPARE(address->text(), QStringLiteral("postgresql://ana@db2.example/lab"));   // the latest first
        QVERIFY(open->isEnabled());
        address->setText(QStringLiteral("postgresql://ana:s3cr3tpw@db.example/team"));
        QVERIFY(!open->isEnabled());
        QVERIFY(problem->text().contains(QLatin1String("PGPASSWORD")));
        QVERIFY(!problem->text().contains(QLatin1String("s3cr3tpw")));
        address->setText(QStringLiteral("/home/ana/w.reverie"));
        QVERIFY(!open->isEnabled());
        saved->setCurrentRow(1);
        dialog.findChild<QPushButton *>(QStringLiteral("forgetConnection"))->click();
        QCOMPARE(ui::ServerWorkspaceDialog::saved(), QStringList{QStringLiteral("postgresql://ana@db2.example/lab")});
    }

    void theWindowFollowsOtherReviewers()
    {
        test::PgTestServer server;
        if (server.notInstalled())
            QSKIP(qPrintable(server.problem()));
        QVERIFY2(server.isRunning(), qPrintable(server.problem()));
        qputenv("PGPASSWORD", server.superuserPassword().toUtf8());
        const QString address = server.createDatabase(QStringLiteral("window"));
        {
            store::Workspace ws(address);
            Rule r;
            r.text = QStringLiteral("Quote the error message when a tool fails.");
            review::Ledger(ws).importPlaybook({r}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        }
        test::GuiThreadSqlGuard guard;
        ui::MainWindow window;
        QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
        QVERIFY(window.openWorkspace(address));
        QVERIFY(opened.wait(20000));
        QCOMPARE(window.windowTitle(), QStringLiteral("%1@127.0.0.1:%2/window")
                                           .arg(QString::fromLatin1(test::PgTestServer::kSuperuser))
                                           .arg(server.port()));
        QCOMPARE(ui::ServerWorkspaceDialog::saved().value(0), address);
        // The listener is up once its session shows on the server.
        QTRY_VERIFY_WITH_TIMEOUT(server.psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                             "application_name = 'reverie listener'"))
                                     == QLatin1String("1"),
                                 20000);
        const test::CliRun r = test::runCli({QStringLiteral("--workspace"), address, QStringLiteral("propose"),
                                             QStringLiteral("--author"), QStringLiteral("ana"), QStringLiteral("--text"),
                                             QStringLiteral("Check the build before deploying.")});
        QCOMPARE(r.exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(QLatin1String("1 proposal")), 20000);
        QVERIFY2(guard.clean(), guard.report());
    }
};

QTEST_MAIN(TestServerWorkspace)
#include "tst_server_workspace.moc"
