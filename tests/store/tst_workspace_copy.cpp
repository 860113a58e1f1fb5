// reverie workspace copy: a SQLite workspace onto a PostgreSQL server and back, through the
// real CLI, against a server the test starts. Every row and both hash chains arrive; the
// copy searches and decides like the original; a copy that fails halfway leaves nothing; a
// destination with data, or a source whose history does not verify, is refused.

#include "core/review/Ledger.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"
#include "support/PgTestServer.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestWorkspaceCopy : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PgTestServer> m_server;
    QTemporaryDir m_dir;
    QString m_file;

    test::CliRun cli(const QStringList &args) { return test::runCli(args); }
    QByteArray ok(const QStringList &args)
    {
        const test::CliRun r = cli(args);
        if (r.exitCode != 0)
            qWarning("reverie %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        return r.exitCode == 0 ? r.out : QByteArray("failed");
    }
    QByteArray on(const QString &workspace, QStringList args)
    {
        return ok(QStringList{QStringLiteral("--workspace"), workspace} + args);
    }

private Q_SLOTS:
    void initTestCase()
    {
        REVERIE_START_PG_SERVER(m_server);
        // A workspace with runs, a dream, a decided proposal and a policy change.
        m_file = m_dir.filePath(QStringLiteral("mine.reverie"));
        QVERIFY(on(m_file, {QStringLiteral("import"), test::fixture(QStringLiteral("native"))}) != "failed");
        QVERIFY(on(m_file, {QStringLiteral("dream")}) != "failed");
        const QJsonObject proposed = QJsonDocument::fromJson(on(m_file, {QStringLiteral("propose"), QStringLiteral("--author"),
                                                                         QStringLiteral("ana"), QStringLiteral("--text"),
                                                                         QStringLiteral("Check the build before deploying."),
                                                                         QStringLiteral("--json")}))
                                         .object();
        QVERIFY(on(m_file, {QStringLiteral("approve"), QString::number(proposed.value(QLatin1String("id")).toInt()),
                            QStringLiteral("--reviewer"), QStringLiteral("ben")})
                != "failed");
        QVERIFY(on(m_file, {QStringLiteral("policy"), QStringLiteral("--add-workflow"), QStringLiteral("deploy_service"),
                            QStringLiteral("--reviewer"), QStringLiteral("ops")})
                != "failed");
    }

    void toTheServerAndBack()
    {
        const QString server = m_server->createDatabase(QStringLiteral("team"));
        QVERIFY(ok({QStringLiteral("workspace"), QStringLiteral("copy"), m_file, server}) != "failed");
        for (const QStringList &args : {QStringList{QStringLiteral("decisions"), QStringLiteral("--json")},
                                        QStringList{QStringLiteral("history"), QStringLiteral("--json")},
                                        QStringList{QStringLiteral("playbook"), QStringLiteral("--format"), QStringLiteral("json")},
                                        QStringList{QStringLiteral("trajectories"), QStringLiteral("--search"), QStringLiteral("timeout")},
                                        QStringList{QStringLiteral("proposals"), QStringLiteral("--json")}})
            QCOMPARE(on(server, args), on(m_file, args));
        QVERIFY(on(server, {QStringLiteral("verify")}) != "failed");
        // The copy goes on where the original stopped: the next proposal's id follows.
        const QJsonObject next = QJsonDocument::fromJson(on(server, {QStringLiteral("propose"), QStringLiteral("--author"),
                                                                     QStringLiteral("ana"), QStringLiteral("--text"),
                                                                     QStringLiteral("Page the on-call."), QStringLiteral("--json")}))
                                     .object();
        QVERIFY(next.value(QLatin1String("id")).toInt() > 1);

        const QString back = m_dir.filePath(QStringLiteral("back.reverie"));
        QVERIFY(ok({QStringLiteral("workspace"), QStringLiteral("copy"), server, back}) != "failed");
        QCOMPARE(on(back, {QStringLiteral("decisions"), QStringLiteral("--json")}),
                 on(server, {QStringLiteral("decisions"), QStringLiteral("--json")}));
        QCOMPARE(on(back, {QStringLiteral("trajectories"), QStringLiteral("--search"), QStringLiteral("timeout")}),
                 on(m_file, {QStringLiteral("trajectories"), QStringLiteral("--search"), QStringLiteral("timeout")}));
        QVERIFY(on(back, {QStringLiteral("verify")}) != "failed");
    }

    void aDestinationWithDataIsRefused()
    {
        const QString server = m_server->createDatabase(QStringLiteral("used"));
        QVERIFY(ok({QStringLiteral("workspace"), QStringLiteral("copy"), m_file, server}) != "failed");
        const test::CliRun again = cli({QStringLiteral("workspace"), QStringLiteral("copy"), m_file, server});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("is not empty"), again.err.constData());
    }

    void aCopyThatFailsHalfwayLeavesNothing()
    {
        const QString server = m_server->createDatabase(QStringLiteral("halfway"));
        { store::Workspace ws(server); }   // the schema, empty
        // The server turns the decisions away, after the runs and steps went in.
        m_server->psql(QStringLiteral("ALTER TABLE reviews ADD CONSTRAINT no_ben CHECK (reviewer <> 'ben')"),
                       QStringLiteral("halfway"));
        const test::CliRun r = cli({QStringLiteral("workspace"), QStringLiteral("copy"), m_file, server});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no_ben"), r.err.constData());
        QCOMPARE(m_server->psql(QStringLiteral("SELECT (SELECT count(*) FROM steps) + (SELECT count(*) FROM trajectories) "
                                               "+ (SELECT count(*) FROM sources)"),
                                QStringLiteral("halfway")),
                 QStringLiteral("0"));
    }

    void aSourceThatDoesNotVerifyIsNotCopied()
    {
        const QString tampered = m_dir.filePath(QStringLiteral("tampered.reverie"));
        QVERIFY(QFile::copy(m_file, tampered));
        {
            store::Workspace ws(tampered);
            ws.db().exec("UPDATE version_rules SET text = 'Deploy on Fridays.'");
        }
        const QString target = m_dir.filePath(QStringLiteral("never.reverie"));
        const test::CliRun r = cli({QStringLiteral("workspace"), QStringLiteral("copy"), tampered, target});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("does not verify"), r.err.constData());
        QVERIFY(!QFile::exists(target));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceCopy)
#include "tst_workspace_copy.moc"
