#pragma once

#include <QPointF>
#include <QRectF>
#include <QtGlobal>

#include <vector>

namespace reverie::ui {

// A half-open range [first, last) of step indexes.
struct IndexRange {
    int first = 0;
    int last = 0;
    bool isEmpty() const { return first >= last; }
    int size() const { return last > first ? last - first : 0; }
};

// The coordinate maths of the timeline, apart from the widget so that it is tested on its own.
// Values are in axis units: milliseconds since the first step on a time axis, step order on a
// sequence axis. Steps are given as `starts` and `ends`, both non-decreasing (TimelineData
// guarantees it), which is what lets every lookup be a binary search.
class TimelineGeometry {
public:
    // Layout, in pixels.
    double gutter = 120;       // lane labels, left of the plot
    double axisHeight = 28;    // the axis, above the lanes
    double laneHeight = 28;
    int laneCount = 8;
    double padding = 12;       // space kept left and right of the data when fitted
    double minMarkPx = 2;      // narrower marks are widened so every step stays visible

    void setWidth(double width);
    double width() const { return m_width; }
    double plotWidth() const;
    double height() const { return axisHeight + laneCount * laneHeight; }

    // The data's extent; resets the view to fit.
    void setExtent(double start, double end);
    double extentStart() const { return m_extentStart; }
    double extentEnd() const { return m_extentEnd; }
    // The deepest zoom, in pixels per unit; never below the fitted scale.
    void setMaxScale(double pxPerUnit);

    double viewStart() const { return m_viewStart; }
    double viewEnd() const { return m_viewStart + plotWidth() / m_scale; }
    double scale() const { return m_scale; }
    double fitScale() const;
    double maxScale() const;
    bool isFitted() const { return m_scale <= fitScale() * (1 + 1e-9); }

    void fit();
    // Sets the view, clamped to the zoom limits and to the data.
    void setView(double start, double pxPerUnit);
    // Zooms by `factor` keeping the value under pixel `x` where it is.
    void zoomAbout(double factor, double x);
    void panByPixels(double dx);
    // Scrolls as little as possible so that [from, to] is inside the plot with `marginPx` spare.
    void ensureVisible(double from, double to, double marginPx = 40);
    // Where the view is along everything it can show, for a scroll bar: [0, 1] and the shown share.
    double scrollFraction() const;
    double visibleFraction() const;
    void setScrollFraction(double f);

    double xForValue(double v) const { return gutter + (v - m_viewStart) * m_scale; }
    double valueForX(double x) const { return m_viewStart + (x - gutter) / m_scale; }
    // -1 outside the lanes.
    int laneAt(double y) const;
    QRectF laneRect(int lane) const;
    // The pixels a step's mark covers (widened to minMarkPx), inset from its lane's edges.
    QRectF markRect(double start, double end, int lane) const;

    // The steps whose marks can touch the visible plot.
    IndexRange visibleRange(const std::vector<double> &starts, const std::vector<double> &ends) const;
    // The step whose mark is under `p` in the lane under `p` (lanes[i] is step i's lane), the
    // nearest within `tolerancePx` when none contains it; -1 for none.
    int hitTest(const std::vector<double> &starts, const std::vector<double> &ends,
                const std::vector<quint8> &lanes, QPointF p, double tolerancePx = 3) const;

    // Axis ticks at least `minSpacingPx` apart on round values. On a time axis the steps follow
    // clock units (1, 2, 5, 10, 15, 30 s, minutes, hours, days); on a sequence axis 1, 2, 5 × 10^k.
    static double niceStep(double rawStep, bool timeAxis);
    std::vector<double> ticks(double minSpacingPx, bool timeAxis) const;

private:
    double minViewStart() const;
    double maxViewStart() const;
    void clamp();

    double m_width = 800;
    double m_extentStart = 0;
    double m_extentEnd = 1;
    double m_maxScale = 200;
    double m_viewStart = 0;
    double m_scale = 1;
};

} // namespace reverie::ui
