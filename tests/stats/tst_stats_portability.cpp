// Portability: success per playbook version and model, and the rules that help one model and
// hurt another, checked against values computed by hand on a generated workspace
// (PortabilityFixture.h) and on small tables in memory.

#include "core/stats/Portability.h"
#include "core/stats/VersionModelOutcomes.h"
#include "stats/PortabilityFixture.h"

#include <QTest>

#include <cmath>

using namespace reverie;

Q_DECLARE_METATYPE(std::vector<stats::RunCount>)

namespace {

// Wilson 95% by hand, e.g. 11 of 20: phat 0.55, z^2/n = 3.8416/20 = 0.19208;
// centre (0.55 + 0.09604) / 1.19208 = 0.54194; half 1.96 * sqrt(0.012375 + 0.0024010) / 1.19208
// = 0.19986; so 0.34208 .. 0.74180.
// One-sided Fisher by hand, e.g. [[8, 2], [2, 8]] (margins 10, 10, n 20):
// (C(10,8) C(10,2) + C(10,9) C(10,1) + C(10,10) C(10,0)) / C(20,10) = (2025 + 100 + 1) / 184756.
constexpr double kP8of10vs2of10 = 2126.0 / 184756.0;   // 0.011507
// [[9, 1], [3, 7]] (margins 10, 12, n 20): (C(12,9) C(8,1) + C(12,10) C(8,0)) / C(20,10)
// = (220 * 8 + 66) / 184756.
constexpr double kP9of10vs3of10 = 1826.0 / 184756.0;   // 0.0098833

const stats::RulePortability *rule(const std::vector<stats::RulePortability> &rules, const QString &id)
{
    for (const auto &r : rules)
        if (r.ruleId == id)
            return &r;
    return nullptr;
}

const stats::ModelEffect *effect(const stats::RulePortability &r, const QString &model)
{
    for (const auto &e : r.models)
        if (e.model == model)
            return &e;
    return nullptr;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-5; }

} // namespace

class TestStatsPortability : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PortabilityWorkspace> m_ws;

