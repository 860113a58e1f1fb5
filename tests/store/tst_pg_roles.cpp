// Roles in a server workspace, through the real CLI: once its owner gives people roles, each
// acts as the user they connected as. An analyst browses, dreams and proposes but cannot
// approve, neither through Reverie nor by writing the table with psql; a reviewer cannot
// approve under someone else's name; a high-stakes change needs two distinct users.

#include "core/review/Ledger.h"
#include "core/store/Workspace.h"
#include "support/PgTestServer.h"
#include "support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace reverie;

class TestPgRoles : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PgTestServer> m_server;

    QString as(const QString &user) const { return m_server->address(QStringLiteral("roles"), user); }
    test::CliRun run(const QString &user, const QStringList &args)
    {
        return test::runCli(QStringList{QStringLiteral("--workspace"), as(user)} + args);
    }
    qint64 propose(const QString &user, const QString &text, const QString &workflow = QString())
    {
        QStringList args{QStringLiteral("propose"), QStringLiteral("--author"), user, QStringLiteral("--text"), text,
                         QStringLiteral("--json")};
        if (!workflow.isEmpty())
            args << QStringLiteral("--workflow") << workflow;
        const test::CliRun r = run(user, args);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return qint64(QJsonDocument::fromJson(r.out).object().value(QLatin1String("id")).toDouble());
    }
    test::CliRun approve(const QString &user, qint64 id, const QString &as)
    {
        return run(user, {QStringLiteral("approve"), QString::number(id), QStringLiteral("--reviewer"), as,
                          QStringLiteral("--reason"), QStringLiteral("checked")});
    }

private Q_SLOTS:
    void initTestCase()
    {
        REVERIE_START_PG_SERVER(m_server);   // its password is every test user's here
        m_server->createDatabase(QStringLiteral("roles"));
        const QString owner = QString::fromLatin1(test::PgTestServer::kSuperuser);
        QCOMPARE(run(owner, {QStringLiteral("import"), test::fixture(QStringLiteral("native"))}).exitCode, 0);
        QCOMPARE(run(owner, {QStringLiteral("policy"), QStringLiteral("--add-workflow"), QStringLiteral("deploy_service"),
                             QStringLiteral("--approvals"), QStringLiteral("2"), QStringLiteral("--reviewer"), owner})
                     .exitCode,
                 0);
        for (const QString &user : {QStringLiteral("ana"), QStringLiteral("ben"), QStringLiteral("carl")})
            m_server->createRole(user);
        for (const auto &[user, role] : {std::pair{"ana", "reviewer"}, std::pair{"ben", "reviewer"}, std::pair{"carl", "analyst"}}) {
            const test::CliRun r = run(owner, {QStringLiteral("workspace"), QStringLiteral("grant"),
                                               QString::fromLatin1(user), QString::fromLatin1(role)});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
    }

    void anAnalystBrowsesDreamsAndProposesButCannotApprove()
    {
        QCOMPARE(run(QStringLiteral("carl"), {QStringLiteral("trajectories")}).exitCode, 0);
        QCOMPARE(run(QStringLiteral("carl"), {QStringLiteral("dream")}).exitCode, 0);
        const qint64 id = propose(QStringLiteral("carl"), QStringLiteral("Quote the error when a tool fails."));
        QVERIFY(id > 0);
        const test::CliRun r = approve(QStringLiteral("carl"), id, QStringLiteral("carl"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("may browse, dream and propose") && r.err.contains("not decide"), r.err.constData());
        // Not around Reverie either: the server refuses the table to an analyst.
        try {
            m_server->psql(QStringLiteral("INSERT INTO reviews (reviewer, decision, created_at, prev_hash, hash) "
                                          "VALUES ('carl', 'approve', 0, 'x', 'y')"),
                           QStringLiteral("roles"), QStringLiteral("carl"));
            QFAIL("an analyst wrote a review with psql");
        } catch (const reverie::Error &e) {
            QVERIFY2(e.message().contains(QLatin1String("permission denied")), qPrintable(e.message()));
        }
        // Nor can the policy apply a change from an analyst's session (a dream with auto-apply on).
        {
            store::Workspace asCarl(as(QStringLiteral("carl")));
            try {
                review::Ledger(asCarl).applyAutomatically(id, QStringLiteral("low stakes"));
                QFAIL("the policy applied a change from an analyst's session");
            } catch (const review::LedgerRefusal &e) {
                QVERIFY2(e.message().contains(QLatin1String("waits for a reviewer")), qPrintable(e.message()));
            }
        }
        // The reviewers decide it.
        QCOMPARE(approve(QStringLiteral("ana"), id, QStringLiteral("ana")).exitCode, 0);
    }

    void nobodyDecidesUnderAnotherName()
    {
        const qint64 id = propose(QStringLiteral("carl"), QStringLiteral("Check the build before deploying."));
        const test::CliRun r = approve(QStringLiteral("ana"), id, QStringLiteral("ben"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("you act as the user you connected as, ana"), r.err.constData());
        // The owner too: roles are in use, so a typed name is no one's.
        const test::CliRun owner = approve(QString::fromLatin1(test::PgTestServer::kSuperuser), id, QStringLiteral("ops"));
        QCOMPARE(owner.exitCode, 1);
        QVERIFY(owner.err.contains("you act as the user you connected as"));
        // Proposing under another's name, as well.
        const test::CliRun p = run(QStringLiteral("carl"), {QStringLiteral("propose"), QStringLiteral("--author"),
                                                            QStringLiteral("ana"), QStringLiteral("--text"), QStringLiteral("x")});
        QCOMPARE(p.exitCode, 1);
    }

    void aHighStakesChangeNeedsTwoDistinctUsers()
    {
        const qint64 id = propose(QStringLiteral("carl"), QStringLiteral("Page the on-call before a deploy."),
                                  QStringLiteral("deploy_service"));
        QVERIFY(id > 0);
        QCOMPARE(approve(QStringLiteral("ana"), id, QStringLiteral("ana")).exitCode, 0);   // one of two
        const test::CliRun again = approve(QStringLiteral("ana"), id, QStringLiteral("ANA"));
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already"), again.err.constData());
        const test::CliRun second = run(QStringLiteral("ben"), {QStringLiteral("approve"), QString::number(id),
                                                                QStringLiteral("--reviewer"), QStringLiteral("ben"),
                                                                QStringLiteral("--reason"), QStringLiteral("ok"),
                                                                QStringLiteral("--json")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QVERIFY(QJsonDocument::fromJson(second.out).object().value(QLatin1String("version")).toInt() > 0);
        QCOMPARE(run(QStringLiteral("ana"), {QStringLiteral("verify")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestPgRoles)
#include "tst_pg_roles.moc"
