// The outcome charts: what the bars hold, escaped labels (QtCharts renders labels as rich
// text), and a chart that paints.

#include "ui/charts/ChartData.h"
#include "ui/charts/OutcomeCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QSet>
#include <QTest>

using namespace reverie;

namespace {
store::OutcomeRow row(const char *key, int successes, int failures, int unknown = 0)
{
    store::OutcomeRow r;
    r.key = QString::fromUtf8(key);
    r.successes = successes;
    r.failures = failures;
    r.unknown = unknown;
    r.runs = successes + failures + unknown;
    return r;
}
} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rateBarsPerVersionAndModel()
    {
        const auto bars = ui::charts::rateBars({row("0", 1, 3), row("1", 3, 1), row("2", 0, 0, 4)}, ui::charts::RateKey::Version);
        QCOMPARE(bars.categories.size(), 3);
        QVERIFY(bars.categories[0].startsWith(QLatin1String("no playbook")));
        QVERIFY2(bars.categories[1].startsWith(QLatin1String("v1 (4 run")), qPrintable(bars.categories[1]));
        QVERIFY(bars.categories[2].contains(QLatin1String("no verdicts")));
        QCOMPARE(bars.percent[0], 25.0);
        QCOMPARE(bars.percent[1], 75.0);
        QCOMPARE(bars.percent[2], 0.0);
        QCOMPARE(bars.judged[2], 0);

        const auto models = ui::charts::rateBars({row("<b>evil</b> model", 1, 1)}, ui::charts::RateKey::Model);
        QVERIFY2(models.categories[0].startsWith(QLatin1String("&lt;b&gt;evil&lt;/b&gt; model")), qPrintable(models.categories[0]));
    }

    void ruleBarsCurrentFirstAndBounded()
    {
        std::vector<store::RuleOutcome> rules;
        for (int i = 0; i < 20; ++i)
            rules.push_back({QStringLiteral("R%1").arg(i), QStringLiteral("<i>rule %1</i>").arg(i), i % 2 == 0, i, 20 - i});
        const auto bars = ui::charts::ruleBars(rules, 6);
        QCOMPARE(bars.categories.size(), 6);
        QCOMPARE(bars.categories[0], QStringLiteral("R0"));
        QVERIFY(!bars.categories.join(QLatin1Char(' ')).contains(QLatin1String("retired")));   // current rules first
        QCOMPARE(bars.texts[0], QStringLiteral("<i>rule 0</i>"));
        const auto all = ui::charts::ruleBars(rules, 100);
        QCOMPARE(all.categories.size(), 20);
        QVERIFY(all.categories.last().contains(QLatin1String("(retired)")));
    }

    void chartsShowTheDataAndPaint()
    {
        ui::OutcomeCharts charts;
        charts.resize(900, 500);
        charts.setData({row("1", 3, 1), row("2", 5, 0)}, {row("claude-sonnet-4", 6, 1), row("gpt-4o", 2, 2)},
                       {{QStringLiteral("R1"), QStringLiteral("Confirm the order id."), true, 4, 1}});
        auto *series = qobject_cast<QBarSeries *>(charts.versionChart()->chart()->series().value(0));
        QVERIFY(series);
        QCOMPARE(series->count(), 1);
        QCOMPARE(series->barSets().first()->at(1), 100.0);
        const auto axes = charts.modelChart()->chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto *categories = qobject_cast<QBarCategoryAxis *>(axes.first());
        QVERIFY(categories);
        QCOMPARE(categories->count(), 2);
        QCOMPARE(charts.ruleChart()->chart()->series().size(), 1);
        // Empty data clears the charts and says why.
        charts.setData({}, {}, {});
        QVERIFY(charts.versionChart()->chart()->series().isEmpty());
        QVERIFY(!charts.versionChart()->chart()->title().isEmpty());

        charts.setData({row("1", 3, 1), row("2", 5, 0)}, {}, {});
        charts.show();
        QVERIFY(QTest::qWaitForWindowExposed(&charts));
        const QImage shot = charts.versionChart()->grab().toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 4)
            for (int x = 0; x < shot.width(); x += 4)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 6, "the chart rendered blank");
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
