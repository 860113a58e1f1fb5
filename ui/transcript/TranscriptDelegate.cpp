#include "ui/transcript/TranscriptDelegate.h"

#include "core/model/Step.h"
#include "ui/timeline/TimelinePainter.h"
#include "ui/transcript/TranscriptLayout.h"
#include "ui/transcript/TranscriptModel.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>
#include <QTextLayout>

namespace reverie::ui {

namespace {
// Rows seen before the cache starts over: a long scroll through a big run must not keep them all.
constexpr int kMaxCachedHeights = 20000;

QColor highlightColor() { return QColor(0xff, 0xe0, 0x80); }

// Every case-insensitive occurrence of the terms, as formats for a QTextLayout.
QList<QTextLayout::FormatRange> highlights(const QString &text, const QStringList &terms)
{
    QList<QTextLayout::FormatRange> formats;
    for (const QString &term : terms) {
        for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(term, at + term.size(), Qt::CaseInsensitive)) {
            QTextLayout::FormatRange f;
            f.start = int(at);
            f.length = int(term.size());
            f.format.setBackground(highlightColor());
            f.format.setForeground(QColor(0x20, 0x20, 0x20));
            formats << f;
        }
    }
    return formats;
}

const QStringList &termsOf(const QModelIndex &index)
{
    static const QStringList none;
    const auto *model = qobject_cast<const TranscriptModel *>(index.model());
    return model ? model->searchTerms() : none;
}

void drawBlock(QPainter *painter, const QFont &font, const QString &text, bool showAll,
               const TranscriptLayout::Block &block, const QStringList &terms, const QColor &color)
{
    QTextLayout layout(TranscriptLayout::shownText(text, showAll), font);
    layout.setFormats(highlights(layout.text(), terms));
    bool cut = false;
    TranscriptLayout::layoutLines(layout, block.rect.width(), block.lines, &cut);   // as sizeHint laid it out
    painter->setPen(color);
    layout.draw(painter, block.rect.topLeft());
}

void drawMore(QPainter *painter, const QFont &font, const QString &text, bool showAll,
              const TranscriptLayout::Block &block, const QColor &link)
{
    if (block.more.isEmpty())
        return;
    QFont f = font;
    f.setUnderline(true);
    painter->setFont(f);
    painter->setPen(link);
    const QString label = showAll ? (block.cut ? TranscriptDelegate::tr("show less (the step pane has all of it)")
                                               : TranscriptDelegate::tr("show less"))
                                  : TranscriptLayout::moreText(text);
    painter->drawText(block.more, Qt::AlignLeft | Qt::AlignVCenter, label);
    painter->setFont(font);
}

// "Task", "assistant", "Tool call": what the entry is, as its header says.
QString entryTitle(const QModelIndex &index)
{
    const int kind = index.data(TranscriptModel::KindRole).toInt();
    const QString role = index.data(TranscriptModel::RoleRole).toString();
    if (StepKind(kind) == StepKind::Message && !role.isEmpty())
        return role;
    if (StepKind(kind) == StepKind::Observation)
        return TranscriptDelegate::tr("Result");
    return TimelinePainter::laneName(kind);
}
} // namespace

TranscriptRowContent TranscriptDelegate::contentOf(const QModelIndex &index)
{
    TranscriptRowContent c;
    c.loaded = index.data(TranscriptModel::LoadedRole).toBool();
    c.text = index.data(TranscriptModel::TextRole).toString();
    c.hasResult = index.data(TranscriptModel::ResultStepRole).toInt() >= 0;
    c.resultText = index.data(TranscriptModel::ResultTextRole).toString();
    c.resultFolded = index.data(TranscriptModel::ResultFoldedRole).toBool();
    c.showAll = index.data(TranscriptModel::ShowAllRole).toBool();
    return c;
}

QSize TranscriptDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = option.rect.width() > 0 ? option.rect.width()
                                               : (option.widget ? option.widget->width() : 600);
    const int step = index.data(TranscriptModel::StepIndexRole).toInt();
    TranscriptRowContent c = contentOf(index);
    c.showAllLines = m_showAllLines;
    const int state = int(c.loaded) | int(c.resultFolded) << 1 | int(c.showAll) << 2;
    const auto it = m_heights.constFind(step);
    if (it != m_heights.cend() && it->width == width && it->state == state)
        return {width, it->height};
    if (m_heights.size() > kMaxCachedHeights)
        m_heights.clear();
    const int height = TranscriptLayout::compute(option.font, width, c).height;
    m_heights.insert(step, {width, state, height});
    return {width, height};
}

void TranscriptDelegate::setShowAllLines(int lines)
{
    if (lines == m_showAllLines)
        return;
    m_showAllLines = lines;
    m_heights.clear();
}

