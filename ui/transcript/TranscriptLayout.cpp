#include "ui/transcript/TranscriptLayout.h"

#include <QFontMetrics>
#include <QLocale>
#include <QTextLayout>

namespace reverie::ui {

namespace {
// Enough characters for kCollapsedLines full lines on any sensible width.
constexpr int kCollapsedChars = 2000;
constexpr int kShowAllChars = 200000;
constexpr int kGap = 4;
} // namespace

QString TranscriptLayout::shownText(const QString &text, bool showAll)
{
    QString shown = text.left(showAll ? kShowAllChars : kCollapsedChars);
    shown.replace(QLatin1String("\r\n"), QStringLiteral("\n"));
    shown.replace(QLatin1Char('\n'), QChar::LineSeparator);
    return shown;
}

QString TranscriptLayout::moreText(const QString &text)
{
    return tr("show all (%1 characters)").arg(QLocale().toString(text.size()));
}

int TranscriptLayout::layoutLines(QTextLayout &layout, int width, int maxLines, bool *cut)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    const QFontMetrics fm(layout.font());
    int lines = 0;
    qreal y = 0;
    *cut = false;
    layout.beginLayout();
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        if (lines == maxLines) {
            // A line that exists but is not shown: drop it (zero width) and say so.
            line.setLineWidth(0);
            *cut = true;
            break;
        }
        line.setLineWidth(qMax(1, width));
        line.setPosition(QPointF(0, y));
        y += fm.lineSpacing();
        ++lines;
    }
    layout.endLayout();
    return lines;
}

namespace {
TranscriptLayout::Block placeBlock(const QFont &font, const QString &text, bool showAll, int maxLines, int left,
                                   int width, int top, bool loaded)
{
    TranscriptLayout::Block b;
    const QFontMetrics fm(font);
    if (!loaded) {
        b.lines = 1;   // a placeholder line until the text arrives
    } else if (!text.isEmpty()) {
        QTextLayout layout(TranscriptLayout::shownText(text, showAll), font);
        b.lines = TranscriptLayout::layoutLines(layout, width, maxLines, &b.cut);
        if (text.size() > (showAll ? kShowAllChars : kCollapsedChars))
            b.cut = true;   // only the start was laid out
    }
    b.rect = QRect(left, top, width, b.lines * fm.lineSpacing());
    // Cut short: a line offers the rest. Shown in full: a line folds it back, when there was
    // anything to fold.
    const bool longText = b.lines > TranscriptLayout::kCollapsedLines || text.size() > kCollapsedChars;
    if (loaded && (b.cut || (showAll && longText)))
        b.more = QRect(left, b.rect.bottom() + 1, width, fm.lineSpacing());
    return b;
}
// The lines `text` needs at `width`, up to `cap`.
int linesNeeded(const QFont &font, const QString &text, int width, int cap)
{
    if (text.isEmpty())
        return 0;
    QTextLayout layout(TranscriptLayout::shownText(text, true), font);
    bool cut = false;
    return TranscriptLayout::layoutLines(layout, width, cap, &cut);
}

// Shares the lines "show all" may use between a row's two texts: each gets what it needs when
// both fit, else the shorter gets its need (up to half) and the longer the rest.
void shareLines(const QFont &font, const TranscriptRowContent &row, int inner, int *body, int *result)
{
    using L = TranscriptLayout;
    const bool twoTexts = row.hasResult && !row.resultFolded;
    const int budget = qBound(L::kCollapsedLines, row.showAllLines - (twoTexts ? 4 : 2), L::kMaxLines);
    if (!twoTexts) {
        *body = budget;
        return;
    }
    const int needBody = linesNeeded(font, row.text, inner - L::kIndent, budget);
    const int needResult = linesNeeded(font, row.resultText, inner - 2 * L::kIndent, budget);
    if (needBody + needResult <= budget) {
        *body = qMax(needBody, L::kCollapsedLines);
        *result = qMax(needResult, L::kCollapsedLines);
    } else if (needBody <= budget / 2) {
        *body = qMax(needBody, L::kCollapsedLines);
        *result = qMax(budget - needBody, L::kCollapsedLines);
    } else if (needResult <= budget / 2) {
        *result = qMax(needResult, L::kCollapsedLines);
        *body = qMax(budget - needResult, L::kCollapsedLines);
    } else {
        *body = qMax(budget / 2, L::kCollapsedLines);
        *result = qMax(budget - budget / 2, L::kCollapsedLines);
    }
}
} // namespace

TranscriptLayout TranscriptLayout::compute(const QFont &font, int width, const TranscriptRowContent &row)
{
    TranscriptLayout l;
    const QFontMetrics fm(font);
    const int left = kStripe + kPad;
    const int inner = qMax(40, width - left - kPad);
    int y = kPad;
    l.header = QRect(left, y, inner, fm.height());
    y += fm.height() + 2;
    int bodyLines = kCollapsedLines;
    int resultLines = kCollapsedLines;
    if (row.showAll && row.loaded)
        shareLines(font, row, inner, &bodyLines, &resultLines);
    l.body = placeBlock(font, row.text, row.showAll, bodyLines, left + kIndent, inner - kIndent, y, row.loaded);
    y = l.body.rect.top() + l.body.rect.height() + l.body.more.height();
    if (row.hasResult) {
        y += kGap;
        l.resultHeader = QRect(left + kIndent, y, inner - kIndent, fm.height());
        y += fm.height() + 2;
        if (!row.resultFolded) {
            l.result = placeBlock(font, row.resultText, row.showAll, resultLines, left + 2 * kIndent, inner - 2 * kIndent,
                                  y, row.loaded);
            y = l.result.rect.top() + l.result.rect.height() + l.result.more.height();
        }
    }
    l.height = y + kPad;
    return l;
}

} // namespace reverie::ui
