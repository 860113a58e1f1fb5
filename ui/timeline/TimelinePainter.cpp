#include "ui/timeline/TimelinePainter.h"

#include "core/model/Step.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelineGeometry.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace reverie::ui {

QColor TimelinePainter::kindColor(int kind)
{
    switch (StepKind(kind)) {
    case StepKind::Task: return QColor(0x5b, 0x6b, 0x7f);
    case StepKind::Plan: return QColor(0x8e, 0x6c, 0xc9);
    case StepKind::ToolCall: return QColor(0x35, 0x7d, 0xc4);
    case StepKind::Observation: return QColor(0x2a, 0x9d, 0x8f);
    case StepKind::Message: return QColor(0x7a, 0x8c, 0xa3);
    case StepKind::Outcome: return QColor(0xc9, 0x84, 0x2a);
    case StepKind::Verdict: return QColor(0x4a, 0x9e, 0x5c);
    case StepKind::Other: break;
    }
    return QColor(0x9a, 0x9a, 0x9a);
}

QString TimelinePainter::laneName(int kind)
{
    switch (StepKind(kind)) {
    case StepKind::Task: return tr("Task");
    case StepKind::Plan: return tr("Plan");
    case StepKind::ToolCall: return tr("Tool call");
    case StepKind::Observation: return tr("Observation");
    case StepKind::Message: return tr("Message");
    case StepKind::Outcome: return tr("Outcome");
    case StepKind::Verdict: return tr("Verdict");
    case StepKind::Other: break;
    }
    return tr("Other");
}

QString TimelinePainter::tickLabel(double value, double step, bool timeAxis)
{
    if (!timeAxis)
        return QStringLiteral("#%1").arg(qint64(std::llround(value)));
    if (step >= 86400000)
        return tr("+%1 d").arg(value / 86400000.0, 0, 'f', 0);
    if (step >= 3600000)
        return tr("+%1 h").arg(value / 3600000.0, 0, 'f', 0);
    // Below an hour per tick: a clock offset, with as many decimals as the step needs.
    const int decimals = step >= 1000 ? 0 : (step >= 100 ? 1 : (step >= 10 ? 2 : 3));
    const double rounded = std::round(value / std::pow(10.0, 3 - decimals)) * std::pow(10.0, 3 - decimals);
    const qint64 totalMs = qint64(std::llround(rounded));
    const qint64 hours = totalMs / 3600000;
    const qint64 minutes = totalMs / 60000 % 60;
    const double seconds = double(totalMs % 60000) / 1000.0;
    if (hours == 0 && minutes == 0)
        return tr("+%1 s").arg(seconds, 0, 'f', decimals);
    const QString secondsText = QStringLiteral("%1").arg(seconds, decimals ? 3 + decimals : 2, 'f', decimals, QLatin1Char('0'));
    if (hours == 0)
        return QStringLiteral("+%1:%2").arg(minutes).arg(secondsText);
    return QStringLiteral("+%1:%2:%3").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(secondsText);
}

