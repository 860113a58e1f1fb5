#pragma once

#include <QStyledItemDelegate>

namespace reverie::ui {

// Paints one heat map cell: its colour, the rate large, the run count and the interval below;
// muted (pale fill, faint text) when few runs back it. Text is drawn as plain text.
class HeatCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace reverie::ui
