#pragma once

#include <QHash>
#include <QPoint>
#include <QStyledItemDelegate>

namespace reverie::ui {

struct TranscriptRowContent;

// Paints a transcript row with QTextLayout: plain text always (the words are the run's, never
// markup), search terms on a highlight, errors in red, long texts cut with a "show all" line.
// Heights are computed when a row is first shown and cached by step, width and fold state.
class TranscriptDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // What a click at `pos` (in the row's coordinates) would do.
    enum class Hit { None, ResultHeader, ShowAll };
    Hit hitTest(const QStyleOptionViewItem &option, const QModelIndex &index, QPoint pos) const;
    // How many lines "show all" may use: what the view holds (TranscriptLayout).
    void setShowAllLines(int lines);
    int showAllLines() const { return m_showAllLines; }

    static TranscriptRowContent contentOf(const QModelIndex &index);
    // Another run (or font): the cached heights belong to rows that are gone.
    void clearCache() { m_heights.clear(); }

private:
    struct CachedHeight {
        int width = -1;
        int state = -1;
        int height = 0;
    };
    mutable QHash<int, CachedHeight> m_heights;   // by step index
    int m_showAllLines = 400;
};

} // namespace reverie::ui
