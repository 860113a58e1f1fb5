#pragma once

#include "core/playbook/WordDiff.h"

#include <QTextCharFormat>

#include <vector>

class QTextCursor;
class QTextDocument;

namespace reverie::ui::diff {

// Which text a pane shows: both (inline), the old text, or the new one.
enum class Pane { Inline, Before, After };

// Deleted words: struck through on red; inserted words: underlined on green. The colour is
// never the only signal, so the diff reads the same without it.
QTextCharFormat deleteFormat();
QTextCharFormat insertFormat();

// Appends the segments at the cursor as plain text runs (QTextCursor::insertText: no markup
// is ever interpreted, so a rule that contains "<b>" shows "<b>").
void writeSegments(QTextCursor &cursor, const std::vector<playbook::DiffSegment> &segments, Pane pane);

// Replaces the document's content with one pane of the diff; `emptyNote` is shown (in grey
// italics) when the pane has no text at all, e.g. the old side of an added rule.
void fillDocument(QTextDocument *doc, const std::vector<playbook::DiffSegment> &segments, Pane pane,
                  const QString &emptyNote = QString());

} // namespace reverie::ui::diff
