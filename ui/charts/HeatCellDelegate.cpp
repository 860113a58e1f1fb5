#include "ui/charts/HeatCellDelegate.h"

#include "ui/charts/HeatMapData.h"
#include "ui/charts/PortabilityModel.h"

#include <QFontMetrics>
#include <QPainter>

namespace reverie::ui {

namespace {
constexpr int kPadding = 6;
}

void HeatCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant rate = index.data(PortabilityModel::RateRole);
    const bool few = index.data(PortabilityModel::FewRunsRole).toBool();
    const QColor base = option.palette.color(QPalette::Base);
    const QRect cell = option.rect.adjusted(1, 1, -1, -1);

    painter->save();
    QColor fill = base;
    QColor text = option.palette.color(QPalette::PlaceholderText);
    if (rate.isValid()) {
        fill = charts::heatColour(rate.toDouble(), index.data(PortabilityModel::JudgedRole).toInt(), base);
        text = charts::textColourOn(fill);
        if (few)
            text.setAlphaF(0.6f);   // faint as well as pale: a colour alone is not enough to see
    }
    painter->fillRect(cell, fill);

    const QString rateText = index.data(PortabilityModel::RateTextRole).toString();
    const QString runs = index.data(PortabilityModel::RunsTextRole).toString();
    const QString interval = index.data(PortabilityModel::IntervalTextRole).toString();
    QFont big = option.font;
    big.setBold(!few);
    big.setItalic(few);
    big.setPointSizeF(option.font.pointSizeF() * 1.2);
    QFont small = option.font;
    small.setItalic(few);
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QRect inner = cell.adjusted(kPadding, kPadding / 2, -kPadding, -kPadding / 2);
    const int bigHeight = QFontMetrics(big).height();
    const int smallHeight = QFontMetrics(small).height();
    const int total = bigHeight + 2 * smallHeight;
    int y = inner.top() + qMax(0, (inner.height() - total) / 2);
    painter->setPen(text);
    // drawText(QRect, flags, QString) never interprets markup.
    painter->setFont(big);
    painter->drawText(QRect(inner.left(), y, inner.width(), bigHeight), Qt::AlignCenter, rateText);
    y += bigHeight;
    painter->setFont(small);
    painter->drawText(QRect(inner.left(), y, inner.width(), smallHeight), Qt::AlignCenter, runs);
    y += smallHeight;
    painter->drawText(QRect(inner.left(), y, inner.width(), smallHeight), Qt::AlignCenter, interval);

    // Where the keyboard is: a frame in the highlight colour, visible on any fill.
    if (option.state & (QStyle::State_Selected | QStyle::State_HasFocus)) {
        QPen pen(option.palette.color(QPalette::Highlight), 3);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(cell.adjusted(1, 1, -2, -2));
    }
    painter->restore();
}

QSize HeatCellDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont big = option.font;
    big.setBold(true);
    big.setPointSizeF(option.font.pointSizeF() * 1.2);
    QFont small = option.font;
    small.setPointSizeF(option.font.pointSizeF() * 0.85);
    const QFontMetrics bigMetrics(big), smallMetrics(small);
    const QStringList texts{index.data(PortabilityModel::RunsTextRole).toString(),
                            index.data(PortabilityModel::IntervalTextRole).toString()};
    int width = bigMetrics.horizontalAdvance(index.data(PortabilityModel::RateTextRole).toString());
    for (const QString &t : texts)
        width = qMax(width, smallMetrics.horizontalAdvance(t));
    return QSize(qMax(width, 64) + 2 * kPadding, bigMetrics.height() + 2 * smallMetrics.height() + kPadding + 2);
}

} // namespace reverie::ui
