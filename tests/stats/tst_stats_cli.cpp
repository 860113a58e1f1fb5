// `reverie regressions` and `reverie bisect` as a separate process on generated workspaces:
// the harmful version named with its proposal, numbers and undo command, that command run
// as printed (a reviewed revert, or a request when high-stakes), and the exit codes.

#include "stats/RegressionFixture.h"
#include "support/TestSupport.h"

#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cmath>

using namespace reverie;

namespace {

test::CliRun cli(const QString &ws, QStringList args)
{
    args.prepend(ws);
    args.prepend(QStringLiteral("--workspace"));
    return test::runCli(args);
}

QJsonObject json(const test::CliRun &r) { return QJsonDocument::fromJson(r.out).object(); }

// Runs an offered command exactly as printed, through a shell, with NAME filled in.
test::CliRun runOffered(QString command, const QString &reviewer)
{
    if (!command.startsWith(QLatin1String("reverie ")))
        return {};
    command.replace(0, 7, QLatin1Char('\'') + test::reverieBinary() + QLatin1Char('\''));
    command.replace(QLatin1String("--reviewer NAME"), QStringLiteral("--reviewer ") + reviewer);
    QProcess p;
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    test::CliRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

class TestStatsCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void regressionsAndBisectNameTheHarmfulVersion()
    {
        test::HarmfulVersionWorkspace fx;
        const qint64 harmful = fx.harmful;
        fx.ws.reset();   // the CLI opens the file itself

        auto r = cli(fx.path, {QStringLiteral("regressions"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 4, r.err.constData());
        const QJsonObject j = json(r);
        QCOMPARE(j[QLatin1String("current_version")].toInt(), 5);
        const QJsonArray versions = j[QLatin1String("versions")].toArray();
        QCOMPARE(versions.size(), 5);
        QVERIFY(versions.first().toObject()[QLatin1String("against_parent")].isNull());   // the import
        QCOMPARE(versions.at(1).toObject()[QLatin1String("success")].toObject()[QLatin1String("successes")].toInt(), 48);
        QVERIFY(versions.at(2).toObject()[QLatin1String("against_parent")].toObject()[QLatin1String("flagged")].toBool());
        QCOMPARE(versions.at(3).toObject()[QLatin1String("against_parent")].toObject()[QLatin1String("by_model")].toArray().size(), 2);
        const QJsonArray flagged = j[QLatin1String("regressions")].toArray();
        QCOMPARE(flagged.size(), 1);
        const QJsonObject reg = flagged.first().toObject();
        QCOMPARE(reg[QLatin1String("version")].toInt(), 3);
        QCOMPARE(reg[QLatin1String("parent")].toInt(), 2);
        // sum over x = 48..60 of C(78,x) C(42,60-x) / C(120,60), see tst_stats_regressions.
        QVERIFY(std::abs(reg[QLatin1String("p")].toDouble() - 81784453098106387.0 / 160651427025604766319.0) < 1e-12);
        const QJsonObject before = reg[QLatin1String("before")].toObject();
        QCOMPARE(before[QLatin1String("successes")].toInt(), 48);
        QCOMPARE(before[QLatin1String("runs")].toInt(), 60);
        QVERIFY(std::abs(before[QLatin1String("low")].toDouble() - 0.682180) < 1e-5);
        QCOMPARE(reg[QLatin1String("after")].toObject()[QLatin1String("successes")].toInt(), 30);
        QCOMPARE(reg[QLatin1String("by_workflow")].toArray().size(), 3);
        QCOMPARE(reg[QLatin1String("by_model")].toArray().size(), 2);
        const QJsonObject by = reg[QLatin1String("introduced_by")].toObject();
        QCOMPARE(by[QLatin1String("proposal")].toInteger(), harmful);
        QCOMPARE(by[QLatin1String("decision")].toString(), QStringLiteral("approve"));
        QCOMPARE(by[QLatin1String("reviewer")].toString(), QStringLiteral("dana"));
        QVERIFY(reg[QLatin1String("in_current")].toBool());
        const QJsonObject undo = reg[QLatin1String("undo")].toObject();
        QCOMPARE(undo[QLatin1String("kind")].toString(), QStringLiteral("revert"));
        QVERIFY(undo[QLatin1String("blocked")].isNull());
        const QString command = undo[QLatin1String("command")].toString();
        QVERIFY2(command.contains(QStringLiteral(" revert %1 --reviewer NAME --reason '").arg(harmful)), qPrintable(command));

        r = cli(fx.path, {QStringLiteral("regressions")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains("version 3 regressed") && r.out.contains(QStringLiteral("proposal #%1").arg(harmful).toUtf8())
                     && r.out.contains("skip the smoke tests") && r.out.contains(command.toUtf8()),
                 r.out.constData());

        r = cli(fx.path, {QStringLiteral("bisect"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 4);
        const QJsonObject b = json(r);
        QVERIFY(b[QLatin1String("found")].toBool());
        QCOMPARE(b[QLatin1String("version")].toInt(), 3);
        QCOMPARE(b[QLatin1String("splits")].toArray().size(), 4);
        QCOMPARE(b[QLatin1String("introduced_by")].toObject()[QLatin1String("proposal")].toInteger(), harmful);
        QVERIFY(b[QLatin1String("adjusted_p")].toDouble() < 0.05);
        r = cli(fx.path, {QStringLiteral("bisect")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.startsWith("first bad version: 3"), r.out.constData());

        // The command as printed: a reviewed revert through the ledger.
        r = runOffered(command, QStringLiteral("ops"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains(QStringLiteral("proposal %1 reverted in playbook version 6").arg(harmful).toUtf8()), r.out.constData());
        {
            store::Workspace ws(fx.path);
            const PlaybookVersion current = store::PlaybookHistory(ws).current();
            QCOMPARE(current.change, QStringLiteral("revert"));
            QCOMPARE(current.author, QStringLiteral("ops"));
            QVERIFY(current.reason.startsWith(QLatin1String("success fell from 80% under version 2 to 50% under version 3")));
        }
        // Still on record, no longer in the playbook: nothing for a script to act on.
        r = cli(fx.path, {QStringLiteral("regressions"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject afterRevert = json(r)[QLatin1String("regressions")].toArray().first().toObject();
        QVERIFY(!afterRevert[QLatin1String("in_current")].toBool());
        QCOMPARE(afterRevert[QLatin1String("undo")].toObject()[QLatin1String("kind")].toString(), QStringLiteral("none"));
        QCOMPARE(cli(fx.path, {QStringLiteral("bisect")}).exitCode, 0);
    }

    void aHighStakesRevertBecomesARequest()
    {
        test::HarmfulVersionWorkspace fx(true);
        const qint64 harmful = fx.harmful;
        fx.ws.reset();
        auto r = cli(fx.path, {QStringLiteral("regressions"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 4);
        const QString command = json(r)[QLatin1String("regressions")].toArray().first().toObject()[QLatin1String("undo")]
                                    .toObject()[QLatin1String("command")].toString();
        r = runOffered(command + QStringLiteral(" --json"), QStringLiteral("ops"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject d = json(r);
        QCOMPARE(d[QLatin1String("outcome")].toString(), QStringLiteral("awaiting_approvals"));
        QCOMPARE(d[QLatin1String("approvals_needed")].toInt(), 2);
        store::Workspace ws(fx.path);
        QCOMPARE(store::PlaybookHistory(ws).currentNumber(), 5);
        const auto pending = store::ProposalStore(ws).list(ProposalStatus::Pending);
        QVERIFY(std::any_of(pending.begin(), pending.end(),
                            [&](const Proposal &p) { return p.op == ProposalOp::Revert && p.targetRef == harmful; }));
        QCOMPARE(cli(fx.path, {QStringLiteral("regressions")}).exitCode, 4);   // still in the playbook
    }

    void aSmallSampleDipIsNotFlagged()
    {
        test::RegressionWorkspace fx;
        fx.writeRuns(1, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 4, 1);
        fx.approveRule(QStringLiteral("Log every refund in the ledger."), QStringLiteral("refund_order"));
        fx.writeRuns(2, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 2, 3);
        fx.ws.reset();
        auto r = cli(fx.path, {QStringLiteral("regressions")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("no regressions"), r.out.constData());
        r = cli(fx.path, {QStringLiteral("regressions"), QStringLiteral("--json"), QStringLiteral("--all")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = json(r);
        QVERIFY(j[QLatin1String("regressions")].toArray().isEmpty());
        // 4 of 5 to 2 of 5: (C(6,4) C(4,1) + C(6,5) C(4,0)) / C(10,5) = 66/252.
        const QJsonObject second = j[QLatin1String("versions")].toArray().at(1).toObject()[QLatin1String("against_parent")].toObject();
        QVERIFY(std::abs(second[QLatin1String("p")].toDouble() - 66.0 / 252.0) < 1e-12);
        QVERIFY(!second[QLatin1String("flagged")].toBool());
        r = cli(fx.path, {QStringLiteral("bisect"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!json(r)[QLatin1String("found")].toBool());
    }

    void helpDocumentsTheExitCodes()
    {
        const auto r = test::runCli({QStringLiteral("regressions"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("4 (found)"), r.out.constData());
        QVERIFY(test::runCli({QStringLiteral("bisect"), QStringLiteral("--help")}).out.contains("Bonferroni"));
    }
};

QTEST_GUILESS_MAIN(TestStatsCli)
#include "tst_stats_cli.moc"
