// The approval gate, tried the way a careful adversary would: every bypass found on the command
// line is refused with one line, or waits for the approvers the policy asks for.

#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

} // namespace

class TestApprovalGate : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_md;

    test::CliRun run(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(s("--workspace"));
        return test::runCli(args);
    }
    // Runs a command that must succeed.
    QByteArray ok(const QStringList &args)
    {
        const test::CliRun r = run(args);
        if (r.exitCode != 0)
            qWarning("reverie %s: exit %d: %s", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
        [&] { QCOMPARE(r.exitCode, 0); }();
        return r.out;
    }
    QJsonObject okJson(QStringList args)
    {
        args << s("--json");
        return QJsonDocument::fromJson(ok(args)).object();
    }
    QJsonValue jsonOf(QStringList args)
    {
        args << s("--json");
        const QJsonDocument d = QJsonDocument::fromJson(ok(args));
        return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
    }
    // Runs a command that must be refused with one line naming `why`.
    void refused(const QStringList &args, const char *why)
    {
        const test::CliRun r = run(args);
        QVERIFY2(r.exitCode != 0, qPrintable(args.join(QLatin1Char(' '))));
        const QString err = QString::fromUtf8(r.err).trimmed();
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        QVERIFY2(err.contains(QString::fromUtf8(why), Qt::CaseInsensitive), qPrintable(err));
    }
    QJsonArray rules() { return QJsonDocument::fromJson(ok({s("playbook"), s("--format"), s("json")})).object()[s("rules")].toArray(); }
    QJsonObject ruleById(const QString &id)
    {
        for (const QJsonValue &r : rules()) {
            if (r[s("id")].toString() == id)
                return r.toObject();
        }
        return {};
    }
    int currentVersion() { return jsonOf({s("history")}).toArray().size(); }
    qint64 lastProposal()
    {
        const QJsonArray list = jsonOf({s("proposals")}).toArray();
        qint64 id = 0;
        for (const QJsonValue &p : list)
            id = qMax(id, qint64(p[s("id")].toDouble()));
        return id;
    }
    void verifyClean() { ok({s("verify")}); }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        m_ws = m_dir.filePath(QStringLiteral("gate%1.reverie").arg(++n));
        m_md = m_dir.filePath(QStringLiteral("AGENTS%1.md").arg(n));
        const QString playbook = test::writeFile(
            m_dir, QStringLiteral("seed%1.json").arg(n),
            R"({"rules": [{"id": "R1", "text": "Quote the error message when a tool fails."},
                          {"id": "R2", "text": "Run the smoke tests before deploy.",
                           "scope": {"workflows": ["deploy_service"]}}]})");
        ok({s("playbook"), s("import"), playbook, s("--author"), s("ops")});
        ok({s("policy"), s("--add-workflow"), s("deploy_service"), s("--approvals"), s("2"), s("--reviewer"), s("ops")});
        QCOMPARE(ruleById(s("R2"))[s("scope")].toObject()[s("workflows")].toArray().size(), 1);
    }

    void selfApprovalByCaseIsRefused()
    {
        ok({s("propose"), s("--author"), s("alice"), s("--text"), s("Check the canary."), s("--workflow"), s("deploy_service")});
        const QString id = QString::number(lastProposal());
        refused({s("approve"), id, s("--reviewer"), s("Alice"), s("--reason"), s("looks right")}, "wrote proposal");
        refused({s("approve"), id, s("--reviewer"), s("  ALICE "), s("--reason"), s("looks right")}, "wrote proposal");
    }

    void onePersonCountsOnce_data()
    {
        QTest::addColumn<QString>("second");
        QTest::newRow("case") << s("Bob");
        QTest::newRow("spaces") << s(" bob  ");
        QTest::newRow("full-width") << s("\xEF\xBC\xA2\xEF\xBD\x8F\xEF\xBD\x82");   // "Ｂｏｂ"
    }
    void onePersonCountsOnce()
    {
        QFETCH(QString, second);
        ok({s("propose"), s("--author"), s("alice"), s("--text"), s("Check the canary."), s("--workflow"), s("deploy_service")});
        const QString id = QString::number(lastProposal());
        QCOMPARE(okJson({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("ok")})[s("outcome")].toString(),
                 s("awaiting_approvals"));
        refused({s("approve"), id, s("--reviewer"), second, s("--reason"), s("ok again")}, "already approved");
        QCOMPARE(currentVersion(), 1);
    }

    void editOfHighStakesRuleWithoutScopeIsHighStakes_data()
    {
        QTest::addColumn<QString>("op");
        QTest::newRow("edit") << s("edit");
        QTest::newRow("remove") << s("remove");
    }
    void editOfHighStakesRuleWithoutScopeIsHighStakes()
    {
        QFETCH(QString, op);
        const QJsonObject proposed = okJson({s("propose"), s("--author"), s("mallory"), s("--op"), op, s("--rule"), s("R2"),
                                             s("--text"), s("Deploy when you like.")});
        QCOMPARE(proposed[s("stakes")].toString(), s("high"));
        const QString id = QString::number(qint64(proposed[s("id")].toDouble()));
        refused({s("approve"), id, s("--reviewer"), s("bob")}, "high-stakes");
        QCOMPARE(okJson({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("fine")})[s("outcome")].toString(),
                 s("awaiting_approvals"));
        QCOMPARE(currentVersion(), 1);
        QCOMPARE(okJson({s("approve"), id, s("--reviewer"), s("carol"), s("--reason"), s("fine")})[s("outcome")].toString(),
                 s("applied"));
        if (op == QLatin1String("edit")) {
            // The edit kept the rule's scope and its stakes.
            const QJsonObject r2 = ruleById(s("R2"));
            QCOMPARE(r2[s("text")].toString(), s("Deploy when you like."));
            QCOMPARE(r2[s("scope")].toObject()[s("workflows")].toArray().first().toString(), s("deploy_service"));
        } else {
            QVERIFY(ruleById(s("R2")).isEmpty());
        }
        verifyClean();
    }

    void changingScopeOfALowRuleIsHighStakes()
    {
        const QJsonObject proposed = okJson({s("propose"), s("--author"), s("mallory"), s("--op"), s("edit"), s("--rule"),
                                             s("R1"), s("--text"), s("Quote errors."), s("--workflow"), s("search")});
        QCOMPARE(proposed[s("stakes")].toString(), s("high"));
    }

    void rollbackOfHighStakesChangeWaitsForApprovers()
    {
        // v2 removes the high-stakes rule R2 with two approvals; rolling back to v1 restores it.
        ok({s("propose"), s("--author"), s("alice"), s("--op"), s("remove"), s("--rule"), s("R2"), s("--text"), s("")});
        const QString id = QString::number(lastProposal());
        ok({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("obsolete")});
        ok({s("approve"), id, s("--reviewer"), s("carol"), s("--reason"), s("obsolete")});
        QCOMPARE(currentVersion(), 2);

        refused({s("rollback"), s("1"), s("--reviewer"), s("mallory")}, "give a reason");
        const QJsonObject asked = okJson({s("rollback"), s("1"), s("--reviewer"), s("mallory"), s("--reason"), s("bring it back")});
        QCOMPARE(asked[s("outcome")].toString(), s("awaiting_approvals"));
        const QString request = QString::number(qint64(asked[s("proposal")].toDouble()));
        QCOMPARE(currentVersion(), 2);
        refused({s("approve"), request, s("--reviewer"), s("Mallory"), s("--reason"), s("me")}, "wrote proposal");
        refused({s("rollback"), s("1"), s("--reviewer"), s("mallory"), s("--reason"), s("again")}, "already asked");
        // A second person asking for the same rollback approves the request.
        QCOMPARE(okJson({s("rollback"), s("1"), s("--reviewer"), s("bob"), s("--reason"), s("agreed")})[s("outcome")].toString(),
                 s("awaiting_approvals"));
        QCOMPARE(okJson({s("approve"), request, s("--reviewer"), s("carol"), s("--reason"), s("agreed")})[s("outcome")].toString(),
                 s("applied"));
        QCOMPARE(currentVersion(), 3);
        QVERIFY(!ruleById(s("R2")).isEmpty());
        verifyClean();
    }

    void lowStakesRollbackStaysOneClick()
    {
        ok({s("propose"), s("--author"), s("alice"), s("--text"), s("Log every retry.")});
        ok({s("approve"), QString::number(lastProposal()), s("--reviewer"), s("bob")});
        QCOMPARE(currentVersion(), 2);
        QCOMPARE(okJson({s("rollback"), s("1"), s("--reviewer"), s("bob")})[s("outcome")].toString(), s("applied"));
        QCOMPARE(currentVersion(), 3);
    }

    void revertOfHighStakesChangeByItsAuthorWaits()
    {
        ok({s("propose"), s("--author"), s("alice"), s("--text"), s("Page the on-call before deploy."), s("--workflow"),
            s("deploy_service")});
        const QString change = QString::number(lastProposal());
        ok({s("approve"), change, s("--reviewer"), s("bob"), s("--reason"), s("yes")});
        ok({s("approve"), change, s("--reviewer"), s("carol"), s("--reason"), s("yes")});
        QCOMPARE(currentVersion(), 2);
        refused({s("revert"), change, s("--reviewer"), s("alice")}, "give a reason");
        const QJsonObject asked = okJson({s("revert"), change, s("--reviewer"), s("alice"), s("--reason"), s("too noisy")});
        QCOMPARE(asked[s("outcome")].toString(), s("awaiting_approvals"));
        QCOMPARE(currentVersion(), 2);
        const QString request = QString::number(qint64(asked[s("proposal")].toDouble()));
        refused({s("approve"), request, s("--reviewer"), s("alice"), s("--reason"), s("mine")}, "wrote proposal");
        ok({s("approve"), request, s("--reviewer"), s("bob"), s("--reason"), s("agreed")});
        QCOMPARE(okJson({s("approve"), request, s("--reviewer"), s("dave"), s("--reason"), s("agreed")})[s("outcome")].toString(),
                 s("applied"));
        QCOMPARE(currentVersion(), 3);
        QCOMPARE(rules().size(), 2);
        verifyClean();
    }

    void anEditRestartsTheCount()
    {
        ok({s("propose"), s("--author"), s("alice"), s("--text"), s("Wording A."), s("--workflow"), s("deploy_service")});
        const QString id = QString::number(lastProposal());
        ok({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("A is fine")});
        const QJsonObject edited = okJson({s("edit"), id, s("--reviewer"), s("carol"), s("--text"), s("Wording B."),
                                           s("--reason"), s("clearer")});
        QCOMPARE(edited[s("outcome")].toString(), s("awaiting_approvals"));
        QCOMPARE(edited[s("approvals")].toArray().size(), 1);
        QCOMPARE(edited[s("stale_approvals")].toArray().first().toString(), s("bob"));
        QCOMPARE(currentVersion(), 1);
        // bob approves B too: now two people approved the wording that lands.
        QCOMPARE(okJson({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("B is fine")})[s("outcome")].toString(),
                 s("applied"));
        bool found = false;
        for (const QJsonValue &r : rules())
            found = found || r[s("text")].toString() == s("Wording B.");
        QVERIFY(found);
    }

    void loosenThePolicyNeedsApproversAndLeavesATrace()
    {
        refused({s("policy"), s("--approvals"), s("1"), s("--remove-workflow"), s("deploy_service"), s("--reviewer"),
                 s("mallory")},
                "give a reason");
        const QJsonObject asked = okJson({s("policy"), s("--approvals"), s("1"), s("--remove-workflow"), s("deploy_service"),
                                          s("--reviewer"), s("mallory"), s("--reason"), s("too slow")});
        QCOMPARE(asked[s("outcome")].toString(), s("awaiting_approvals"));
        QJsonObject policy = jsonOf({s("policy")}).toObject();
        QCOMPARE(policy[s("approvals_needed")].toInt(), 2);
        QCOMPARE(policy[s("high_stakes_workflows")].toArray().size(), 1);

        const QString request = QString::number(qint64(asked[s("proposal")].toDouble()));
        refused({s("approve"), request, s("--reviewer"), s("mallory"), s("--reason"), s("mine")}, "wrote proposal");
        ok({s("approve"), request, s("--reviewer"), s("bob"), s("--reason"), s("ok")});
        ok({s("approve"), request, s("--reviewer"), s("carol"), s("--reason"), s("ok")});
        policy = jsonOf({s("policy")}).toObject();
        QCOMPARE(policy[s("approvals_needed")].toInt(), 1);
        QCOMPARE(policy[s("high_stakes_workflows")].toArray().size(), 0);
        // Tightening again applies at once, and is recorded too.
        ok({s("policy"), s("--approvals"), s("2"), s("--add-workflow"), s("deploy_service"), s("--reviewer"), s("mallory")});

        const QJsonArray log = jsonOf({s("decisions")}).toArray();
        QStringList policyChanges;
        for (const QJsonValue &d : log) {
            if (d[s("decision")].toString() == QLatin1String("policy"))
                policyChanges << d[s("reviewer")].toString() + QLatin1Char(':') + d[s("text")].toString();
        }
        // Set-up, the approved loosening, the restore: each with who and what.
        QCOMPARE(policyChanges.size(), 3);
        QVERIFY2(policyChanges.at(1).contains(s("approvals 2 -> 1")), qPrintable(policyChanges.at(1)));
        QVERIFY2(policyChanges.at(2).startsWith(s("mallory:")), qPrintable(policyChanges.at(2)));
        verifyClean();
    }

    // Loosening the policy by editing the file leaves no decision behind; verify notices it.
    void aPolicyEditedOutsideReverieFailsVerify()
    {
        ok({s("policy"), s("--approvals"), s("3"), s("--reviewer"), s("ops")});
        verifyClean();
        {
            store::Workspace ws(m_ws);
            ws.db().exec("UPDATE policy SET value = '1' WHERE key = 'approvals_needed'");
        }
        const test::CliRun r = run({s("verify")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("approvals_needed is 1") && r.err.contains("changed outside Reverie"), r.err.constData());
    }

    void aPolicyChangeNeedsAName()
    {
        refused({s("policy"), s("--add-target"), m_md}, "--reviewer");
    }

    void proposeCannotSmuggleAGatedOp()
    {
        const test::CliRun r = run({s("propose"), s("--author"), s("mallory"), s("--op"), s("policy"), s("--text"), s("x")});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestApprovalGate)
#include "tst_approval_gate.moc"
