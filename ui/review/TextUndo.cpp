#include "ui/review/TextUndo.h"

#include <QKeyEvent>
#include <QKeySequence>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QUndoCommand>
#include <QUndoStack>

#include <functional>

namespace reverie::ui {

namespace {

// Where `before` and `after` stop agreeing from the front and from the back.
struct Change {
    int prefix = 0;
    int oldEnd = 0;   // end of the changed region in `before`
    int newEnd = 0;   // ... in `after`
};

Change changeBetween(const QString &before, const QString &after)
{
    Change c;
    const int n = int(qMin(before.size(), after.size()));
    while (c.prefix < n && before[c.prefix] == after[c.prefix])
        ++c.prefix;
    int suffix = 0;
    while (suffix < n - c.prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
        ++suffix;
    c.oldEnd = int(before.size()) - suffix;
    c.newEnd = int(after.size()) - suffix;
    return c;
}

class TextChangeCommand : public QUndoCommand {
public:
    TextChangeCommand(std::function<void(const QString &, int)> setText, QString before, QString after, bool alreadyDone)
        : m_setText(std::move(setText)), m_before(std::move(before)), m_after(std::move(after)), m_skipRedo(alreadyDone)
    {
        const Change c = changeBetween(m_before, m_after);
        // One character typed (not a space): the start or the continuation of a word.
        m_typing = c.oldEnd == c.prefix && c.newEnd == c.prefix + 1 && !m_after[c.prefix].isSpace();
        m_end = c.newEnd;
        setText_(TextUndo::tr("Edit rule text"));
    }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const TextChangeCommand *>(other);
        if (!m_typing || !o->m_typing || o->m_before != m_after || o->m_end != m_end + 1)
            return false;
        m_after = o->m_after;
        m_end = o->m_end;
        return true;
    }
    void undo() override
    {
        m_setText(m_before, changeBetween(m_after, m_before).newEnd);
    }
    void redo() override
    {
        if (m_skipRedo) {   // the editor already shows the change that pushed this command
            m_skipRedo = false;
            return;
        }
        m_setText(m_after, changeBetween(m_before, m_after).newEnd);
    }

private:
    void setText_(const QString &t) { QUndoCommand::setText(t); }
    std::function<void(const QString &, int)> m_setText;
    QString m_before;
    QString m_after;
    bool m_skipRedo = false;
    bool m_typing = false;
    int m_end = 0;
};

} // namespace

TextUndo::TextUndo(QPlainTextEdit *edit, QUndoStack *stack, QObject *parent)
    : QObject(parent), m_edit(edit), m_stack(stack), m_last(edit->toPlainText())
{
    m_edit->setUndoRedoEnabled(false);   // the stack is the only history
    m_edit->installEventFilter(this);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &TextUndo::onTextChanged);
}

void TextUndo::apply(const QString &text, int cursor)
{
    const QString before = m_edit->toPlainText();
    if (text == before)
        return;
    setEditorText(text, cursor);
    m_stack->push(new TextChangeCommand([this](const QString &t, int pos) { setEditorText(t, pos); }, before, text, true));
}

void TextUndo::setEditorText(const QString &text, int cursor)
{
    m_applying = true;
    m_edit->setPlainText(text);
    QTextCursor c = m_edit->textCursor();
    c.setPosition(qBound(0, cursor, int(text.size())));
    m_edit->setTextCursor(c);
    m_last = text;
    m_applying = false;
}

void TextUndo::onTextChanged()
{
    if (m_applying)
        return;
    const QString now = m_edit->toPlainText();
    if (now == m_last)
        return;
    const QString before = m_last;
    m_last = now;
    m_stack->push(new TextChangeCommand([this](const QString &t, int pos) { setEditorText(t, pos); }, before, now, true));
}

bool TextUndo::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_edit || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const bool undo = key->matches(QKeySequence::Undo);
    const bool redo = key->matches(QKeySequence::Redo)
                      || (key->key() == Qt::Key_Y && key->modifiers() == Qt::ControlModifier);
    if (!undo && !redo)
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept();   // keep the key for the editor, where the stack handles it
        return true;
    }
    if (undo)
        m_stack->undo();
    else
        m_stack->redo();
    return true;
}

} // namespace reverie::ui
