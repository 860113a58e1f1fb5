#pragma once

#include "ui/timeline/TimelineGeometry.h"

#include <QAbstractScrollArea>
#include <QPoint>

#include <functional>
#include <memory>

namespace reverie::ui {

struct TimelineData;

// The timeline: one lane per step kind, a time or sequence axis, zoom and pan. Virtualised:
// painting and hit testing go through TimelineGeometry's binary searches over the visible
// range, so the widget behaves the same with ten steps or a hundred thousand.
//
// Keys: Right/N and Left/P step, Home/End first/last, E / Shift+E next/previous error,
// J / Shift+J next/previous evidence, +/- zoom, F or 0 fit, Shift+arrows and PgUp/PgDn pan,
// Enter reads the step in the detail pane, Esc leaves.
class TimelineView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    void setData(std::shared_ptr<const TimelineData> data);
    const TimelineData *data() const { return m_data.get(); }
    // The same data, for views that show the run beside the timeline (the transcript).
    std::shared_ptr<const TimelineData> sharedData() const { return m_data; }
    const TimelineGeometry &geometry() const { return m_geo; }

    int currentIndex() const { return m_current; }
    qint64 currentStepId() const;
    // Selects a step and scrolls it into view; -1 clears the selection.
    void setCurrentIndex(int index);

    // Returns what the tooltip says about a step (plain text; the view escapes it).
    using TooltipProvider = std::function<QString(int index)>;
    void setTooltipProvider(TooltipProvider provider) { m_tooltip = std::move(provider); }

    void nextStep() { step(+1); }
    void previousStep() { step(-1); }
    bool nextError();
    bool previousError();
    bool nextEvidence();
    bool previousEvidence();
    void zoomIn();
    void zoomOut();
    void fit();
    // Renders what the viewport shows into `image` (sized to the viewport), for benchmarks.
    void renderFrame(QPaintDevice *device, const QSize &size);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void currentChanged(int index);
    // Enter, or a double click on a step: the reader wants the step itself.
    void stepActivated(int index);
    void leaveRequested();
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void step(int delta);
    bool jumpTo(int index);
    void zoomBy(double factor, double x);
    double zoomAnchorX() const;
    void layoutGeometry();
    void syncScrollBar();
    void viewMoved();
    int indexAt(QPoint pos) const;

    std::shared_ptr<const TimelineData> m_data;
    TimelineGeometry m_geo;
    int m_current = -1;
    TooltipProvider m_tooltip;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragging = false;
    bool m_syncing = false;
};

} // namespace reverie::ui
