// Regressions and bisect: the comparisons against values computed by hand (exact
// hypergeometric sums, Wilson intervals), the lineage through rollbacks and reverts, and on a
// generated workspace with one planted harmful version, that exactly that version is flagged
// and named by bisect, that the undo offered is a reviewed ledger decision, and that a
// small-sample dip is not flagged.

#include "stats/RegressionFixture.h"

#include "core/stats/Bisect.h"
#include "core/stats/Regressions.h"
#include "core/stats/VersionLineage.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"

#include <QTest>

#include <cmath>

using namespace reverie;

namespace {

bool near(double a, double b, double tolerance = 1e-9) { return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b)); }

stats::VersionNode node(int number, int parent, const char *change, int restores = 0, int undoes = 0)
{
    stats::VersionNode v;
    v.number = number;
    v.parent = parent;
    v.change = QLatin1String(change);
    v.restores = restores;
    v.undoes = undoes;
    return v;
}

stats::OutcomeCell cell(int version, int successes, int failures, const char *workflow = "w")
{
    stats::OutcomeCell c;
    c.version = version;
    c.workflow = QLatin1String(workflow);
    c.model = QStringLiteral("m");
    c.successes = successes;
    c.failures = failures;
    return c;
}

// 1 import, 2 and 3 approved, 4 rolls back to 2, 5 approved, 6 reverts 5's change.
std::vector<stats::VersionNode> branchyHistory()
{
    return {node(1, 0, "import"), node(2, 1, "approve"), node(3, 2, "approve"), node(4, 3, "rollback", 2),
            node(5, 4, "approve"), node(6, 5, "revert", 0, 5)};
}

} // namespace

