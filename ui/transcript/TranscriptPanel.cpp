#include "ui/transcript/TranscriptPanel.h"

#include "ui/transcript/TranscriptView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace reverie::ui {

TranscriptPanel::TranscriptPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("transcriptPanel"));
    m_view = new TranscriptView(this);
    auto *hint = new QLabel(tr("↑/↓ move · Enter fold or unfold the result · Space show all · "
                               "Ctrl+C copy as Markdown (right-click for the whole run)"),
                            this);
    hint->setObjectName(QStringLiteral("transcriptKeys"));
    hint->setTextFormat(Qt::PlainText);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_view, 1);
    layout->addWidget(hint);
    setFocusProxy(m_view);
}

} // namespace reverie::ui
