// The timeline's coordinate maths and step placement, without a widget.

#include "core/model/Step.h"
#include "core/store/TimelineQueries.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelineGeometry.h"
#include "ui/timeline/TimelinePainter.h"

#include <QTest>

#include <cmath>

using namespace reverie;
using ui::IndexRange;
using ui::TimelineData;
using ui::TimelineGeometry;

Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<qint64>)
Q_DECLARE_METATYPE(std::vector<int>)

namespace {

// A plot 1000 px wide right of a 100 px gutter, no padding, so value v sits at 100 + v * scale.
TimelineGeometry plainGeometry(double extentEnd = 1000)
{
    TimelineGeometry g;
    g.gutter = 100;
    g.padding = 0;
    g.axisHeight = 20;
    g.laneHeight = 10;
    g.setWidth(1100);
    g.setMaxScale(100);
    g.setExtent(0, extentEnd);
    return g;
}

store::StepColumns columns(const std::vector<qint64> &ts, const std::vector<int> &kinds = {},
                           const std::vector<qint64> &durations = {})
{
    store::StepColumns c;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        c.ids.push_back(qint64(100 + i));
        c.seqs.push_back(int(i));
        c.timestamps.push_back(ts[i]);
        c.durations.push_back(i < durations.size() ? durations[i] : -1);
        c.kinds.push_back(quint8(i < kinds.size() ? kinds[i] : int(StepKind::Message)));
        c.errors.push_back(0);
        c.tools.push_back(0);
    }
    return c;
}

} // namespace

