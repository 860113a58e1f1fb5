#pragma once

#include "ui/transcript/TranscriptEntries.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

struct TimelineData;

// A transcript as Markdown for pasting into notes and issues. The run's words are untrusted:
// each text goes in a fenced block longer than any backtick run inside it, and names (tools,
// roles) are backslash-escaped, so no text can open a heading, a link or end its block.
class TranscriptMarkdown {
    Q_DECLARE_TR_FUNCTIONS(TranscriptMarkdown)
public:
    struct Part {
        int kind = 0;          // StepKind
        int seq = 0;
        QString role;
        QString tool;
        QString text;
        bool error = false;
    };
    struct Item {
        Part step;
        bool hasResult = false;
        Part result;
    };

    static QString format(const std::vector<Item> &items);
    // Reads the entries' texts on the calling (worker) thread and formats them.
    static QString read(store::Workspace &ws, const TimelineData &data,
                        const std::vector<TranscriptEntries::Entry> &entries, const std::atomic_bool &stale);

    // `text` as one line whose Markdown specials are escaped.
    static QString escapeInline(const QString &text);
    // `text` in a fenced code block that nothing inside it can close.
    static QString fenced(const QString &text);
};

} // namespace reverie::ui