namespace {

// Collects the rectangles of one style, merging a rectangle into the previous one when they
// touch, so thousands of steps on a few pixels become one rectangle.
class RectRun {
public:
    void add(double x0, double x1, double top, double bottom)
    {
        if (m_open && x0 <= m_x1 + 0.75) {
            m_x1 = std::max(m_x1, x1);
            return;
        }
        flush();
        m_open = true;
        m_x0 = x0;
        m_x1 = x1;
        m_top = top;
        m_bottom = bottom;
    }
    void flush()
    {
        if (m_open)
            m_rects.emplace_back(QPointF(m_x0, m_top), QPointF(m_x1, m_bottom));
        m_open = false;
    }
    const std::vector<QRectF> &rects()
    {
        flush();
        return m_rects;
    }

private:
    std::vector<QRectF> m_rects;
    bool m_open = false;
    double m_x0 = 0, m_x1 = 0, m_top = 0, m_bottom = 0;
};

void paintLanes(QPainter &p, const TimelineGeometry &g, const QPalette &pal)
{
    const QColor base = pal.color(QPalette::Base);
    const QColor band = pal.color(QPalette::AlternateBase);
    for (int lane = 0; lane < g.laneCount; ++lane) {
        const QRectF r = g.laneRect(lane);
        p.fillRect(QRectF(0, r.top(), g.width(), r.height()), lane % 2 ? band : base);
    }
    p.fillRect(QRectF(0, 0, g.gutter, g.height()), pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::WindowText));
    const QFontMetricsF fm(p.font());
    for (int lane = 0; lane < g.laneCount; ++lane) {
        const QRectF r(10, g.axisHeight + lane * g.laneHeight, g.gutter - 16, g.laneHeight);
        const QColor c = TimelinePainter::kindColor(lane);
        p.fillRect(QRectF(r.left(), r.center().y() - 4, 8, 8), c);
        p.drawText(r.adjusted(14, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(TimelinePainter::laneName(lane), Qt::ElideRight, r.width() - 14));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(g.gutter - 0.5, 0), QPointF(g.gutter - 0.5, g.height()));
    p.drawLine(QPointF(0, g.axisHeight - 0.5), QPointF(g.width(), g.axisHeight - 0.5));
}

void paintAxis(QPainter &p, const TimelineGeometry &g, const TimelineData &d, const QPalette &pal)
{
    const bool time = d.axis == TimelineData::Axis::Time;
    const double minSpacing = time ? 90 : 70;
    const std::vector<double> ticks = g.ticks(minSpacing, time);
    const double step = TimelineGeometry::niceStep(minSpacing / g.scale(), time);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(70);
    const QColor text = pal.color(QPalette::PlaceholderText);
    for (double v : ticks) {
        const double x = std::round(g.xForValue(v)) + 0.5;
        p.setPen(grid);
        p.drawLine(QPointF(x, g.axisHeight), QPointF(x, g.height()));
        p.setPen(text);
        p.drawLine(QPointF(x, g.axisHeight - 6), QPointF(x, g.axisHeight - 1));
        p.drawText(QRectF(x + 3, 0, 200, g.axisHeight - 4), Qt::AlignLeft | Qt::AlignBottom,
                   TimelinePainter::tickLabel(v, step, time));
    }
}

void paintLabels(QPainter &p, const TimelineGeometry &g, const TimelineData &d, IndexRange range, const QPalette &pal)
{
    // Only when zoomed in far enough that marks have room for words: at most a screenful.
    if (range.size() > int(g.plotWidth() / 8))
        return;
    const QFontMetricsF fm(p.font());
    p.setPen(pal.color(QPalette::HighlightedText));
    for (int i = range.first; i < range.last; ++i) {
        const QRectF r = g.markRect(d.starts[std::size_t(i)], d.ends[std::size_t(i)], d.kinds[std::size_t(i)]);
        const QRectF visible = r.intersected(QRectF(g.gutter, 0, g.plotWidth(), g.height()));
        if (visible.width() < 40)
            continue;
        const QString name = d.tools[std::size_t(i)] ? d.toolName(i) : QStringLiteral("#%1").arg(d.seqs[std::size_t(i)]);
        p.drawText(visible.adjusted(4, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(name, Qt::ElideRight, visible.width() - 7));
    }
}

} // namespace

void TimelinePainter::paint(QPainter &p, const TimelineGeometry &g, const TimelineData *d, int current,
                            const QPalette &pal, bool focused)
{
    p.fillRect(QRectF(0, 0, g.width(), std::max(g.height(), double(p.device()->height()))), pal.color(QPalette::Base));
    paintLanes(p, g, pal);
    if (!d || d->isEmpty())
        return;
    paintAxis(p, g, *d, pal);

    p.save();
    p.setClipRect(QRectF(g.gutter, g.axisHeight, g.plotWidth(), g.height() - g.axisHeight));
    const IndexRange range = g.visibleRange(d->starts, d->ends);
    std::array<RectRun, 8> marks;
    std::array<RectRun, 8> errors;
    RectRun evidence;
    const double left = g.gutter - 4;
    const double right = g.width() + 4;
    const double barHeight = 4;
    for (int i = range.first; i < range.last; ++i) {
        const auto k = std::size_t(i);
        const int lane = std::min<int>(d->kinds[k], 7);
        const QRectF r = g.markRect(d->starts[k], d->ends[k], lane);
        // Far off-screen coordinates are clipped here, not by the painter (which has int limits).
        const double x0 = std::max(left, r.left());
        const double x1 = std::min(right, r.right());
        if (d->flags[k] & TimelineData::Error)
            errors[std::size_t(lane)].add(x0, x1, r.top(), r.bottom());
        else
            marks[std::size_t(lane)].add(x0, x1, r.top(), r.bottom());
        if (d->flags[k] & TimelineData::Evidence)
            evidence.add(x0, std::max(x1, x0 + 4), r.bottom() + 1, r.bottom() + 1 + barHeight);
    }
    p.setPen(Qt::NoPen);
    for (std::size_t lane = 0; lane < marks.size(); ++lane) {
        const auto &rects = marks[lane].rects();
        p.setBrush(kindColor(int(lane)));
        p.drawRects(rects.data(), int(rects.size()));
    }
    p.setBrush(errorColor());
    for (auto &run : errors) {
        const auto &rects = run.rects();
        p.drawRects(rects.data(), int(rects.size()));
    }
    p.setBrush(evidenceColor());
    const auto &evidenceRects = evidence.rects();
    p.drawRects(evidenceRects.data(), int(evidenceRects.size()));
    paintLabels(p, g, *d, range, pal);

    if (current >= 0 && current < d->size()) {
        const auto k = std::size_t(current);
        const QRectF r = g.markRect(d->starts[k], d->ends[k], d->kinds[k]).adjusted(-2, -2, 2, 2);
        QColor accent = pal.color(QPalette::Highlight);
        const double x = std::clamp(r.left() + 2, left, right);
        QColor line = accent;
        line.setAlpha(110);
        p.setPen(QPen(line, 1, Qt::DashLine));
        p.drawLine(QPointF(x, g.axisHeight), QPointF(x, g.height()));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(focused ? accent : pal.color(QPalette::Text), 2));
        p.drawRect(QRectF(QPointF(std::max(left, r.left()), r.top()), QPointF(std::min(right, r.right()), r.bottom())));
    }
    p.restore();
}

} // namespace reverie::ui
