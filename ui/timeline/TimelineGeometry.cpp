#include "ui/timeline/TimelineGeometry.h"

#include <algorithm>
#include <cmath>

namespace reverie::ui {

void TimelineGeometry::setWidth(double width)
{
    const bool wasFitted = isFitted();
    m_width = std::max(width, gutter + 1);
    if (wasFitted)
        fit();   // a fitted view stays fitted as the window grows or shrinks
    else
        clamp();
}

double TimelineGeometry::plotWidth() const { return std::max(1.0, m_width - gutter); }

void TimelineGeometry::setExtent(double start, double end)
{
    m_extentStart = start;
    m_extentEnd = std::max(end, start);
    fit();
}

void TimelineGeometry::setMaxScale(double pxPerUnit)
{
    m_maxScale = pxPerUnit;
    clamp();
}

double TimelineGeometry::fitScale() const
{
    // A zero-length extent (one step) is shown as one unit across the plot.
    const double span = m_extentEnd > m_extentStart ? m_extentEnd - m_extentStart : 1.0;
    return std::max(1.0, plotWidth() - 2 * padding) / span;
}

double TimelineGeometry::maxScale() const { return std::max(m_maxScale, fitScale()); }

double TimelineGeometry::minViewStart() const { return m_extentStart - padding / m_scale; }

double TimelineGeometry::maxViewStart() const
{
    return std::max(minViewStart(), m_extentEnd + padding / m_scale - plotWidth() / m_scale);
}

void TimelineGeometry::clamp()
{
    m_scale = std::clamp(m_scale, fitScale(), maxScale());
    m_viewStart = std::clamp(m_viewStart, minViewStart(), maxViewStart());
}

void TimelineGeometry::fit()
{
    m_scale = fitScale();
    m_viewStart = minViewStart();
}

void TimelineGeometry::setView(double start, double pxPerUnit)
{
    m_scale = pxPerUnit;
    m_scale = std::clamp(m_scale, fitScale(), maxScale());
    m_viewStart = start;
    clamp();
}

void TimelineGeometry::zoomAbout(double factor, double x)
{
    const double anchor = valueForX(x);
    const double scale = std::clamp(m_scale * factor, fitScale(), maxScale());
    setView(anchor - (x - gutter) / scale, scale);
}

void TimelineGeometry::panByPixels(double dx) { setView(m_viewStart + dx / m_scale, m_scale); }

void TimelineGeometry::ensureVisible(double from, double to, double marginPx)
{
    const double margin = std::min(marginPx, plotWidth() / 4) / m_scale;
    double start = m_viewStart;
    const double span = plotWidth() / m_scale;
    if (to + margin > start + span)
        start = to + margin - span;
    if (from - margin < start)
        start = from - margin;
    setView(start, m_scale);
}

double TimelineGeometry::scrollFraction() const
{
    const double range = maxViewStart() - minViewStart();
    return range > 0 ? (m_viewStart - minViewStart()) / range : 0.0;
}

double TimelineGeometry::visibleFraction() const
{
    const double total = (m_extentEnd - m_extentStart) + 2 * padding / m_scale;
    return total > 0 ? std::min(1.0, (plotWidth() / m_scale) / total) : 1.0;
}

void TimelineGeometry::setScrollFraction(double f)
{
    setView(minViewStart() + std::clamp(f, 0.0, 1.0) * (maxViewStart() - minViewStart()), m_scale);
}

int TimelineGeometry::laneAt(double y) const
{
    if (y < axisHeight)
        return -1;
    const int lane = int((y - axisHeight) / laneHeight);
    return lane < laneCount ? lane : -1;
}

QRectF TimelineGeometry::laneRect(int lane) const
{
    return QRectF(gutter, axisHeight + lane * laneHeight, plotWidth(), laneHeight);
}

QRectF TimelineGeometry::markRect(double start, double end, int lane) const
{
    const double inset = std::max(3.0, laneHeight * 0.2);
    const double x0 = xForValue(start);
    const double x1 = std::max(x0 + minMarkPx, xForValue(end));
    return QRectF(QPointF(x0, axisHeight + lane * laneHeight + inset),
                  QPointF(x1, axisHeight + (lane + 1) * laneHeight - inset));
}

IndexRange TimelineGeometry::visibleRange(const std::vector<double> &starts, const std::vector<double> &ends) const
{
    // A mark reaches at most minMarkPx right of its start and never left of it, so a step is
    // visible exactly when it ends after (viewStart - minMarkPx) and starts before viewEnd.
    const double from = m_viewStart - minMarkPx / m_scale;
    const double to = viewEnd();
    const auto first = std::lower_bound(ends.begin(), ends.end(), from) - ends.begin();
    const auto last = std::upper_bound(starts.begin(), starts.end(), to) - starts.begin();
    return {int(first), int(std::max(first, last))};
}

int TimelineGeometry::hitTest(const std::vector<double> &starts, const std::vector<double> &ends,
                              const std::vector<quint8> &lanes, QPointF p, double tolerancePx) const
{
    const int lane = laneAt(p.y());
    if (lane < 0 || p.x() < gutter || starts.empty())
        return -1;
    const double v = valueForX(p.x());
    const double tol = tolerancePx / m_scale;
    const double reach = (tolerancePx + minMarkPx) / m_scale;
    // Candidates start before v + tol; walking back, once a step ends before v - reach all
    // earlier ones do too (ends are non-decreasing).
    int i = int(std::upper_bound(starts.begin(), starts.end(), v + tol) - starts.begin()) - 1;
    int best = -1;
    double bestDistance = 0;
    for (; i >= 0 && ends[std::size_t(i)] >= v - reach; --i) {
        if (lanes[std::size_t(i)] != lane)
            continue;
        const QRectF r = markRect(starts[std::size_t(i)], ends[std::size_t(i)], lane);
        const double d = p.x() < r.left() ? r.left() - p.x() : (p.x() > r.right() ? p.x() - r.right() : 0.0);
        if (d <= tolerancePx && (best < 0 || d < bestDistance)) {
            best = i;
            bestDistance = d;
            if (d == 0)
                break;   // the latest-starting mark containing the point is the one on top
        }
    }
    return best;
}

double TimelineGeometry::niceStep(double rawStep, bool timeAxis)
{
    if (!(rawStep > 0))
        return 1;
    if (timeAxis) {
        static const double clock[] = {1000, 2000, 5000, 10000, 15000, 30000,
                                       60000, 120000, 300000, 600000, 900000, 1800000,
                                       3600000, 7200000, 10800000, 21600000, 43200000, 86400000};
        if (rawStep >= 1000 && rawStep <= clock[std::size(clock) - 1]) {
            for (double c : clock) {
                if (c >= rawStep)
                    return c;
            }
        }
        if (rawStep > clock[std::size(clock) - 1])
            return std::ceil(rawStep / 86400000.0) * 86400000.0;   // whole days
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(rawStep)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= rawStep * (1 - 1e-12))
            return std::max(timeAxis ? 1e-3 : 1.0, m * magnitude);
    }
    return 10 * magnitude;
}

std::vector<double> TimelineGeometry::ticks(double minSpacingPx, bool timeAxis) const
{
    std::vector<double> out;
    const double step = niceStep(minSpacingPx / m_scale, timeAxis);
    const double from = std::max(m_viewStart, m_extentStart);
    const double to = std::min(viewEnd(), m_extentEnd);
    // Ticks count from the data's start, so "+0" is the first step.
    const double first = m_extentStart + std::ceil((from - m_extentStart) / step - 1e-9) * step;
    for (double v = first; v <= to + 1e-9 && out.size() < 1000; v += step)
        out.push_back(v);
    return out;
}

} // namespace reverie::ui
