// The ledger driven through the CLI, as a separate process on real workspace files.

#include "support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestCliLedger : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_md;

    test::CliRun cli(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(QStringLiteral("--workspace"));
        return test::runCli(args);
    }
    QJsonObject json(QStringList args)
    {
        args << QStringLiteral("--json");
        const auto r = cli(args);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object();
    }
    qint64 propose(const QString &text, const QStringList &extra = {})
    {
        return json(QStringList{QStringLiteral("propose"), QStringLiteral("--author"), QStringLiteral("lee"),
                                QStringLiteral("--text"), text} + extra)[QLatin1String("id")].toInteger();
    }
    QByteArray published() const
    {
        return test::publishedBlock(m_md);   // Reverie's block; the file may hold more
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("ledger.reverie"));
        m_md = m_dir.filePath(QStringLiteral("agent/AGENTS.md"));
        const QString seed = test::writeFile(m_dir, QStringLiteral("seed.md"),
                                             "# Team rules\n\n- Confirm the order id before any refund.\n"
                                             "- Quote the error message when a tool fails.\n");
        QCOMPARE(cli({QStringLiteral("policy"), QStringLiteral("--add-workflow"), QStringLiteral("deploy_service"),
                      QStringLiteral("--add-target"), m_md, QStringLiteral("--reviewer"), QStringLiteral("ops")})
                     .exitCode,
                 0);
        const auto imported = cli({QStringLiteral("playbook"), QStringLiteral("import"), seed, QStringLiteral("--author"),
                                   QStringLiteral("ops")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QVERIFY(published().contains("Confirm the order id"));
    }

    void policyShowsWhatWasSet()
    {
        const QJsonObject p = json({QStringLiteral("policy")});
        QCOMPARE(p[QLatin1String("high_stakes_workflows")].toArray().first().toString(), QStringLiteral("deploy_service"));
        QCOMPARE(p[QLatin1String("approvals_needed")].toInt(), 2);
        QCOMPARE(p[QLatin1String("publish_targets")].toArray().size(), 1);
    }

    void highStakesNeedsTwoApproversAndRefusalsExitNonZero()
    {
        const qint64 id = propose(QStringLiteral("In deploy_service, run run_tests before deploy."),
                                  {QStringLiteral("--workflow"), QStringLiteral("deploy_service")});
        QVERIFY(id > 0);
        const QString pid = QString::number(id);
        auto r = cli({QStringLiteral("approve"), pid, QStringLiteral("--reviewer"), QStringLiteral("lee"),
                      QStringLiteral("--reason"), QStringLiteral("mine")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("someone else must approve"));
        QCOMPARE(r.err.count('\n'), 1);
        r = cli({QStringLiteral("approve"), pid, QStringLiteral("--reviewer"), QStringLiteral("dana")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("high-stakes"));
        QJsonObject first = json({QStringLiteral("approve"), pid, QStringLiteral("--reviewer"), QStringLiteral("dana"),
                                  QStringLiteral("--reason"), QStringLiteral("rollbacks")});
        QCOMPARE(first[QLatin1String("outcome")].toString(), QStringLiteral("awaiting_approvals"));
        QCOMPARE(first[QLatin1String("approvals")].toArray().size(), 1);
        QJsonObject second = json({QStringLiteral("approve"), pid, QStringLiteral("--reviewer"), QStringLiteral("sam"),
                                   QStringLiteral("--reason"), QStringLiteral("agreed")});
        QCOMPARE(second[QLatin1String("outcome")].toString(), QStringLiteral("applied"));
        QCOMPARE(second[QLatin1String("version")].toInt(), 2);
        QVERIFY(published().contains("run run_tests before deploy"));
    }

    void rejectEditHistoryAndDiff()
    {
        const qint64 bad = propose(QStringLiteral("Retry forever."));
        auto r = cli({QStringLiteral("reject"), QString::number(bad), QStringLiteral("--reviewer"), QStringLiteral("dana")});
        QCOMPARE(r.exitCode, 1);   // missing reason
        QCOMPARE(cli({QStringLiteral("reject"), QString::number(bad), QStringLiteral("--reviewer"), QStringLiteral("dana"),
                      QStringLiteral("--reason"), QStringLiteral("loops")})
                     .exitCode,
                 0);
        const qint64 id = propose(QStringLiteral("Cite the ticket in replies."));
        const QJsonObject edited = json({QStringLiteral("edit"), QString::number(id), QStringLiteral("--reviewer"),
                                         QStringLiteral("dana"), QStringLiteral("--text"),
                                         QStringLiteral("Cite the ticket number in every reply.")});
        QCOMPARE(edited[QLatin1String("outcome")].toString(), QStringLiteral("applied"));
        const int v = edited[QLatin1String("version")].toInt();

        auto history = cli({QStringLiteral("history"), QStringLiteral("--json")});
        const QJsonArray versions = QJsonDocument::fromJson(history.out).array();
        QCOMPARE(versions.size(), v);
        QCOMPARE(versions.last().toObject()[QLatin1String("author")].toString(), QStringLiteral("dana"));
        QCOMPARE(versions.last().toObject()[QLatin1String("change")].toString(), QStringLiteral("edit"));

        auto diff = cli({QStringLiteral("diff"), QString::number(v - 1), QString::number(v), QStringLiteral("--json")});
        const QJsonArray changes = QJsonDocument::fromJson(diff.out).array();
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].toObject()[QLatin1String("kind")].toString(), QStringLiteral("added"));
        auto text = cli({QStringLiteral("diff"), QStringLiteral("1"), QString::number(v)});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("+ R"));
    }

    void rebaseRevertRollbackAndVerify()
    {
        const qint64 a = propose(QStringLiteral("Confirm the order id twice before any refund."),
                                 {QStringLiteral("--op"), QStringLiteral("edit"), QStringLiteral("--rule"), QStringLiteral("R1")});
        const qint64 b = propose(QStringLiteral("Confirm the order id and email before any refund."),
                                 {QStringLiteral("--op"), QStringLiteral("edit"), QStringLiteral("--rule"), QStringLiteral("R1")});
        QCOMPARE(cli({QStringLiteral("approve"), QString::number(b), QStringLiteral("--reviewer"), QStringLiteral("dana")})
                     .exitCode,
                 0);
        auto stale = cli({QStringLiteral("approve"), QString::number(a), QStringLiteral("--reviewer"), QStringLiteral("dana")});
        QCOMPARE(stale.exitCode, 1);
        QVERIFY2(stale.err.contains("needs a rebase"), stale.err.constData());
        QCOMPARE(stale.err.count('\n'), 1);

        // A later edit of R1 depends on proposal b: reverting b is refused.
        const qint64 c = propose(QStringLiteral("Confirm the order id and email address before any refund."),
                                 {QStringLiteral("--op"), QStringLiteral("edit"), QStringLiteral("--rule"), QStringLiteral("R1")});
        QCOMPARE(cli({QStringLiteral("approve"), QString::number(c), QStringLiteral("--reviewer"), QStringLiteral("dana")})
                     .exitCode,
                 0);
        auto refused = cli({QStringLiteral("revert"), QString::number(b), QStringLiteral("--reviewer"), QStringLiteral("sam")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("revert that change first"));
        QCOMPARE(cli({QStringLiteral("revert"), QString::number(c), QStringLiteral("--reviewer"), QStringLiteral("sam")})
                     .exitCode,
                 0);

        // Roll back to version 1: the published file is version 1's, byte for byte.
        const auto v1 = cli({QStringLiteral("playbook"), QStringLiteral("--version"), QStringLiteral("1")});
        QCOMPARE(v1.exitCode, 0);
        QVERIFY(published() != v1.out);
        // It drops the high-stakes deploy_service rule approved above: the gate asks for a reason
        // and the approvers a high-stakes change needs.
        auto bare = cli({QStringLiteral("rollback"), QStringLiteral("1"), QStringLiteral("--reviewer"), QStringLiteral("sam")});
        QCOMPARE(bare.exitCode, 1);
        QVERIFY2(bare.err.contains("give a reason"), bare.err.constData());
        const QJsonObject asked = json({QStringLiteral("rollback"), QStringLiteral("1"), QStringLiteral("--reviewer"),
                                        QStringLiteral("sam"), QStringLiteral("--reason"), QStringLiteral("back to the import")});
        QCOMPARE(asked[QLatin1String("outcome")].toString(), QStringLiteral("awaiting_approvals"));
        const QString request = QString::number(asked[QLatin1String("proposal")].toInteger());
        for (const char *who : {"dana", "lee"}) {
            QCOMPARE(cli({QStringLiteral("approve"), request, QStringLiteral("--reviewer"), QString::fromUtf8(who),
                          QStringLiteral("--reason"), QStringLiteral("agreed")})
                         .exitCode,
                     0);
        }
        QCOMPARE(published(), v1.out);
        const auto json1 = cli({QStringLiteral("playbook"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(QJsonDocument::fromJson(json1.out).object()[QLatin1String("rules")].toArray().size() == 2);

        QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
        const auto stats = cli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("model"), QStringLiteral("--json")});
        QCOMPARE(stats.exitCode, 0);
        QCOMPARE(cli({QStringLiteral("publish")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliLedger)
#include "tst_cli_ledger.moc"
