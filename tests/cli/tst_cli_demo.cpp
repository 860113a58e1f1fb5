// `reverie demo`: the demo workspace the desktop app builds on first start, built headless and
// read back through the CLI. It must tell the whole story: runs under version 0, a dream pass,
// an approved rule (version 1), runs under it that fail less, and a high-stakes workflow whose
// pending proposal waits for two approvers.

#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {
const QString kRule = QStringLiteral("In deploy_service, run run_tests before deploy.");
}

class TestCliDemo : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;

    test::CliRun cli(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(QStringLiteral("--workspace"));
        return test::runCli(args);
    }
    QJsonDocument json(QStringList args)
    {
        args << QStringLiteral("--json");
        const auto r = cli(args);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("demo.reverie"));
        const QJsonObject built = json({QStringLiteral("demo")}).object();
        QCOMPARE(built[QLatin1String("workspace")].toString(), m_ws);
        QCOMPARE(built[QLatin1String("runs")].toInt(), 38 + 14);
        QCOMPARE(built[QLatin1String("version")].toInt(), 1);
        QCOMPARE(built[QLatin1String("approved_rule")].toString(), kRule);
        QVERIFY(built[QLatin1String("pending_proposals")].toInt() >= 1);
    }

    void statsShowVersionOneFailingLess()
    {
        const QJsonArray rows = json({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("version")}).array();
        QCOMPARE(rows.size(), 2);
        const QJsonObject before = rows.at(0).toObject();
        const QJsonObject after = rows.at(1).toObject();
        QCOMPARE(before[QLatin1String("version")].toString(), QStringLiteral("0"));
        QCOMPARE(after[QLatin1String("version")].toString(), QStringLiteral("1"));
        QCOMPARE(before[QLatin1String("runs")].toInt(), 38);
        QCOMPARE(after[QLatin1String("runs")].toInt(), 14);
        const double rateBefore = before[QLatin1String("success_rate")].toDouble();
        const double rateAfter = after[QLatin1String("success_rate")].toDouble();
        QVERIFY2(rateAfter - rateBefore >= 0.2, qPrintable(QStringLiteral("%1 -> %2").arg(rateBefore).arg(rateAfter)));
    }

    void versionOneHoldsTheApprovedRuleFromADream()
    {
        const QJsonObject playbook =
            QJsonDocument::fromJson(cli({QStringLiteral("playbook"), QStringLiteral("--format"), QStringLiteral("json")}).out)
                .object();
        QCOMPARE(playbook[QLatin1String("version")].toInt(), 1);
        const QJsonArray rules = playbook[QLatin1String("rules")].toArray();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.first().toObject()[QLatin1String("text")].toString(), kRule);

        // Approved by a named reviewer, from a proposal the dream pass made.
        const QJsonArray history = json({QStringLiteral("history")}).array();
        QCOMPARE(history.size(), 1);
        const QJsonObject v1 = history.first().toObject();
        QCOMPARE(v1[QLatin1String("change")].toString(), QStringLiteral("approve"));
        QCOMPARE(v1[QLatin1String("author")].toString(), QStringLiteral("demo"));
        const QJsonArray approved =
            json({QStringLiteral("proposals"), QStringLiteral("--status"), QStringLiteral("approved")}).array();
        QCOMPARE(approved.size(), 1);
        QCOMPARE(approved.first().toObject()[QLatin1String("id")].toInteger(), v1[QLatin1String("proposal")].toInteger());
        QCOMPARE(approved.first().toObject()[QLatin1String("author")].toString(), QStringLiteral("offline"));
    }

    void policyMarksRefundsHighStakes()
    {
        const QJsonObject policy = json({QStringLiteral("policy")}).object();
        QCOMPARE(policy[QLatin1String("high_stakes_workflows")].toArray(), QJsonArray{QStringLiteral("refund_order")});
        QCOMPARE(policy[QLatin1String("approvals_needed")].toInt(), 2);
    }

    void verifyIsClean()
    {
        const QJsonObject verified = json({QStringLiteral("verify")}).object();
        QCOMPARE(verified[QLatin1String("ok")].toBool(), true);
        QCOMPARE(verified[QLatin1String("problems")].toArray().size(), 0);
    }

    void aSecondBuildIsRefusedInOneLine()
    {
        const auto r = cli({QStringLiteral("demo")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("already holds runs or decisions"), r.err.constData());
        QCOMPARE(json({QStringLiteral("history")}).array().size(), 1);   // nothing was added
    }

    // Last: it adds an approval. The pending refund proposal meets the two-approver gate.
    void thePendingRefundRuleNeedsTwoApprovers()
    {
        qint64 refund = 0;
        const QJsonArray pending =
            json({QStringLiteral("proposals"), QStringLiteral("--status"), QStringLiteral("pending")}).array();
        for (const QJsonValue &v : pending) {
            const QJsonObject p = v.toObject();
            if (p[QLatin1String("stakes")].toString() == QLatin1String("high")
                && p[QLatin1String("scope")].toObject()[QLatin1String("workflows")].toArray()
                       == QJsonArray{QStringLiteral("refund_order")})
                refund = p[QLatin1String("id")].toInteger();
        }
        QVERIFY(refund > 0);
        const auto first = cli({QStringLiteral("approve"), QString::number(refund), QStringLiteral("--reviewer"),
                                QStringLiteral("lee"), QStringLiteral("--reason"), QStringLiteral("forced refunds fail")});
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains("1 of 2 approvals"), first.out.constData());
        QCOMPARE(json({QStringLiteral("history")}).array().size(), 1);   // still version 1
    }
};

QTEST_GUILESS_MAIN(TestCliDemo)
#include "tst_cli_demo.moc"
