#pragma once

#include <QCoreApplication>
#include <QFont>
#include <QRect>
#include <QString>

class QTextLayout;

namespace reverie::ui {

// What one transcript row shows, gathered from the model's roles.
struct TranscriptRowContent {
    bool loaded = false;
    QString text;
    bool hasResult = false;
    QString resultText;
    bool resultFolded = false;
    bool showAll = false;
    int showAllLines = 400;   // how many lines "show all" may use: the view's height
};

// Where the parts of a transcript row go, for a given width and font: the header line, the
// step's text, the folded result's header and text, and the "show all" lines of texts cut
// short. Plain geometry (no painting) so that sizeHint, paint and clicks agree.
struct TranscriptLayout {
    Q_DECLARE_TR_FUNCTIONS(TranscriptLayout)
public:
    // A collapsed text shows this many lines; "show all" at most kMaxLines, and never more than
    // the view holds (TranscriptRowContent::showAllLines): rows scroll as whole items, so a row
    // taller than the view could not be read to its end. The step pane has all of any step.
    static constexpr int kCollapsedLines = 5;
    static constexpr int kMaxLines = 400;
    static constexpr int kPad = 6;
    static constexpr int kStripe = 4;   // the kind's colour at the left edge
    static constexpr int kIndent = 14;  // texts sit under their header's words

    struct Block {
        QRect rect;             // the laid-out lines
        int lines = 0;
        bool cut = false;       // more text than shown
        QRect more;             // the "show all" line when cut
    };

    int height = 0;
    QRect header;
    Block body;
    QRect resultHeader;         // empty when the entry has no result
    Block result;

    static TranscriptLayout compute(const QFont &font, int width, const TranscriptRowContent &row);

    // Lays `text` out into `layout` (set up by prepare) for `width`, at most `maxLines`; returns
    // the lines made and sets `cut` when text was left over.
    static int layoutLines(QTextLayout &layout, int width, int maxLines, bool *cut);
    // The part of a text a row lays out, with line breaks the layout understands. A collapsed
    // row never lays out more than its first few thousand characters, however long the text.
    static QString shownText(const QString &text, bool showAll);
    static QString moreText(const QString &text);
};

} // namespace reverie::ui
