// The version x model heat map: the grid and colour maths as plain code, the table model under
// QAbstractItemModelTester (plain text, escaped tooltips), and the view reading a generated
// workspace on its worker: cells, muted cells, the model-specific rule, the keyboard, painting.

#include "stats/PortabilityFixture.h"
#include "ui/charts/HeatMapData.h"
#include "ui/charts/OutcomeCharts.h"
#include "ui/charts/PortabilityModel.h"
#include "ui/charts/PortabilityView.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace reverie;

namespace {
stats::VersionModelCell cell(int version, const char *model, int successes, int failures, int unknown = 0)
{
    stats::VersionModelCell c;
    c.version = version;
    c.model = QString::fromUtf8(model);
    c.successes = successes;
    c.failures = failures;
    c.runs = successes + failures + unknown;
    return c;
}
} // namespace

class TestHeatMap : public QObject {
    Q_OBJECT
private:
    QTranslator m_english;

private Q_SLOTS:
    void initTestCase()
    {
        // As the application does: English plural forms ("21 runs") come from reverie_en.
        QVERIFY(m_english.load(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral("reverie"),
                               QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&m_english);
    }

    void gridHasEveryVersionAndModel()
    {
        const auto grid = ui::charts::heatGrid({cell(2, "b", 1, 0), cell(0, "a", 1, 1), cell(2, "a", 3, 0)});
        QCOMPARE(grid.versions, (std::vector<int>{0, 2}));
        QCOMPARE(grid.models, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(grid.at(1, 0)->successes, 3);
        QCOMPARE(grid.at(0, 1)->runs, 0);   // b never ran without a playbook: an empty cell
        QCOMPARE(grid.at(0, 1)->version, 0);
        QCOMPARE(grid.at(0, 1)->model, QStringLiteral("b"));
        QVERIFY(!grid.at(2, 0));
    }

    void colours_data()
    {
        QTest::addColumn<double>("rate");
        QTest::addColumn<int>("judged");
        QTest::addColumn<QColor>("colour");
        QTest::newRow("0%") << 0.0 << 20 << QColor(0xc6, 0x28, 0x28);
        QTest::newRow("50%") << 0.5 << 20 << QColor(0xf9, 0xa8, 0x25);
        QTest::newRow("100%") << 1.0 << 20 << QColor(0x2e, 0x7d, 0x32);
        // Halfway from red to amber: (198 + 249) / 2 = 223.5, (40 + 168) / 2 = 104, (40 + 37) / 2 = 38.5.
        QTest::newRow("25%") << 0.25 << 20 << QColor(224, 104, 39);
        // Few runs: amber 70% of the way to white: 249 + 6 * 0.7, 168 + 87 * 0.7, 37 + 218 * 0.7.
        QTest::newRow("50% of 4") << 0.5 << 4 << QColor(253, 229, 190);
        QTest::newRow("no verdict") << 0.0 << 0 << QColor();
    }
    void colours()
    {
        QFETCH(double, rate);
        QFETCH(int, judged);
        QFETCH(QColor, colour);
        QCOMPARE(ui::charts::heatColour(rate, judged), colour);
        QCOMPARE(ui::charts::isFewRuns(judged), judged < ui::charts::kFewRuns);
    }

    void readableText()
    {
        QCOMPARE(ui::charts::textColourOn(QColor(0xc6, 0x28, 0x28)), QColor(Qt::white));
        QCOMPARE(ui::charts::textColourOn(QColor(0xf9, 0xa8, 0x25)), QColor(0x20, 0x20, 0x20));
    }

    void modelRolesArePlainText()
    {
        ui::PortabilityModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // 11 of 20 with a verdict, 21 runs: 55%, Wilson 34.2..74.2%.
        model.setCells({cell(1, "<b>evil</b> model", 11, 9, 1), cell(0, "plain", 2, 0)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("<b>evil</b> model"));
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("no playbook"));
        QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("v1"));
        const QModelIndex evil = model.index(1, 0);
        QCOMPARE(evil.data().toString(), QStringLiteral("55%\n21 runs\n34–74%"));
        QCOMPARE(evil.data(ui::PortabilityModel::RunsRole).toInt(), 21);
        QCOMPARE(evil.data(ui::PortabilityModel::JudgedRole).toInt(), 20);
        QCOMPARE(evil.data(ui::PortabilityModel::RateRole).toDouble(), 0.55);
        QVERIFY(!evil.data(ui::PortabilityModel::FewRunsRole).toBool());
        const QString tip = evil.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("&lt;b&gt;evil&lt;/b&gt; model under v1: 11 succeeded, 9 failed of 21 runs")),
                 qPrintable(tip));
        QVERIFY(!tip.contains(QLatin1String("<b>")));
        // The model never ran under version 0: an empty cell, no colour, no rate.
        const QModelIndex empty = model.index(0, 0);
        QCOMPARE(empty.data().toString(), QStringLiteral("–\nno runs"));
        QVERIFY(!empty.data(ui::PortabilityModel::RateRole).isValid());
        QVERIFY(!empty.data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(0, 1).data(ui::PortabilityModel::FewRunsRole).toBool());   // 2 runs
    }

    void viewReadsTheWorkspaceAndFlagsTheRule()
    {
        test::PortabilityWorkspace fx;
        fx.ws.reset();
        ui::PortabilityView view;
        view.resize(700, 500);
        QSignalSpy loaded(&view, &ui::PortabilityView::loaded);
        view.setWorkspacePath(fx.path);
        view.reload();
        QVERIFY(loaded.wait(20000));

        ui::PortabilityModel *model = view.model();
        QCOMPARE(model->rowCount(), 4);      // versions 0..3
        QCOMPARE(model->columnCount(), 2);   // model-a, model-b
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("55%\n21 runs\n34–74%"));
        QVERIFY(!model->index(1, 0).data(ui::PortabilityModel::FewRunsRole).toBool());
        QCOMPARE(model->index(3, 1).data().toString(), QStringLiteral("0%\n2 runs\n0–66%"));
        QVERIFY(model->index(3, 1).data(ui::PortabilityModel::FewRunsRole).toBool());

        QCOMPARE(view.flaggedList()->count(), 1);
        const QString line = view.flaggedList()->item(0)->text();
        QVERIFY2(line.startsWith(QStringLiteral("R1 helps model-a (20% → 80%), hurts model-b (80% → 20%): In refund_order")),
                 qPrintable(line));
        QCOMPARE(view.flaggedList()->item(0)->data(Qt::UserRole).toString(), QStringLiteral("R1"));
        QVERIFY(view.flaggedNote()->text().contains(QLatin1String("1 rule")));
        QCOMPARE(view.flaggedNote()->textFormat(), Qt::PlainText);

        // The keyboard walks the cells.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTableView *table = view.table();
        table->setFocus();
        table->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(table, Qt::Key_Right);
        QCOMPARE(table->currentIndex(), model->index(0, 1));
        QTest::keyClick(table, Qt::Key_Down);
        QCOMPARE(table->currentIndex(), model->index(1, 1));

        QVERIFY(!view.grab().toImage().isNull());
        // The cell's corner holds its fill: 55% is amber a tenth of the way to green,
        // (249 + (46 - 249) * 0.1, 168 + (125 - 168) * 0.1, 37 + (50 - 37) * 0.1).
        const QImage cells = table->viewport()->grab().toImage();
        const QPoint corner = table->visualRect(model->index(1, 0)).topLeft() + QPoint(3, 3);
        QCOMPARE(cells.pixelColor(corner * cells.devicePixelRatio()), QColor(229, 164, 38));

        // Another workspace empties the map until it is read.
        view.setWorkspacePath(QString());
        QCOMPARE(model->rowCount(), 0);
    }

    void theStatsTabHoldsTheHeatMap()
    {
        test::PortabilityWorkspace fx;
        fx.ws.reset();
        ui::OutcomeCharts charts;
        QVERIFY(charts.portabilityView());
        QSignalSpy loaded(charts.portabilityView(), &ui::PortabilityView::loaded);
        charts.setWorkspacePath(fx.path);
        charts.setData({}, {}, {});   // as the history page does after every read
        QVERIFY(loaded.wait(20000));
        QCOMPARE(charts.portabilityView()->model()->rowCount(), 4);
    }
};

QTEST_MAIN(TestHeatMap)
#include "tst_heat_map.moc"
