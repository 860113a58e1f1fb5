#include "ui/timeline/TimelineView.h"

#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePainter.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextDocument>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace reverie::ui {

namespace {
constexpr int kScrollResolution = 100000;
constexpr double kZoomStep = 1.5;
constexpr double kMaxPxPerMs = 50;      // time axis: 20 µs per pixel at the deepest zoom
constexpr double kMaxPxPerStep = 240;   // sequence axis
} // namespace

TimelineView::TimelineView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(false);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    horizontalScrollBar()->setSingleStep(kScrollResolution / 100);
    setAccessibleName(tr("Timeline"));
    layoutGeometry();
}

TimelineView::~TimelineView() = default;

QSize TimelineView::sizeHint() const { return {800, int(m_geo.height()) + 24}; }

QSize TimelineView::minimumSizeHint() const { return {300, 8 * 18 + 28 + 20}; }

void TimelineView::setData(std::shared_ptr<const TimelineData> data)
{
    m_data = std::move(data);
    m_current = -1;
    const bool time = m_data && m_data->axis == TimelineData::Axis::Time;
    m_geo.setMaxScale(time ? kMaxPxPerMs : kMaxPxPerStep);
    if (m_data)
        m_geo.setExtent(m_data->extentStart(), m_data->extentEnd());
    else
        m_geo.setExtent(0, 1);
    viewMoved();
    Q_EMIT currentChanged(m_current);
}

qint64 TimelineView::currentStepId() const
{
    return m_data && m_current >= 0 ? m_data->stepIds[std::size_t(m_current)] : 0;
}

void TimelineView::setCurrentIndex(int index)
{
    if (!m_data || index < -1 || index >= m_data->size())
        index = -1;
    if (index >= 0) {
        const auto k = std::size_t(index);
        m_geo.ensureVisible(m_data->starts[k], m_data->ends[k]);
        viewMoved();
    }
    if (index == m_current)
        return;
    m_current = index;
    viewport()->update();
    Q_EMIT currentChanged(m_current);
}

void TimelineView::step(int delta)
{
    if (!m_data || m_data->isEmpty())
        return;
    const int next = m_current < 0 ? (delta > 0 ? 0 : m_data->size() - 1) : std::clamp(m_current + delta, 0, m_data->size() - 1);
    setCurrentIndex(next);
}

bool TimelineView::jumpTo(int index)
{
    if (index < 0)
        return false;
    setCurrentIndex(index);
    return true;
}

bool TimelineView::nextError() { return m_data && jumpTo(TimelineData::nextAfter(m_data->errorIndexes, m_current)); }
bool TimelineView::previousError()
{
    return m_data && jumpTo(TimelineData::previousBefore(m_data->errorIndexes, m_current < 0 ? m_data->size() : m_current));
}
bool TimelineView::nextEvidence() { return m_data && jumpTo(TimelineData::nextAfter(m_data->evidenceIndexes, m_current)); }
bool TimelineView::previousEvidence()
{
    return m_data
        && jumpTo(TimelineData::previousBefore(m_data->evidenceIndexes, m_current < 0 ? m_data->size() : m_current));
}

double TimelineView::zoomAnchorX() const
{
    // Keyboard zoom keeps the current step where it is when it is on screen.
    if (m_data && m_current >= 0) {
        const double x = m_geo.xForValue(m_data->starts[std::size_t(m_current)]);
        if (x >= m_geo.gutter && x <= m_geo.width())
            return x;
    }
    return m_geo.gutter + m_geo.plotWidth() / 2;
}

void TimelineView::zoomBy(double factor, double x)
{
    m_geo.zoomAbout(factor, x);
    viewMoved();
}

void TimelineView::zoomIn() { zoomBy(kZoomStep, zoomAnchorX()); }
void TimelineView::zoomOut() { zoomBy(1 / kZoomStep, zoomAnchorX()); }

void TimelineView::fit()
{
    m_geo.fit();
    viewMoved();
}

void TimelineView::layoutGeometry()
{
    const QSize size = viewport()->size();
    m_geo.laneHeight = std::clamp((size.height() - m_geo.axisHeight - 2) / m_geo.laneCount, 18.0, 40.0);
    m_geo.setWidth(size.width());
}