class TestTimelineGeometry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valueAndPixelRoundTrip_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("x");
        QTest::newRow("start") << 0.0 << 100.0;
        QTest::newRow("middle") << 500.0 << 600.0;
        QTest::newRow("end") << 1000.0 << 1100.0;
        QTest::newRow("left of the view") << -50.0 << 50.0;
    }
    void valueAndPixelRoundTrip()
    {
        QFETCH(double, value);
        QFETCH(double, x);
        const TimelineGeometry g = plainGeometry();
        QCOMPARE(g.scale(), 1.0);
        QCOMPARE(g.xForValue(value), x);
        QCOMPARE(g.valueForX(x), value);
    }

    void fitShowsTheWholeExtent_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("width");
        QTest::newRow("short") << 0.0 << 10.0 << 500.0;
        QTest::newRow("offset") << 1000.0 << 250000.0 << 1400.0;
        QTest::newRow("one point") << 5.0 << 5.0 << 800.0;
        QTest::newRow("hundred thousand steps") << 0.0 << 99999.8 << 1200.0;
    }
    void fitShowsTheWholeExtent()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, width);
        TimelineGeometry g;
        g.setWidth(width);
        g.setExtent(start, end);
        QVERIFY(g.isFitted());
        QVERIFY(g.xForValue(start) >= g.gutter);
        QVERIFY(g.xForValue(end) <= g.width() + 1e-6);
        QVERIFY(std::abs(g.xForValue(start) - (g.gutter + g.padding)) < 1e-6);
    }

    void zoomKeepsTheValueUnderThePointer_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("x");
        QTest::newRow("in at the middle") << 4.0 << 600.0;
        QTest::newRow("in near the left") << 2.0 << 130.0;
        QTest::newRow("in near the right") << 8.0 << 1050.0;
        QTest::newRow("deep") << 50.0 << 400.0;
    }
    void zoomKeepsTheValueUnderThePointer()
    {
        QFETCH(double, factor);
        QFETCH(double, x);
        TimelineGeometry g = plainGeometry();
        const double before = g.valueForX(x);
        g.zoomAbout(factor, x);
        QCOMPARE(g.scale(), factor);
        QVERIFY(std::abs(g.valueForX(x) - before) < 1e-9);
        // Zooming back out restores the fitted view.
        g.zoomAbout(1 / factor, x);
        QVERIFY(g.isFitted());
        QVERIFY(std::abs(g.viewStart()) < 1e-9);
    }

    void zoomIsClamped_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("expectedScale");
        QTest::newRow("not past the maximum") << 1e6 << 100.0;
        QTest::newRow("not below fitted") << 1e-6 << 1.0;
    }
    void zoomIsClamped()
    {
        QFETCH(double, factor);
        QFETCH(double, expectedScale);
        TimelineGeometry g = plainGeometry();
        g.zoomAbout(factor, 600);
        QCOMPARE(g.scale(), expectedScale);
        QVERIFY(g.viewStart() >= 0 - 1e-9);
        QVERIFY(g.viewEnd() <= 1000 + 1e-9);
    }

    void panStaysInsideTheData_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("expectedStart");
        QTest::newRow("right") << 300.0 << 30.0;       // scale 10: 300 px = 30 units
        QTest::newRow("far right") << 1e9 << 900.0;    // 1000 - 1000 px / 10
        QTest::newRow("far left") << -1e9 << 0.0;
    }
    void panStaysInsideTheData()
    {
        QFETCH(double, dx);
        QFETCH(double, expectedStart);
        TimelineGeometry g = plainGeometry();
        g.setView(0, 10);
        g.panByPixels(dx);
        QCOMPARE(g.viewStart(), expectedStart);
    }

    void ensureVisibleScrollsMinimally()
    {
        TimelineGeometry g = plainGeometry();
        g.setView(0, 10);   // shows [0, 100]
        g.ensureVisible(50, 51, 0);
        QCOMPARE(g.viewStart(), 0.0);   // already visible: no move
        g.ensureVisible(150, 151, 0);
        QCOMPARE(g.viewEnd(), 151.0);   // just enough to bring it in on the right
        g.ensureVisible(20, 21, 0);
        QCOMPARE(g.viewStart(), 20.0);
    }

    void visibleRangeIsFoundByBinarySearch_data()
    {
        QTest::addColumn<std::vector<double>>("starts");
        QTest::addColumn<std::vector<double>>("ends");
        QTest::addColumn<double>("viewStart");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last");
        // Scale 10 px/unit, plot 1000 px: the view spans 100 units.
        const std::vector<double> points{0, 10, 20, 150, 160, 400};
        QTest::newRow("from the start") << points << points << 0.0 << 0 << 3;
        QTest::newRow("middle") << points << points << 100.0 << 3 << 5;
        QTest::newRow("nothing") << points << points << 250.0 << 5 << 5;
        QTest::newRow("end") << points << points << 350.0 << 5 << 6;
        // A long step starting before the view is still drawn.
        QTest::newRow("long step reaching in") << std::vector<double>{0, 300} << std::vector<double>{300, 300} << 100.0
                                               << 0 << 1;
        // A point mark just left of the view is widened into it by minMarkPx.
        QTest::newRow("widened mark") << std::vector<double>{99.9, 500} << std::vector<double>{99.9, 500} << 100.0
                                      << 0 << 1;
    }
    void visibleRangeIsFoundByBinarySearch()
    {
        QFETCH(std::vector<double>, starts);
        QFETCH(std::vector<double>, ends);
        QFETCH(double, viewStart);
        QFETCH(int, first);
        QFETCH(int, last);
        TimelineGeometry g = plainGeometry(400);
        g.setView(viewStart, 10);
        const IndexRange r = g.visibleRange(starts, ends);
        QCOMPARE(r.first, first);
        QCOMPARE(r.last, last);
    }

    void hitTestFindsTheMarkInTheLane_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("y");
        QTest::addColumn<int>("expected");
        // Steps at 0, 10 (lasting to 20), 20 and 30, at scale 10 px/unit, in lanes 0, 1, 2, 1.
        // Lane l spans y 20+10l .. 30+10l.
        QTest::newRow("first step") << 100.0 << 25.0 << 0;
        QTest::newRow("inside a duration") << 250.0 << 35.0 << 1;
        QTest::newRow("same x, other lane") << 301.0 << 45.0 << 2;
        QTest::newRow("within tolerance") << 404.0 << 35.0 << 3;
        QTest::newRow("too far") << 420.0 << 35.0 << -1;
        QTest::newRow("wrong lane") << 100.0 << 35.0 << -1;
        QTest::newRow("on the axis") << 100.0 << 5.0 << -1;
        QTest::newRow("in the gutter") << 50.0 << 25.0 << -1;
    }
    void hitTestFindsTheMarkInTheLane()
    {
        QFETCH(double, x);
        QFETCH(double, y);
        QFETCH(int, expected);
        const std::vector<double> starts{0, 10, 20, 30};
        const std::vector<double> ends{0, 20, 20, 30};
        const std::vector<quint8> lanes{0, 1, 2, 1};
        TimelineGeometry g = plainGeometry(100);
        g.setView(0, 10);
        QCOMPARE(g.hitTest(starts, ends, lanes, QPointF(x, y)), expected);
    }

    void niceSteps_data()
    {
        QTest::addColumn<double>("raw");
        QTest::addColumn<bool>("time");
        QTest::addColumn<double>("expected");
        QTest::newRow("sequence 3") << 3.0 << false << 5.0;
        QTest::newRow("sequence 0.3 stays whole") << 0.3 << false << 1.0;
        QTest::newRow("sequence 170") << 170.0 << false << 200.0;
        QTest::newRow("time 7 ms") << 7.0 << true << 10.0;
        QTest::newRow("time 1.2 s") << 1200.0 << true << 2000.0;
        QTest::newRow("time 11 s") << 11000.0 << true << 15000.0;
        QTest::newRow("time 40 s") << 40000.0 << true << 60000.0;
        QTest::newRow("time 50 min") << 3000000.0 << true << 3600000.0;
        QTest::newRow("time 30 h") << 108000000.0 << true << 172800000.0;
    }
    void niceSteps()
    {
        QFETCH(double, raw);
        QFETCH(bool, time);
        QFETCH(double, expected);
        QCOMPARE(TimelineGeometry::niceStep(raw, time), expected);
    }

    void ticksAreSpacedAndInside()
    {
        TimelineGeometry g = plainGeometry(1000);
        g.setView(123, 2);   // shows [123, 623]
        const std::vector<double> ticks = g.ticks(70, false);   // 35 units -> step 50
        QVERIFY(!ticks.empty());
        QCOMPARE(ticks.front(), 150.0);
        for (std::size_t i = 1; i < ticks.size(); ++i)
            QCOMPARE(ticks[i] - ticks[i - 1], 50.0);
        QVERIFY(ticks.back() <= 623.0);
    }

    void tickLabels_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("step");
        QTest::addColumn<bool>("time");
        QTest::addColumn<QString>("label");
        QTest::newRow("sequence") << 120.0 << 20.0 << false << "#120";
        QTest::newRow("start") << 0.0 << 5000.0 << true << "+0 s";
        QTest::newRow("seconds") << 45000.0 << 15000.0 << true << "+45 s";
        QTest::newRow("fractions") << 1250.0 << 50.0 << true << "+1.25 s";
        QTest::newRow("minutes") << 90000.0 << 30000.0 << true << "+1:30";
        QTest::newRow("deep into a long run") << 51672240.0 << 2.0 << true << "+14:21:12.240";
        QTest::newRow("minutes with tenths") << 61500.0 << 500.0 << true << "+1:01.5";
        QTest::newRow("hours") << 10800000.0 << 3600000.0 << true << "+3 h";
        QTest::newRow("days") << 172800000.0 << 86400000.0 << true << "+2 d";
    }
    void tickLabels()
    {
        QFETCH(double, value);
        QFETCH(double, step);
        QFETCH(bool, time);
        QFETCH(QString, label);
        QCOMPARE(ui::TimelinePainter::tickLabel(value, step, time), label);
    }

    void stepsArePlaced_data()
    {
        QTest::addColumn<std::vector<qint64>>("timestamps");
        QTest::addColumn<std::vector<int>>("kinds");
        QTest::addColumn<bool>("timeAxis");
        QTest::addColumn<std::vector<double>>("starts");
        QTest::addColumn<std::vector<double>>("ends");
        const int call = int(StepKind::ToolCall);
        const int obs = int(StepKind::Observation);
        QTest::newRow("no times: sequence") << std::vector<qint64>{-1, -1, -1} << std::vector<int>{}
                                            << false << std::vector<double>{0, 1, 2}
                                            << std::vector<double>{0.8, 1.8, 2.8};
        QTest::newRow("one time only: sequence") << std::vector<qint64>{5000, -1} << std::vector<int>{} << false
                                                 << std::vector<double>{0, 1} << std::vector<double>{0.8, 1.8};
        QTest::newRow("times") << std::vector<qint64>{1000, 1500, 4000} << std::vector<int>{} << true
                               << std::vector<double>{0, 500, 3000} << std::vector<double>{0, 500, 3000};
        QTest::newRow("a call lasts until its observation")
            << std::vector<qint64>{1000, 1200, 3200} << std::vector<int>{0, call, obs} << true
            << std::vector<double>{0, 200, 2200} << std::vector<double>{0, 2200, 2200};
        QTest::newRow("missing and backwards times follow order")
            << std::vector<qint64>{-1, 2000, -1, 1500, 3000} << std::vector<int>{} << true
            << std::vector<double>{0, 0, 0, 0, 1000} << std::vector<double>{0, 0, 0, 0, 1000};
    }
    void stepsArePlaced()
    {
        QFETCH(std::vector<qint64>, timestamps);
        QFETCH(std::vector<int>, kinds);
        QFETCH(bool, timeAxis);
        QFETCH(std::vector<double>, starts);
        QFETCH(std::vector<double>, ends);
        const TimelineData d = ui::buildTimelineData(7, columns(timestamps, kinds), {});
        QCOMPARE(d.axis == TimelineData::Axis::Time, timeAxis);
        QCOMPARE(d.starts, starts);
        QCOMPARE(d.ends, ends);
    }

    void durationsNeverBreakTheOrderOfEnds()
    {
        // A 10 s step followed by one 1 s later is cut at the next step; a step sharing its
        // time with the next one is an instant; the last keeps its whole duration.
        const TimelineData d = ui::buildTimelineData(1, columns({0, 1000, 1000, 5000}, {}, {10000, -1, 20000, 7000}), {});
        QCOMPARE(d.ends, (std::vector<double>{1000, 1000, 5000, 12000}));
        for (int i = 1; i < d.size(); ++i) {
            QVERIFY(d.starts[std::size_t(i)] >= d.starts[std::size_t(i - 1)]);
            QVERIFY(d.ends[std::size_t(i)] >= d.ends[std::size_t(i - 1)]);
        }
    }

    void errorsAndEvidenceAreIndexed()
    {
        store::StepColumns c = columns({-1, -1, -1, -1, -1});
        c.errors = {0, 1, 0, 1, 0};
        const TimelineData d = ui::buildTimelineData(1, c, {102, 104, 999});
        QCOMPARE(d.errorIndexes, (std::vector<int>{1, 3}));
        QCOMPARE(d.evidenceIndexes, (std::vector<int>{2, 4}));
        QCOMPARE(d.flags[3], quint8(TimelineData::Error));
        QCOMPARE(d.indexOfStep(104), 4);
        QCOMPARE(d.indexOfStep(5), -1);
    }

    void nextAndPreviousInSortedIndexes_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("next");
        QTest::addColumn<int>("previous");
        QTest::newRow("before all") << -1 << 2 << -1;
        QTest::newRow("on one") << 5 << 9 << 2;
        QTest::newRow("between") << 6 << 9 << 5;
        QTest::newRow("after all") << 20 << -1 << 9;
    }
    void nextAndPreviousInSortedIndexes()
    {
        QFETCH(int, from);
        QFETCH(int, next);
        QFETCH(int, previous);
        const std::vector<int> sorted{2, 5, 9};
        QCOMPARE(TimelineData::nextAfter(sorted, from), next);
        QCOMPARE(TimelineData::previousBefore(sorted, from), previous);
    }
};

QTEST_APPLESS_MAIN(TestTimelineGeometry)
#include "tst_timeline_geometry.moc"
