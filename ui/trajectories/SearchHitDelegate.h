#pragma once

#include <QStyledItemDelegate>

namespace reverie::ui {

// Paints a search hit in two lines: the run and step, then the snippet with each match on a
// highlight. The snippet is laid out as plain text with format ranges, never as HTML, so a
// step containing markup shows the markup.
class SearchHitDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace reverie::ui
