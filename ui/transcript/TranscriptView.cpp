#include "ui/transcript/TranscriptView.h"

#include "ui/common/LatestRead.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/timeline/TimelineView.h"
#include "ui/transcript/TranscriptDelegate.h"
#include "ui/transcript/TranscriptMarkdown.h"
#include "ui/transcript/TranscriptModel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScrollBar>

#include <algorithm>

namespace reverie::ui {

TranscriptView::TranscriptView(QWidget *parent) : QTreeView(parent)
{
    setObjectName(QStringLiteral("transcriptView"));
    m_model = new TranscriptModel(this);
    m_delegate = new TranscriptDelegate(this);
    m_copyReader = new LatestRead(this);
    setModel(m_model);
    setItemDelegate(m_delegate);
    // A flat list in a tree view: QTreeView asks for a row's height only when the row is shown
    // (QListView would measure all rows up front), and scrolling per item keeps the scroll bar
    // from needing the height of every row.
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setHeaderHidden(true);
    setUniformRowHeights(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(true);
    setAllColumnsShowFocus(true);
    header()->setStretchLastSection(true);

    auto *copy = new QAction(tr("Copy as Markdown"), this);
    copy->setObjectName(QStringLiteral("copyTranscriptMarkdown"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, [this] { copyMarkdown(false); });
    addAction(copy);
    connect(m_model, &QAbstractItemModel::modelReset, m_delegate, &TranscriptDelegate::clearCache);
    connect(m_model, &TranscriptModel::readFailed, this, [this](const QString &message) {
        Q_EMIT failed(tr("Reading the transcript failed: %1").arg(message));
    });
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::setWorkspacePath(const QString &path)
{
    m_path = path;
    m_copyReader->cancel();
    m_model->setWorkspacePath(path);
}

void TranscriptView::setTimeline(std::shared_ptr<const TimelineData> data)
{
    if (data == m_model->timeline())
        return;
    m_copyReader->cancel();
    m_model->setTimeline(std::move(data));
}

void TranscriptView::setSearchText(const QString &text)
{
    m_model->setSearchText(text);
    viewport()->update();   // highlights change no height
}

void TranscriptView::follow(TimelinePanel *timeline)
{
    // The timeline may select a step of a run it has just loaded before it says so: take its
    // data first whenever it moves.
    auto adopt = [this, timeline] {
        if (timeline->workspacePath() != m_path)
            setWorkspacePath(timeline->workspacePath());
        setTimeline(timeline->view()->sharedData());
    };
    connect(timeline->view(), &TimelineView::currentChanged, this, [this, adopt](int index) {
        adopt();
        setCurrentStep(index);
    });
    connect(timeline, &TimelinePanel::loaded, this, [this, adopt, timeline] {
        adopt();
        setCurrentStep(timeline->view()->currentIndex());
    });
    connect(this, &TranscriptView::stepSelected, timeline->view(), &TimelineView::setCurrentIndex);
    adopt();
}

int TranscriptView::currentStep() const { return m_model->stepOfRow(currentIndex().row()); }

void TranscriptView::setCurrentStep(int stepIndex)
{
    const int row = m_model->rowOfStep(stepIndex);
    if (row < 0 || row == currentIndex().row())
        return;
    m_syncing = true;
    const QModelIndex index = m_model->index(row);
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    m_syncing = false;
}

void TranscriptView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    // QTreeView keeps a row's height until the rows are laid out again: a new width wraps the
    // words differently, a new height changes how much "show all" may show. Heights are asked
    // again only for the rows on screen.
    const int lines = viewport()->height() / qMax(1, fontMetrics().lineSpacing()) - 3;
    if (event->size().width() != event->oldSize().width() || lines != m_delegate->showAllLines()) {
        m_delegate->setShowAllLines(lines);
        scheduleDelayedItemsLayout();
    }
}

void TranscriptView::showEvent(QShowEvent *event)
{
    QTreeView::showEvent(event);
    // The timeline may have moved while this tab was hidden, when scrolling had no viewport.
    if (currentIndex().isValid())
        scrollTo(currentIndex());
}

void TranscriptView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    if (!m_syncing && current.isValid())
        Q_EMIT stepSelected(m_model->stepOfRow(current.row()));
}

void TranscriptView::toggleResult()
{
    const QModelIndex index = currentIndex();
    if (index.isValid() && index.data(TranscriptModel::ResultStepRole).toInt() >= 0)
        m_model->setResultFolded(index.row(), !index.data(TranscriptModel::ResultFoldedRole).toBool());
}

void TranscriptView::toggleShowAll()
{
    const QModelIndex index = currentIndex();
    if (!index.isValid())
        return;
    m_model->setShowAll(index.row(), !index.data(TranscriptModel::ShowAllRole).toBool());
    scrollTo(index);
}

bool TranscriptView::isCopying() const { return m_copyReader->isBusy(); }

void TranscriptView::copyMarkdown(bool wholeRun)
{
    const auto data = m_model->timeline();
    if (!data || m_path.isEmpty())
        return;
    std::vector<TranscriptEntries::Entry> entries;
    if (wholeRun) {
        entries = m_model->entries().entries;
    } else {
        QModelIndexList rows = selectionModel()->selectedRows();
        if (rows.isEmpty() && currentIndex().isValid())
            rows << currentIndex();
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
        for (const QModelIndex &index : rows)
            entries.push_back(m_model->entries().entries[std::size_t(index.row())]);
    }
    if (entries.empty())
        return;
    const int count = int(entries.size());
    // The texts may not all be read (a whole run never is): read them on a worker.
    m_copyReader->run<QString>(
        m_path,
        [data, entries = std::move(entries)](store::Workspace &ws, const std::atomic_bool &stale) {
            return TranscriptMarkdown::read(ws, *data, entries, stale);
        },
        [this, count](ReadResult<QString> result) {
            if (!result.ok()) {
                Q_EMIT failed(tr("Copying the transcript failed: %1").arg(result.error));
                return;
            }
            QApplication::clipboard()->setText(*result.value);
            Q_EMIT copied(count);
        });
}

void TranscriptView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {   // the item view's own copy takes one cell's text
        copyMarkdown(false);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        toggleResult();
        return;
    case Qt::Key_Space:
        if (event->modifiers() == Qt::NoModifier) {
            toggleShowAll();
            return;
        }
        break;
    default:
        break;
    }
    QTreeView::keyPressEvent(event);
}

void TranscriptView::mousePressEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid() && event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(index);
        const QPoint inRow = event->position().toPoint() - option.rect.topLeft();
        switch (m_delegate->hitTest(option, index, inRow)) {
        case TranscriptDelegate::Hit::ResultHeader:
            setCurrentIndex(index);
            toggleResult();
            return;
        case TranscriptDelegate::Hit::ShowAll:
            setCurrentIndex(index);
            toggleShowAll();
            return;
        case TranscriptDelegate::Hit::None:
            break;
        }
    }
    QTreeView::mousePressEvent(event);
}

