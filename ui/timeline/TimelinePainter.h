#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPainter;
class QPalette;

namespace reverie::ui {

class TimelineGeometry;
struct TimelineData;

// Paints a timeline: lanes, axis, step marks, error and evidence markers, the current step.
// Touches only the steps in the visible index range, and merges marks that fall on the same
// pixels, so a frame costs about the same at any zoom and any trajectory length.
class TimelinePainter {
    Q_DECLARE_TR_FUNCTIONS(TimelinePainter)
public:
    static void paint(QPainter &p, const TimelineGeometry &g, const TimelineData *data, int current,
                      const QPalette &palette, bool focused);

    static QColor kindColor(int kind);
    static QColor errorColor() { return QColor(0xd6, 0x3a, 0x3a); }
    static QColor evidenceColor() { return QColor(0xe6, 0xa8, 0x17); }
    static QString laneName(int kind);
    // "+1.5 s", "+2 min", "#120": what an axis tick says.
    static QString tickLabel(double value, double step, bool timeAxis);
};

} // namespace reverie::ui
