#pragma once

#include "core/model/Playbook.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QUndoStack;

namespace reverie::ui {

class DiffView;
class TextUndo;

// Edit a proposal's rule text before approving it: a live word diff against the current rule
// (or the proposed text), undo/redo through a QUndoStack, and a reason (required when the
// proposal is high-stakes). Submitting hands the text to the caller; the ledger decides.
class RuleEditorDialog : public QDialog {
    Q_OBJECT
public:
    RuleEditorDialog(const Proposal &proposal, const QString &currentText, QWidget *parent = nullptr);

    QString text() const;
    QString reason() const;
    QUndoStack *undoStack() const { return m_stack; }
    QPlainTextEdit *editor() const { return m_editor; }

Q_SIGNALS:
    void submitted(const QString &text, const QString &reason);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateDiff();
    void updateOk();
    void submit();

    Proposal m_proposal;
    QString m_current;
    QPlainTextEdit *m_editor = nullptr;
    QLineEdit *m_reason = nullptr;
    QComboBox *m_compare = nullptr;
    DiffView *m_diff = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_ok = nullptr;
    QUndoStack *m_stack = nullptr;
    TextUndo *m_undo = nullptr;
};

} // namespace reverie::ui
