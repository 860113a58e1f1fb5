#include "ui/review/DiffView.h"

#include "ui/common/DiffDocument.h"

#include <QGridLayout>
#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
QTextBrowser *makePane(const QString &name, QWidget *parent)
{
    auto *b = new QTextBrowser(parent);
    b->setObjectName(name);
    b->setOpenLinks(false);
    b->setOpenExternalLinks(false);
    b->setUndoRedoEnabled(false);
    b->setMinimumHeight(60);
    return b;
}
} // namespace

DiffView::DiffView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("diffTabs"));
    m_tabs->setDocumentMode(true);

    auto *sideBySide = new QWidget(m_tabs);
    auto *grid = new QGridLayout(sideBySide);
    grid->setContentsMargins(0, 4, 0, 0);
    m_beforeTitle = new QLabel(sideBySide);
    m_afterTitle = new QLabel(sideBySide);
    for (QLabel *l : {m_beforeTitle, m_afterTitle})
        l->setTextFormat(Qt::PlainText);
    m_before = makePane(QStringLiteral("diffBefore"), sideBySide);
    m_after = makePane(QStringLiteral("diffAfter"), sideBySide);
    grid->addWidget(m_beforeTitle, 0, 0);
    grid->addWidget(m_afterTitle, 0, 1);
    grid->addWidget(m_before, 1, 0);
    grid->addWidget(m_after, 1, 1);

    m_inline = makePane(QStringLiteral("diffInline"), m_tabs);
    m_tabs->addTab(sideBySide, tr("Side by side"));
    m_tabs->addTab(m_inline, tr("Inline"));
    layout->addWidget(m_tabs);
    setTitles(tr("Before"), tr("After"));
}

void DiffView::setTitles(const QString &before, const QString &after)
{
    m_beforeTitle->setText(before);
    m_afterTitle->setText(after);
}

void DiffView::setTexts(const QString &before, const QString &after, const QString &emptyBefore,
                        const QString &emptyAfter)
{
    m_segments = playbook::diffWords(before, after);
    diff::fillDocument(m_before->document(), m_segments, diff::Pane::Before, emptyBefore);
    diff::fillDocument(m_after->document(), m_segments, diff::Pane::After, emptyAfter);
    diff::fillDocument(m_inline->document(), m_segments, diff::Pane::Inline);
}

void DiffView::clear()
{
    m_segments.clear();
    m_before->clear();
    m_after->clear();
    m_inline->clear();
}

int DiffView::mode() const { return m_tabs->currentIndex(); }

void DiffView::setMode(int mode) { m_tabs->setCurrentIndex(mode); }

void DiffView::toggleMode() { m_tabs->setCurrentIndex(1 - m_tabs->currentIndex()); }

} // namespace reverie::ui