class TestStatsRegressions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void comparison_data()
    {
        QTest::addColumn<int>("beforeK");
        QTest::addColumn<int>("beforeN");
        QTest::addColumn<int>("afterK");
        QTest::addColumn<int>("afterN");
        QTest::addColumn<double>("p");
        // The table is [[4, 1], [2, 3]]: margins row 5, column 6, total 10. At least as extreme:
        // 4 or 5 successes before. (C(6,4) C(4,1) + C(6,5) C(4,0)) / C(10,5) = (60 + 6) / 252.
        QTest::newRow("small dip, 4 of 5 to 2 of 5") << 4 << 5 << 2 << 5 << 66.0 / 252.0;
        // [[8, 2], [5, 5]]: (C(13,8) C(7,2) + C(13,9) C(7,1) + C(13,10) C(7,0)) / C(20,10)
        // = (1287 * 21 + 715 * 7 + 286) / 184756 = 32318 / 184756.
        QTest::newRow("8 of 10 to 5 of 10") << 8 << 10 << 5 << 10 << 32318.0 / 184756.0;
        // [[5, 0], [0, 5]]: the one most extreme table, 1 / C(10,5).
        QTest::newRow("all to none") << 5 << 5 << 0 << 5 << 1.0 / 252.0;
        // Success rose: [[2, 3], [4, 1]], p = 1 - P(1 success before) = 1 - C(6,1) C(4,4) / 252.
        QTest::newRow("an improvement") << 2 << 5 << 4 << 5 << 246.0 / 252.0;
        // The planted harm, 48 of 60 to 30 of 60: sum over x = 48..60 of C(78,x) C(42,60-x) / C(120,60)
        // = 81784453098106387 / 160651427025604766319 (exact rational arithmetic).
        QTest::newRow("planted harm") << 48 << 60 << 30 << 60 << 81784453098106387.0 / 160651427025604766319.0;
        QTest::newRow("nothing after") << 8 << 10 << 0 << 0 << 1.0;
    }
    void comparison()
    {
        QFETCH(int, beforeK);
        QFETCH(int, beforeN);
        QFETCH(int, afterK);
        QFETCH(int, afterN);
        QFETCH(double, p);
        const stats::RateComparison c = stats::compareRates(stats::rateOf(beforeK, beforeN), stats::rateOf(afterK, afterN));
        QVERIFY2(near(c.p, p), qPrintable(QString::number(c.p, 'g', 12)));
    }

    void wilson_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // z = 1.96, z^2 = 3.8416. 48 of 60: centre (0.8 + 3.8416/120) / (1 + 3.8416/60) = 0.781948;
        // half 1.96 * sqrt(0.16/60 + 3.8416/14400) / 1.064027 = 0.099768.
        QTest::newRow("48 of 60") << 48 << 60 << 0.682180 << 0.881716;
        // 30 of 60: centre 0.5; half 1.96 * sqrt(0.25/60 + 3.8416/14400) / 1.064027 = 0.122652.
        QTest::newRow("30 of 60") << 30 << 60 << 0.377348 << 0.622652;
    }
    void wilson()
    {
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(double, low);
        QFETCH(double, high);
        const stats::Rate r = stats::rateOf(k, n);
        QVERIFY2(std::abs(r.low - low) < 1e-5, qPrintable(QString::number(r.low, 'g', 8)));
        QVERIFY2(std::abs(r.high - high) < 1e-5, qPrintable(QString::number(r.high, 'g', 8)));
    }

    void lineage_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("change");
        QTest::addColumn<bool>("carries");
        QTest::newRow("a version carries its own change") << 3 << 3 << true;
        QTest::newRow("and its ancestors'") << 3 << 2 << true;
        QTest::newRow("a rollback to 2 drops 3") << 4 << 3 << false;
        QTest::newRow("but keeps 2") << 4 << 2 << true;
        QTest::newRow("after the rollback, 3 stays out") << 5 << 3 << false;
        QTest::newRow("a revert of 5 drops it") << 6 << 5 << false;
        QTest::newRow("and keeps the rollback") << 6 << 4 << true;
        QTest::newRow("nothing carries a later change") << 2 << 3 << false;
    }
    void lineage()
    {
        QFETCH(int, version);
        QFETCH(int, change);
        QFETCH(bool, carries);
        QCOMPARE(stats::VersionLineage(branchyHistory()).carries(version, change), carries);
    }

    void bisectSeesThroughARollback()
    {
        // Version 3 is harmful (80% to 50%); 4 rolls back to 2, and success recovers. Version 4
        // carries {1, 2, 4}, 5 carries {1, 2, 4, 5}, 6 reverts 5: {1, 2, 4, 6}. The splits
        // (without the change against with it, one workflow):
        //   k=2: {1} 16/20 against {2,3,4,5,6} 74/100
        //   k=3: {1,2,4,5,6} 80/100 against {3} 10/20: the smallest p
        //   k=4: {1,2,3} 42/60 against {4,5,6} 48/60, success rose
        //   k=5, k=6: 74/100 against 16/20, success rose
        // A split by version number alone (k=3: {1,2} against {3,4,5,6}) would blur the harm.
        stats::VersionOutcomes o;
        o.versions = branchyHistory();
        o.cells = {cell(1, 16, 4), cell(2, 16, 4), cell(3, 10, 10), cell(4, 16, 4), cell(5, 16, 4), cell(6, 16, 4)};
        const stats::BisectResult r = stats::bisect(o);
        QCOMPARE(r.splits.size(), std::size_t(5));
        QVERIFY(r.found);
        QCOMPARE(r.best.version, 3);
        QCOMPARE(r.best.comparison.before.k, 80);
        QCOMPARE(r.best.comparison.before.n, 100);
        QCOMPARE(r.best.comparison.after.k, 10);
        QVERIFY(near(r.best.comparison.p, stats::fisherOneSided(80, 20, 10, 10)));
        QVERIFY(near(r.adjustedP, 5 * r.best.comparison.p));
        QVERIFY(!r.inCurrent);   // the rollback took it out
        QCOMPARE(r.undo.kind, stats::Undo::Kind::None);
    }

    void regressionComparesSharedWorkflowsOnly()
    {
        // Version 2 adds a workflow that fails a lot; on the workflow both ran nothing changed.
        stats::VersionOutcomes o;
        o.versions = {node(1, 0, "import"), node(2, 1, "approve")};
        o.cells = {cell(1, 16, 4, "a"), cell(2, 16, 4, "a"), cell(2, 0, 20, "b")};
        const std::vector<stats::Regression> all = stats::compareWithParents(o);
        QCOMPARE(all.size(), std::size_t(1));
        QCOMPARE(all.front().workflows, QStringList{QStringLiteral("a")});
        QVERIFY(!all.front().flagged);
        QCOMPARE(all.front().total.after.n, 20);
    }

    void flagsExactlyTheHarmfulVersion()
    {
        test::HarmfulVersionWorkspace fx;
        const stats::VersionOutcomes o = stats::loadVersionOutcomes(*fx.ws);
        QCOMPARE(o.currentNumber(), 5);
        QCOMPARE(stats::compareWithParents(o).size(), std::size_t(4));
        const std::vector<stats::Regression> flagged = stats::findRegressions(o);
        QCOMPARE(flagged.size(), std::size_t(1));
        const stats::Regression &r = flagged.front();
        QCOMPARE(r.version, 3);
        QCOMPARE(r.parent, 2);
        QCOMPARE(r.workflows.size(), 3);
        QCOMPARE(r.total.before.k, 48);
        QCOMPARE(r.total.after.k, 30);
        QVERIFY(near(r.total.p, 81784453098106387.0 / 160651427025604766319.0));
        QCOMPARE(r.byWorkflow.size(), std::size_t(3));
        QCOMPARE(r.byModel.size(), std::size_t(2));
        QCOMPARE(r.change.proposalId, fx.harmful);
        QCOMPARE(r.change.decision, QStringLiteral("approve"));
        QCOMPARE(r.change.reviewer, QStringLiteral("dana"));
        QVERIFY(r.change.text.contains(QLatin1String("skip the smoke tests")));
        QVERIFY(r.inCurrent);
        QCOMPARE(r.undo.kind, stats::Undo::Kind::Revert);
        QCOMPARE(r.undo.proposal, fx.harmful);

        // Bisect: {1,2} 96/120 against {3,4,5} 90/180 is the smallest of four splits.
        const stats::BisectResult b = stats::bisect(o);
        QVERIFY(b.found);
        QCOMPARE(b.best.version, 3);
        QCOMPARE(b.splits.size(), std::size_t(4));
        QVERIFY(near(b.best.comparison.p, stats::fisherOneSided(96, 24, 90, 90)));
        QVERIFY(near(b.adjustedP, 4 * b.best.comparison.p));
        QCOMPARE(b.change.proposalId, fx.harmful);
        QCOMPARE(b.undo.proposal, fx.harmful);
    }

    void theOfferedRevertIsAReviewedDecision()
    {
        test::HarmfulVersionWorkspace fx;
        const stats::Regression r = stats::findRegressions(stats::loadVersionOutcomes(*fx.ws)).front();
        const review::DecisionResult d = review::Ledger(*fx.ws).revert(r.undo.proposal, QStringLiteral("ops"),
                                                                        QStringLiteral("regressed"));
        QCOMPARE(d.outcome, review::DecisionResult::Outcome::Applied);
        const PlaybookVersion current = store::PlaybookHistory(*fx.ws).current();
        QCOMPARE(current.change, QStringLiteral("revert"));
        QCOMPARE(current.proposalId, fx.harmful);
        QCOMPARE(store::ProposalStore(*fx.ws).get(fx.harmful)->status, ProposalStatus::Reverted);

        // Still in the record, but no longer in the playbook, and nothing left to undo.
        const stats::VersionOutcomes after = stats::loadVersionOutcomes(*fx.ws);
        QCOMPARE(after.version(6)->undoes, 3);
        const std::vector<stats::Regression> flagged = stats::findRegressions(after);
        QCOMPARE(flagged.size(), std::size_t(1));
        QVERIFY(!flagged.front().inCurrent);
        QCOMPARE(flagged.front().undo.kind, stats::Undo::Kind::None);
        QVERIFY(!stats::bisect(after).inCurrent);
    }

    void aHighStakesRevertWaitsForApprovers()
    {
        test::HarmfulVersionWorkspace fx(true);
        const stats::Regression r = stats::findRegressions(stats::loadVersionOutcomes(*fx.ws)).front();
        QCOMPARE(r.version, 3);
        QCOMPARE(r.undo.kind, stats::Undo::Kind::Revert);
        const review::DecisionResult d = review::Ledger(*fx.ws).revert(r.undo.proposal, QStringLiteral("ops"),
                                                                        QStringLiteral("regressed"));
        QCOMPARE(d.outcome, review::DecisionResult::Outcome::AwaitingApprovals);
        QCOMPARE(d.approvalsNeeded, 2);
        QCOMPARE(store::PlaybookHistory(*fx.ws).currentNumber(), 5);
        QVERIFY(stats::findRegressions(stats::loadVersionOutcomes(*fx.ws)).front().inCurrent);
    }

    void aRollbackTakesTheChangeOut()
    {
        test::HarmfulVersionWorkspace fx;
        review::Ledger(*fx.ws).rollback(2, QStringLiteral("ops"), QStringLiteral("back to before the harm"));
        fx.writeVersionRuns(6, 60, 48, 16);
        const stats::VersionOutcomes o = stats::loadVersionOutcomes(*fx.ws);
        QCOMPARE(o.version(6)->restores, 2);
        const std::vector<stats::Regression> flagged = stats::findRegressions(o);
        QCOMPARE(flagged.size(), std::size_t(1));
        QCOMPARE(flagged.front().version, 3);
        QVERIFY(!flagged.front().inCurrent);
        // Version 6's runs count before the change: {1,2,6} 144/180 against {3,4,5} 90/180.
        const stats::BisectResult b = stats::bisect(o);
        QCOMPARE(b.best.version, 3);
        QCOMPARE(b.best.comparison.before.n, 180);
        QVERIFY(b.found && !b.inCurrent);
    }

    void aSmallSampleDipIsNotFlagged()
    {
        test::RegressionWorkspace fx;
        fx.writeRuns(1, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 4, 1);
        fx.approveRule(QStringLiteral("Log every refund in the ledger."), QStringLiteral("refund_order"));
        fx.writeRuns(2, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 2, 3);
        const stats::VersionOutcomes o = stats::loadVersionOutcomes(*fx.ws);
        const std::vector<stats::Regression> all = stats::compareWithParents(o);
        QCOMPARE(all.size(), std::size_t(1));
        QVERIFY(!all.front().flagged);
        QVERIFY(near(all.front().total.p, 66.0 / 252.0));   // 80% to 40%, but of five runs each
        QVERIFY(stats::findRegressions(o).empty());
        const stats::BisectResult b = stats::bisect(o);
        QVERIFY(!b.found);
        QCOMPARE(b.splits.size(), std::size_t(1));
    }

    void runsWithoutAVerdictOrAKnownVersionAreLeftOut()
    {
        test::RegressionWorkspace fx;
        fx.writeRuns(1, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 4, 1);
        fx.writeRuns(1, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 0, 7, Verdict::Unknown);
        fx.writeRuns(0, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 0, 9);    // no version recorded
        fx.writeRuns(42, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 0, 9);   // not this workspace's
        const stats::VersionOutcomes o = stats::loadVersionOutcomes(*fx.ws);
        QCOMPARE(o.cells.size(), std::size_t(1));
        QCOMPARE(o.rateOfVersion(1).n, 5);
    }
};

QTEST_GUILESS_MAIN(TestStatsRegressions)
#include "tst_stats_regressions.moc"
