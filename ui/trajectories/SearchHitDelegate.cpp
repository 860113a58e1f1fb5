#include "ui/trajectories/SearchHitDelegate.h"

#include "ui/models/SearchHitModel.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>
#include <QTextLayout>

namespace reverie::ui {

namespace {
constexpr int kPad = 4;
}

void SearchHitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor textColor = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QRect r = opt.rect.adjusted(kPad + 2, kPad, -kPad, -kPad);
    const QFontMetrics fm(opt.font);

    painter->save();
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColor);
    const QString title = tr("%1 · step %2")
                              .arg(index.data(SearchHitModel::ExternalIdRole).toString())
                              .arg(index.data(SearchHitModel::SeqRole).toInt());
    painter->drawText(QRect(r.left(), r.top(), r.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(title, Qt::ElideRight, r.width()));

    // The snippet: plain text, with the matched ranges on a highlight.
    const QString snippet = index.data(SearchHitModel::SnippetRole).toString();
    QList<QTextLayout::FormatRange> formats;
    for (const QVariant &v : index.data(SearchHitModel::HighlightsRole).toList()) {
        const QPoint range = v.toPoint();
        QTextLayout::FormatRange f;
        f.start = range.x();
        f.length = range.y();
        f.format.setBackground(QColor(0xff, 0xe0, 0x80));
        f.format.setForeground(QColor(0x20, 0x20, 0x20));
        f.format.setFontWeight(QFont::DemiBold);
        formats << f;
    }
    QTextLayout layout(snippet, opt.font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::NoWrap);
    layout.setTextOption(textOption);
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    if (line.isValid())
        line.setLineWidth(1e6);
    layout.endLayout();
    const QRect snippetRect(r.left(), r.top() + fm.height() + 2, r.width(), fm.height());
    painter->setClipRect(snippetRect);
    painter->setPen(textColor);
    layout.draw(painter, snippetRect.topLeft());
    painter->restore();
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    return {200, 2 * fm.height() + 2 + 2 * kPad};
}

} // namespace reverie::ui
