#include "ui/common/DiffDocument.h"

#include <QBrush>
#include <QColor>
#include <QTextCursor>
#include <QTextDocument>

namespace reverie::ui::diff {

QTextCharFormat deleteFormat()
{
    QTextCharFormat f;
    f.setBackground(QColor(0xff, 0xd7, 0xd5));
    f.setForeground(QColor(0x82, 0x07, 0x1e));
    f.setFontStrikeOut(true);
    return f;
}

QTextCharFormat insertFormat()
{
    QTextCharFormat f;
    f.setBackground(QColor(0xcc, 0xf5, 0xd3));
    f.setForeground(QColor(0x05, 0x50, 0x1e));
    f.setFontUnderline(true);
    return f;
}

void writeSegments(QTextCursor &cursor, const std::vector<playbook::DiffSegment> &segments, Pane pane)
{
    const QTextCharFormat plain;
    using Op = playbook::DiffSegment::Op;
    for (const playbook::DiffSegment &s : segments) {
        switch (s.op) {
        case Op::Equal:
            cursor.insertText(s.text, plain);
            break;
        case Op::Delete:
            if (pane != Pane::After)
                cursor.insertText(s.text, deleteFormat());
            break;
        case Op::Insert:
            if (pane != Pane::Before)
                cursor.insertText(s.text, insertFormat());
            break;
        }
    }
    cursor.setCharFormat(plain);
}

void fillDocument(QTextDocument *doc, const std::vector<playbook::DiffSegment> &segments, Pane pane,
                  const QString &emptyNote)
{
    doc->clear();
    QTextCursor cursor(doc);
    writeSegments(cursor, segments, pane);
    if (doc->isEmpty() && !emptyNote.isEmpty()) {
        QTextCharFormat note;
        note.setFontItalic(true);
        note.setForeground(QColor(0x70, 0x70, 0x70));
        cursor.insertText(emptyNote, note);
    }
}

} // namespace reverie::ui::diff
