#pragma once

#include <QObject>
#include <QString>

class QPlainTextEdit;
class QUndoStack;

namespace reverie::ui {

// Routes a QPlainTextEdit's editing history through a QUndoStack, so undo/redo are commands
// that the editor's buttons, shortcuts and tests all share: each change of the text pushes a
// command holding the text before and after; typing a word merges into one command.
class TextUndo : public QObject {
    Q_OBJECT
public:
    TextUndo(QPlainTextEdit *edit, QUndoStack *stack, QObject *parent = nullptr);

    QPlainTextEdit *edit() const { return m_edit; }
    QUndoStack *stack() const { return m_stack; }
    // Puts text into the editor as a command (undo brings the old text back).
    void apply(const QString &text, int cursor);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextChanged();
    void setEditorText(const QString &text, int cursor);

    QPlainTextEdit *m_edit;
    QUndoStack *m_stack;
    QString m_last;
    bool m_applying = false;
};

} // namespace reverie::ui
