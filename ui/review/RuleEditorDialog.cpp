#include "ui/review/RuleEditorDialog.h"

#include "ui/review/DiffView.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/TextUndo.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace reverie::ui {

RuleEditorDialog::RuleEditorDialog(const Proposal &proposal, const QString &currentText, QWidget *parent)
    : QDialog(parent), m_proposal(proposal), m_current(currentText)
{
    setObjectName(QStringLiteral("ruleEditorDialog"));
    setWindowTitle(tr("Edit proposal #%1 before approving").arg(proposal.id));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(720, 520);
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("%1 · %2 — what you write here is what lands in the playbook; the proposed text is kept on the proposal.")
                                 .arg(ProposalQueueModel::operationLabel(proposal.op), ProposalQueueModel::stakesLabel(proposal.stakes)),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_stack = new QUndoStack(this);
    auto *tools = new QHBoxLayout;
    QAction *undo = m_stack->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_stack->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        auto *b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        tools->addWidget(b);
    }
    undo->setObjectName(QStringLiteral("editUndo"));
    redo->setObjectName(QStringLiteral("editRedo"));
    tools->addStretch(1);
    tools->addWidget(new QLabel(tr("Compare with:"), this));
    m_compare = new QComboBox(this);
    m_compare->setObjectName(QStringLiteral("editCompare"));
    m_compare->addItem(tr("Current rule"));
    m_compare->addItem(tr("Proposed text"));
    if (proposal.op == ProposalOp::Add)
        m_compare->setCurrentIndex(1);
    tools->addWidget(m_compare);
    layout->addLayout(tools);

    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("ruleEditor"));
    m_editor->setPlainText(proposal.text);
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumBlockCount(0);
    layout->addWidget(m_editor, 2);
    m_undo = new TextUndo(m_editor, m_stack, this);

    m_diff = new DiffView(this);
    m_diff->setObjectName(QStringLiteral("editDiff"));
    m_diff->setMode(1);
    layout->addWidget(m_diff, 2);

    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("editReason"));
    m_reason->setPlaceholderText(proposal.stakes == Stakes::High ? tr("Required for a high-stakes change")
                                                                 : tr("Optional"));
    form->addRow(tr("Reason:"), m_reason);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setTextFormat(Qt::PlainText);
    layout->addWidget(m_hint);

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(tr("Approve edited rule"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("editApprove"));
    m_ok->setToolTip(tr("Ctrl+Enter"));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    auto *submitAction = new QAction(this);
    submitAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    submitAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(submitAction);

    connect(submitAction, &QAction::triggered, this, &RuleEditorDialog::submit);
    connect(buttons, &QDialogButtonBox::accepted, this, &RuleEditorDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        updateDiff();
        updateOk();
    });
    connect(m_reason, &QLineEdit::textChanged, this, &RuleEditorDialog::updateOk);
    connect(m_compare, &QComboBox::currentIndexChanged, this, &RuleEditorDialog::updateDiff);
    updateDiff();
    updateOk();
    m_editor->moveCursor(QTextCursor::End);
}

QString RuleEditorDialog::text() const { return m_editor->toPlainText().trimmed(); }

QString RuleEditorDialog::reason() const { return m_reason->text().trimmed(); }

void RuleEditorDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_editor->setFocus(Qt::OtherFocusReason);   // typing starts in the rule, not on a button
}

void RuleEditorDialog::updateDiff()
{
    const bool againstCurrent = m_compare->currentIndex() == 0;
    m_diff->setTitles(againstCurrent ? tr("Current rule") : tr("Proposed text"), tr("Your text"));
    m_diff->setTexts(againstCurrent ? m_current : m_proposal.text, m_editor->toPlainText(),
                     tr("(no rule yet: this adds one)"), tr("(empty)"));
}

void RuleEditorDialog::updateOk()
{
    QString hint;
    if (text().isEmpty())
        hint = tr("The rule text cannot be empty.");
    else if (m_proposal.stakes == Stakes::High && reason().isEmpty())
        hint = tr("High-stakes: give a reason before approving.");
    m_hint->setText(hint);
    m_ok->setEnabled(hint.isEmpty());
}

void RuleEditorDialog::submit()
{
    if (!m_ok->isEnabled())
        return;
    Q_EMIT submitted(text(), reason());
    accept();
}

} // namespace reverie::ui