private Q_SLOTS:
    void initTestCase() { m_ws = std::make_unique<test::PortabilityWorkspace>(); }

    void cells_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("failures");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const QString a = test::PortabilityWorkspace::modelA(), b = test::PortabilityWorkspace::modelB();
        // 2 of 10: phat 0.2; centre (0.2 + 0.19208) / 1.38416 = 0.28327, half 0.22658.
        QTest::newRow("v0 a") << 0 << a << 10 << 2 << 8 << 0.05668 << 0.50984;
        QTest::newRow("v0 b") << 0 << b << 10 << 8 << 2 << 0.49016 << 0.94332;
        // refund 8/2 + deploy 3/7 = 11 of 20 judged, and one run without a verdict.
        QTest::newRow("v1 a") << 1 << a << 21 << 11 << 9 << 0.34208 << 0.74180;
        QTest::newRow("v1 b") << 1 << b << 20 << 5 << 15 << 0.11186 << 0.46871;
        QTest::newRow("v2 a") << 2 << a << 12 << 10 << 2 << 0.55196 << 0.95304;
        QTest::newRow("v2 b") << 2 << b << 12 << 11 << 1 << 0.64611 << 0.98514;
        // 2 of 2: phat 1; centre (1 + 0.9604) / 2.9208 = 0.67119, half 0.32882.
        QTest::newRow("v3 a") << 3 << a << 2 << 2 << 0 << 0.34237 << 1.0;
        QTest::newRow("v3 b") << 3 << b << 2 << 0 << 2 << 0.0 << 0.65763;
    }
    void cells()
    {
        QFETCH(int, version);
        QFETCH(QString, model);
        const auto all = stats::versionModelOutcomes(*m_ws->ws);
        QCOMPARE(all.size(), std::size_t(8));
        const auto it = std::find_if(all.begin(), all.end(), [&](const auto &c) { return c.version == version && c.model == model; });
        QVERIFY(it != all.end());
        QTEST(it->runs, "runs");
        QTEST(it->successes, "successes");
        QTEST(it->failures, "failures");
        QFETCH(double, low);
        QFETCH(double, high);
        QVERIFY2(near(it->rate().low, low), qPrintable(QString::number(it->rate().low, 'g', 8)));
        QVERIFY2(near(it->rate().high, high), qPrintable(QString::number(it->rate().high, 'g', 8)));
    }

    void effects_data()
    {
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("withOk");
        QTest::addColumn<int>("withFailed");
        QTest::addColumn<int>("withoutOk");
        QTest::addColumn<int>("withoutFailed");
        QTest::addColumn<double>("pHelps");
        QTest::addColumn<double>("pHurts");
        const QString a = test::PortabilityWorkspace::modelA(), b = test::PortabilityWorkspace::modelB();
        // R1 on refund_order only: version 1 against version 0 (the unjudged run does not count).
        // The other direction: 1 - (C(10,0) C(10,10) + C(10,1) C(10,9)) / C(20,10) = 1 - 101/184756.
        QTest::newRow("R1 a") << "R1" << a << 8 << 2 << 2 << 8 << kP8of10vs2of10 << 1 - 101.0 / 184756.0;
        QTest::newRow("R1 b") << "R1" << b << 2 << 8 << 8 << 2 << 1 - 101.0 / 184756.0 << kP8of10vs2of10;
        // R2 on deploy_service: version 2 against version 1, for both models.
        // Other direction: 1 - P(X >= 10 | [[3,7],[9,1]] reversed) = P(X <= 8) on [[9,1],[3,7]].
        QTest::newRow("R2 a") << "R2" << a << 9 << 1 << 3 << 7 << kP9of10vs3of10 << -1.0;
        QTest::newRow("R2 b") << "R2" << b << 9 << 1 << 3 << 7 << kP9of10vs3of10 << -1.0;
        // R3 on search_docs: 2 runs a side. [[2,0],[1,1]]: C(3,2) C(1,0) / C(4,2) = 3/6;
        // [[2,0],[0,2]]: C(2,2) C(2,0) / C(4,2) = 1/6: suggestive, not significant.
        QTest::newRow("R3 a") << "R3" << a << 2 << 0 << 1 << 1 << 0.5 << -1.0;
        QTest::newRow("R3 b") << "R3" << b << 0 << 2 << 2 << 0 << -1.0 << 1.0 / 6.0;
    }
    void effects()
    {
        QFETCH(QString, ruleId);
        QFETCH(QString, model);
        QFETCH(double, pHelps);
        QFETCH(double, pHurts);
        const auto all = stats::rulePortability(*m_ws->ws);
        QCOMPARE(all.size(), std::size_t(3));
        const stats::RulePortability *r = rule(all, ruleId);
        QVERIFY(r);
        QCOMPARE(r->models.size(), std::size_t(2));
        const stats::ModelEffect *e = effect(*r, model);
        QVERIFY(e);
        QTEST(e->withSucceeded, "withOk");
        QTEST(e->withFailed, "withFailed");
        QTEST(e->withoutSucceeded, "withoutOk");
        QTEST(e->withoutFailed, "withoutFailed");
        QCOMPARE(e->workflows, r->scope.workflows);
        if (pHelps >= 0)   // -1: only its direction matters here, checked below
            QVERIFY2(near(e->pHelps, pHelps), qPrintable(QString::number(e->pHelps, 'g', 10)));
        if (pHurts >= 0)
            QVERIFY2(near(e->pHurts, pHurts), qPrintable(QString::number(e->pHurts, 'g', 10)));
        QVERIFY(!(e->helps() && e->hurts()));
    }

    void theModelSpecificRuleIsFlaggedAndNoOther()
    {
        const auto all = stats::rulePortability(*m_ws->ws);
        const QString a = test::PortabilityWorkspace::modelA(), b = test::PortabilityWorkspace::modelB();
        const stats::RulePortability *r1 = rule(all, QStringLiteral("R1"));
        QVERIFY(r1->modelSpecific());
        QCOMPARE(r1->helped(), QStringList{a});
        QCOMPARE(r1->hurt(), QStringList{b});
        QVERIFY(r1->current);
        // Helps both: a good rule, not a model-specific one.
        const stats::RulePortability *r2 = rule(all, QStringLiteral("R2"));
        QVERIFY(!r2->modelSpecific());
        QCOMPARE(r2->helped(), (QStringList{a, b}));
        QVERIFY(r2->hurt().isEmpty());
        // The same pattern on two runs a side could be chance.
        const stats::RulePortability *r3 = rule(all, QStringLiteral("R3"));
        QVERIFY(!r3->modelSpecific());
        QVERIFY(r3->helped().isEmpty());
        QVERIFY(r3->hurt().isEmpty());

        const auto flagged = stats::modelSpecificRules(*m_ws->ws);
        QCOMPARE(flagged.size(), std::size_t(1));
        QCOMPARE(flagged.front().ruleId, QStringLiteral("R1"));
    }

    // The comparison itself, on small tables in memory.
    void compare_data()
    {
        QTest::addColumn<std::vector<stats::RunCount>>("runs");
        QTest::addColumn<QStringList>("scopeWorkflows");
        QTest::addColumn<QStringList>("scopeModels");
        QTest::addColumn<QStringList>("models");           // compared, by name
        QTest::addColumn<QStringList>("workflows");        // compared for the first model
        QTest::addColumn<int>("withOk");                   // the first model's table
        QTest::addColumn<int>("withFailed");
        QTest::addColumn<int>("withoutOk");
        QTest::addColumn<int>("withoutFailed");
        QTest::addColumn<double>("pHelps");
        const QString m = QStringLiteral("m"), x = QStringLiteral("x"), y = QStringLiteral("y");
        // The rule is in version 1. Unscoped, workflow y ran with the rule only: a different task
        // mix, left out; x compares 8/2 against 2/8.
        QTest::newRow("unscoped: workflows on both sides")
            << std::vector<stats::RunCount>{{0, m, x, 2, 8}, {1, m, x, 8, 2}, {1, m, y, 0, 10}} << QStringList{}
            << QStringList{} << QStringList{m} << QStringList{x} << 8 << 2 << 2 << 8 << kP8of10vs2of10;
        // Scoped to x and y, both count, one-sided or not: [[8,12],[2,8]] (margins 20, 10, n 30):
        // sum over k = 8..10 of C(10,k) C(20,20-k) / C(30,20)
        // = (45 * 125970 + 10 * 167960 + 1 * 184756) / 30045015 = 7533006 / 30045015 = 0.25072.
        QTest::newRow("scoped: its workflows")
            << std::vector<stats::RunCount>{{0, m, x, 2, 8}, {1, m, x, 8, 2}, {1, m, y, 0, 10}} << QStringList{x, y}
            << QStringList{} << QStringList{m} << QStringList{x, y} << 8 << 12 << 2 << 8 << 7533006.0 / 30045015.0;
        // Scoped to model m: model n never followed it and is not compared.
        QTest::newRow("scoped to a model")
            << std::vector<stats::RunCount>{{0, m, x, 2, 8}, {1, m, x, 8, 2}, {0, QStringLiteral("n"), x, 8, 2},
                                            {1, QStringLiteral("n"), x, 2, 8}}
            << QStringList{} << QStringList{m} << QStringList{m} << QStringList{x} << 8 << 2 << 2 << 8 << kP8of10vs2of10;
        // A model seen on one side only has nothing to compare.
        QTest::newRow("one side only")
            << std::vector<stats::RunCount>{{0, m, x, 2, 8}, {1, m, x, 8, 2}, {1, QStringLiteral("n"), x, 5, 5}}
            << QStringList{} << QStringList{} << QStringList{m} << QStringList{x} << 8 << 2 << 2 << 8 << kP8of10vs2of10;
    }
    void compare()
    {
        QFETCH(std::vector<stats::RunCount>, runs);
        QFETCH(QStringList, scopeWorkflows);
        QFETCH(QStringList, scopeModels);
        QFETCH(QStringList, models);
        QFETCH(QStringList, workflows);
        QFETCH(double, pHelps);
        stats::RuleVersions rv;
        rv.ruleId = QStringLiteral("R1");
        rv.scope.workflows = scopeWorkflows;
        rv.scope.models = scopeModels;
        rv.versions = {1};
        const auto out = stats::comparePortability(runs, {rv});
        QCOMPARE(out.size(), std::size_t(1));
        QStringList compared;
        for (const auto &e : out.front().models)
            compared << e.model;
        QCOMPARE(compared, models);
        const stats::ModelEffect &e = out.front().models.front();
        QCOMPARE(e.workflows, workflows);
        QTEST(e.withSucceeded, "withOk");
        QTEST(e.withFailed, "withFailed");
        QTEST(e.withoutSucceeded, "withoutOk");
        QTEST(e.withoutFailed, "withoutFailed");
        QVERIFY2(near(e.pHelps, pHelps), qPrintable(QString::number(e.pHelps, 'g', 10)));
    }
};

QTEST_GUILESS_MAIN(TestStatsPortability)
#include "tst_stats_portability.moc"