void TranscriptView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const bool hasRows = m_model->rowCount() > 0;
    QAction *selected = menu.addAction(tr("Copy as Markdown"), this, [this] { copyMarkdown(false); });
    selected->setShortcut(QKeySequence::Copy);
    selected->setEnabled(hasRows && currentIndex().isValid());
    menu.addAction(tr("Copy Whole Run as Markdown"), this, [this] { copyMarkdown(true); })->setEnabled(hasRows);
    menu.addSeparator();
    const QModelIndex index = currentIndex();
    const bool hasResult = index.isValid() && index.data(TranscriptModel::ResultStepRole).toInt() >= 0;
    const bool folded = index.data(TranscriptModel::ResultFoldedRole).toBool();
    QAction *fold = menu.addAction(folded ? tr("Unfold Result") : tr("Fold Result"), this, &TranscriptView::toggleResult);
    fold->setShortcut(QKeySequence(Qt::Key_Return));
    fold->setEnabled(hasResult);
    const bool all = index.data(TranscriptModel::ShowAllRole).toBool();
    QAction *show = menu.addAction(all ? tr("Show Less") : tr("Show All"), this, &TranscriptView::toggleShowAll);
    show->setShortcut(QKeySequence(Qt::Key_Space));
    show->setEnabled(index.isValid());
    menu.exec(event->globalPos());
}

} // namespace reverie::ui