TranscriptDelegate::Hit TranscriptDelegate::hitTest(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                    QPoint pos) const
{
    TranscriptRowContent c = contentOf(index);
    c.showAllLines = m_showAllLines;
    const TranscriptLayout l = TranscriptLayout::compute(option.font, option.rect.width(), c);
    if (l.body.more.contains(pos) || l.result.more.contains(pos))
        return Hit::ShowAll;
    if (!l.resultHeader.isEmpty() && l.resultHeader.contains(pos))
        return Hit::ResultHeader;
    return Hit::None;
}

void TranscriptDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // A row on screen needs its words; rows only measured do not (TranscriptModel::fetchTexts).
    if (const auto *model = qobject_cast<const TranscriptModel *>(index.model()))
        model->fetchTexts(index.row());
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = {};
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : opt.palette.color(group, QPalette::PlaceholderText);
    const QColor link = selected ? text : opt.palette.color(group, QPalette::Link);
    const QColor error = selected ? text : TimelinePainter::errorColor();

    TranscriptRowContent c = contentOf(index);
    c.showAllLines = m_showAllLines;
    const TranscriptLayout l = TranscriptLayout::compute(opt.font, opt.rect.width(), c);
    const bool stepError = index.data(TranscriptModel::ErrorRole).toBool();
    const bool resultError = index.data(TranscriptModel::ResultErrorRole).toBool();
    const int kind = index.data(TranscriptModel::KindRole).toInt();
    const QStringList &terms = termsOf(index);

    painter->save();
    painter->translate(opt.rect.topLeft());
    painter->setClipRect(QRect(QPoint(0, 0), opt.rect.size()));
    // The kind's colour down the left edge; red when the step or its result failed.
    painter->fillRect(QRect(0, 0, TranscriptLayout::kStripe, opt.rect.height()),
                      stepError || resultError ? TimelinePainter::errorColor() : TimelinePainter::kindColor(kind));

    // Header: who or what, the tool, the step number, and whether it failed.
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics fm(opt.font);
    QString title = entryTitle(index);
    const QString tool = index.data(TranscriptModel::ToolRole).toString();
    const QString seq = tr("#%1").arg(index.data(TranscriptModel::SeqRole).toInt());
    const int seqWidth = fm.horizontalAdvance(seq) + 8;
    int x = l.header.left();
    painter->setFont(bold);
    painter->setPen(text);
    title = boldMetrics.elidedText(title, Qt::ElideRight, l.header.width() / 2);
    painter->drawText(QRect(x, l.header.top(), l.header.width(), l.header.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      title);
    x += boldMetrics.horizontalAdvance(title) + 8;
    painter->setFont(opt.font);
    if (stepError) {
        const QString mark = tr("error");
        painter->setPen(error);
        painter->drawText(QRect(x, l.header.top(), l.header.right() - x, l.header.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, mark);
        x += fm.horizontalAdvance(mark) + 8;
    }
    if (!tool.isEmpty()) {
        painter->setPen(text);
        painter->drawText(QRect(x, l.header.top(), qMax(0, l.header.right() - seqWidth - x), l.header.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          fm.elidedText(tool, Qt::ElideRight, qMax(0, l.header.right() - seqWidth - x)));
    }
    painter->setPen(dim);
    painter->drawText(l.header, Qt::AlignRight | Qt::AlignVCenter, seq);

    if (!c.loaded) {
        painter->setPen(dim);
        painter->drawText(l.body.rect, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("…"));
    } else {
        drawBlock(painter, opt.font, c.text, c.showAll, l.body, terms, text);
        drawMore(painter, opt.font, c.text, c.showAll, l.body, link);
    }

    if (c.hasResult) {
        // The result under its call: a header that folds it, then its words.
        QString head = (c.resultFolded ? QStringLiteral("▸ ") : QStringLiteral("▾ ")) + tr("Result");
        if (resultError)
            head += QStringLiteral(" · ") + tr("error");
        if (c.resultFolded && c.loaded)
            head += QStringLiteral(" · ") + tr("folded, %n character(s)", nullptr, int(c.resultText.size()));
        painter->setFont(bold);
        painter->setPen(resultError ? error : dim);
        painter->drawText(l.resultHeader, Qt::AlignLeft | Qt::AlignVCenter,
                          boldMetrics.elidedText(head, Qt::ElideRight, l.resultHeader.width()));
        painter->setFont(opt.font);
        if (!c.resultFolded && c.loaded) {
            drawBlock(painter, opt.font, c.resultText, c.showAll, l.result, terms, text);
            drawMore(painter, opt.font, c.resultText, c.showAll, l.result, link);
        }
    }
    // A hairline between entries: rows differ in height, so the eye needs the edge.
    painter->setPen(opt.palette.color(QPalette::Midlight));
    painter->drawLine(0, opt.rect.height() - 1, opt.rect.width(), opt.rect.height() - 1);
    painter->restore();
}

} // namespace reverie::ui
