#include "ui/common/PromptBar.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace reverie::ui {

PromptBar::PromptBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("promptBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_question = new QLabel(this);
    m_question->setTextFormat(Qt::PlainText);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("promptEdit"));
    m_edit->installEventFilter(this);
    m_ok = new QPushButton(tr("OK"), this);
    m_ok->setObjectName(QStringLiteral("promptOk"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    layout->addWidget(m_question);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_ok);
    layout->addWidget(m_cancel);
    connect(m_edit, &QLineEdit::returnPressed, this, &PromptBar::submit);
    connect(m_ok, &QPushButton::clicked, this, &PromptBar::submit);
    connect(m_cancel, &QPushButton::clicked, this, &PromptBar::cancel);
    connect(m_edit, &QLineEdit::textChanged, this,
            [this](const QString &t) { m_ok->setEnabled(!m_required || !t.trimmed().isEmpty()); });
    hide();
}

void PromptBar::ask(const QString &question, const QString &placeholder, bool required,
                    std::function<void(const QString &)> onAnswer)
{
    m_question->setText(question);
    m_edit->clear();
    m_edit->setPlaceholderText(placeholder);
    m_required = required;
    m_ok->setEnabled(!required);
    m_onAnswer = std::move(onAnswer);
    show();
    m_edit->setFocus(Qt::OtherFocusReason);
}

void PromptBar::cancel()
{
    const bool was = isAsking();
    m_onAnswer = nullptr;
    hide();
    if (was)
        Q_EMIT cancelled();
}

void PromptBar::submit()
{
    const QString answer = m_edit->text().trimmed();
    if (!m_onAnswer || (m_required && answer.isEmpty()))
        return;
    auto onAnswer = std::move(m_onAnswer);
    m_onAnswer = nullptr;
    hide();
    onAnswer(answer);
    Q_EMIT answered();
}

bool PromptBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        cancel();
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace reverie::ui