void TimelineView::viewMoved()
{
    syncScrollBar();
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::syncScrollBar()
{
    QScrollBar *bar = horizontalScrollBar();
    const int page = std::max(1, int(std::lround(m_geo.visibleFraction() * kScrollResolution)));
    const int max = std::max(0, kScrollResolution - page);
    m_syncing = true;
    bar->setPageStep(page);
    bar->setRange(0, max);
    bar->setValue(int(std::lround(m_geo.scrollFraction() * max)));
    m_syncing = false;
}

void TimelineView::scrollContentsBy(int, int)
{
    if (m_syncing)
        return;
    const int max = horizontalScrollBar()->maximum();
    m_geo.setScrollFraction(max > 0 ? double(horizontalScrollBar()->value()) / max : 0.0);
    viewport()->update();
    Q_EMIT viewChanged();
}

void TimelineView::renderFrame(QPaintDevice *device, const QSize &size)
{
    QPainter p(device);
    p.setClipRect(QRect(QPoint(0, 0), size));
    TimelinePainter::paint(p, m_geo, m_data.get(), m_current, palette(), hasFocus());
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    TimelinePainter::paint(p, m_geo, m_data.get(), m_current, palette(), hasFocus());
    if (!m_data || m_data->isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(m_geo.gutter, m_geo.axisHeight, m_geo.plotWidth(), m_geo.height() - m_geo.axisHeight),
                   Qt::AlignCenter, m_data ? tr("This trajectory has no steps.") : tr("Open a trajectory to see its timeline."));
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    layoutGeometry();
    syncScrollBar();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    const double panStep = m_geo.plotWidth() / 8;
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Left: {
        const int direction = event->key() == Qt::Key_Right ? 1 : -1;
        if (shift) {
            m_geo.panByPixels(direction * panStep);
            viewMoved();
        } else {
            step(direction);
        }
        break;
    }
    case Qt::Key_N: nextStep(); break;
    case Qt::Key_P: previousStep(); break;
    case Qt::Key_Home: setCurrentIndex(m_data && !m_data->isEmpty() ? 0 : -1); break;
    case Qt::Key_End: setCurrentIndex(m_data ? m_data->size() - 1 : -1); break;
    case Qt::Key_E:
        if (shift)
            previousError();
        else
            nextError();
        break;
    case Qt::Key_J:
        if (shift)
            previousEvidence();
        else
            nextEvidence();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore: zoomOut(); break;
    case Qt::Key_F:
    case Qt::Key_0: fit(); break;
    case Qt::Key_PageDown: m_geo.panByPixels(m_geo.plotWidth() * 0.9); viewMoved(); break;
    case Qt::Key_PageUp: m_geo.panByPixels(-m_geo.plotWidth() * 0.9); viewMoved(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current >= 0)
            Q_EMIT stepActivated(m_current);
        break;
    case Qt::Key_Escape: Q_EMIT leaveRequested(); break;
    default: QAbstractScrollArea::keyPressEvent(event); return;
    }
    event->accept();
}

int TimelineView::indexAt(QPoint pos) const
{
    if (!m_data)
        return -1;
    return m_geo.hitTest(m_data->starts, m_data->ends, m_data->kinds, QPointF(pos));
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    m_pressPos = m_lastDragPos = event->position().toPoint();
    m_dragging = false;
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < 4)
        return;
    m_dragging = true;
    viewport()->setCursor(Qt::ClosedHandCursor);
    m_geo.panByPixels(m_lastDragPos.x() - pos.x());
    m_lastDragPos = pos;
    viewMoved();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    viewport()->unsetCursor();
    if (!m_dragging) {
        const int index = indexAt(event->position().toPoint());
        if (index >= 0)
            setCurrentIndex(index);
    }
    m_dragging = false;
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // Double-clicking a step reads it; double-clicking empty space zooms in there.
    const int index = indexAt(event->position().toPoint());
    if (index >= 0)
        Q_EMIT stepActivated(index);
    else
        zoomBy(kZoomStep * kZoomStep, event->position().x());
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            zoomBy(std::pow(1.25, delta.y() / 120.0), event->position().x());
    } else {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        m_geo.panByPixels(-d * m_geo.plotWidth() / 1200.0);
        viewMoved();
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = indexAt(help->pos());
        if (index < 0 || !m_tooltip) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const auto k = std::size_t(index);
        const QRect area = m_geo.markRect(m_data->starts[k], m_data->ends[k], m_data->kinds[k]).toAlignedRect();
        // Trajectory text is escaped: a step that contains markup is shown as written.
        QToolTip::showText(help->globalPos(), Qt::convertFromPlainText(m_tooltip(index), Qt::WhiteSpaceNormal),
                           viewport(), area);
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace reverie::ui
