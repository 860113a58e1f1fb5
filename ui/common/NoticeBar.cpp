#include "ui/common/NoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace reverie::ui {

NoticeBar::NoticeBar(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("noticeBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("noticeText"));
    m_text->setTextFormat(Qt::PlainText);   // refusals quote proposal text: never markup
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actionButton = new QPushButton(this);
    m_actionButton->setObjectName(QStringLiteral("noticeAction"));
    m_close = new QToolButton(this);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close"));
    m_close->setAutoRaise(true);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_actionButton);
    layout->addWidget(m_close);
    connect(m_actionButton, &QPushButton::clicked, this, &NoticeBar::trigger);
    connect(m_close, &QToolButton::clicked, this, &NoticeBar::dismiss);
    hide();
}

void NoticeBar::showNotice(Kind kind, const QString &text, const QString &actionText, std::function<void()> action)
{
    m_kind = kind;
    m_text->setText(text);
    m_action = std::move(action);
    m_actionButton->setText(actionText);
    m_actionButton->setVisible(bool(m_action));
    const char *style = "";
    switch (kind) {
    case Kind::Info: style = "#noticeBar { background: #e7f1fb; border: 1px solid #9cc3e6; } #noticeBar QLabel { color: #0b3a63; }"; break;
    case Kind::Warning: style = "#noticeBar { background: #fff4d6; border: 1px solid #e3c067; } #noticeBar QLabel { color: #5c4400; }"; break;
    case Kind::Error: style = "#noticeBar { background: #fde2e1; border: 1px solid #e39a97; } #noticeBar QLabel { color: #6b0f0c; }"; break;
    }
    setStyleSheet(QString::fromLatin1(style));
    show();
}

bool NoticeBar::trigger()
{
    if (!m_action)
        return false;
    auto action = std::move(m_action);
    m_action = nullptr;
    hide();
    action();
    return true;
}

QString NoticeBar::text() const { return m_text->text(); }

void NoticeBar::dismiss()
{
    m_action = nullptr;
    hide();
}

} // namespace reverie::ui
