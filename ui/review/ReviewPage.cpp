#include "ui/review/ReviewPage.h"

#include "ui/common/NoticeBar.h"
#include "ui/common/PromptBar.h"
#include "ui/review/ProposalDetailView.h"
#include "ui/review/ProposalFilterProxy.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/common/ShortcutHelpDialog.h"
#include "ui/review/DiffView.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace reverie::ui {

ReviewPage::ReviewPage(QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("reviewPage"));
    m_model = new ProposalQueueModel(this);
    m_proxy = new ProposalFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_runner = new LedgerRunner(this);
    m_reader = new LatestRead(this);
    buildLayout();
    buildActions();
    connect(m_runner, &LedgerRunner::finished, this, &ReviewPage::onLedgerFinished);
    applyQueue(ReviewQueue(), false);
}

ReviewPage::~ReviewPage() = default;

QString ReviewPage::title() const { return tr("Review"); }

void ReviewPage::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    m_notice = new NoticeBar(this);
    m_prompt = new PromptBar(this);
    layout->addWidget(m_notice);
    layout->addWidget(m_prompt);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("reviewFilter"));
    m_filter->setPlaceholderText(tr("Filter proposals (/)"));
    m_filter->setClearButtonEnabled(true);
    m_stakesFilter = new QComboBox(left);
    m_stakesFilter->setObjectName(QStringLiteral("stakesFilter"));
    m_stakesFilter->addItem(tr("All stakes"));
    m_stakesFilter->addItem(tr("Low-stakes only"));
    m_stakesFilter->addItem(tr("High-stakes only"));
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_stakesFilter);
    leftLayout->addLayout(filters);

    m_view = new QTreeView(left);
    m_view->setObjectName(QStringLiteral("reviewQueue"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setExpandsOnDoubleClick(false);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ProposalQueueModel::Summary, QHeaderView::Stretch);
    for (int c = ProposalQueueModel::Stakes; c < ProposalQueueModel::ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    leftLayout->addWidget(m_view, 1);

    auto *bulk = new QHBoxLayout;
    m_count = new QLabel(left);
    m_count->setObjectName(QStringLiteral("reviewCount"));
    m_bulkApprove = new QPushButton(tr("Approve shown low-stakes…"), left);
    m_bulkApprove->setObjectName(QStringLiteral("bulkApprove"));
    m_bulkReject = new QPushButton(tr("Reject shown low-stakes…"), left);
    m_bulkReject->setObjectName(QStringLiteral("bulkReject"));
    bulk->addWidget(m_count, 1);
    bulk->addWidget(m_bulkApprove);
    bulk->addWidget(m_bulkReject);
    leftLayout->addLayout(bulk);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = new ProposalDetailView(right);
    rightLayout->addWidget(m_detail, 1);
    auto *buttons = new QHBoxLayout;
    m_approveButton = new QPushButton(tr("Approve (A)"), right);
    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    m_rejectButton = new QPushButton(tr("Reject… (R)"), right);
    m_rejectButton->setObjectName(QStringLiteral("rejectButton"));
    m_editButton = new QPushButton(tr("Edit… (E)"), right);
    m_editButton->setObjectName(QStringLiteral("editButton"));
    auto *help = new QPushButton(tr("Shortcuts (?)"), right);
    for (QPushButton *b : {m_approveButton, m_rejectButton, m_editButton, help}) {
        b->setFocusPolicy(Qt::NoFocus);   // the keyboard drives the queue, not the buttons
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    rightLayout->addLayout(buttons);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({520, 760});
    layout->addWidget(splitter, 1);
    setFocusProxy(m_view);

    connect(m_approveButton, &QPushButton::clicked, this, &ReviewPage::approveCurrent);
    connect(m_rejectButton, &QPushButton::clicked, this, &ReviewPage::rejectCurrent);
    connect(m_editButton, &QPushButton::clicked, this, &ReviewPage::editCurrent);
    connect(help, &QPushButton::clicked, this, &ReviewPage::showShortcuts);
    connect(m_bulkApprove, &QPushButton::clicked, this, &ReviewPage::bulkApprove);
    connect(m_bulkReject, &QPushButton::clicked, this, &ReviewPage::bulkReject);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_proxy->setText(t);
        expandGroups();
        updateCounts();
    });
    connect(m_filter, &QLineEdit::returnPressed, m_view, [this] { m_view->setFocus(Qt::ShortcutFocusReason); });
    connect(m_stakesFilter, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_proxy->setStakesFilter(static_cast<ProposalFilterProxy::StakesFilter>(i));
        expandGroups();
        updateCounts();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ReviewPage::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ReviewPage::expandGroups);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ReviewPage::expandGroups);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ReviewPage::expandGroups);
    connect(m_detail, &ProposalDetailView::evidenceActivated, this, &Page::openTrajectoryRequested);
    connect(m_prompt, &PromptBar::cancelled, m_view, [this] { m_view->setFocus(Qt::OtherFocusReason); });
    connect(m_prompt, &PromptBar::answered, m_view, [this] {
        if (!m_prompt->isAsking())
            m_view->setFocus(Qt::OtherFocusReason);
    });
}

QAction *ReviewPage::addShortcut(const QString &text, const QList<QKeySequence> &keys, void (ReviewPage::*slot)())
{
    auto *a = new QAction(text, this);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    m_shortcutActions << a;
    return a;
}

void ReviewPage::buildActions()
{
    addShortcut(tr("Approve the selected proposal"),
                {QKeySequence(Qt::Key_A), QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter),
                 QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::KeypadModifier, Qt::Key_Enter))},
                &ReviewPage::approveCurrent);
    addShortcut(tr("Reject the selected proposal (asks for a reason)"), {QKeySequence(Qt::Key_R)}, &ReviewPage::rejectCurrent);
    addShortcut(tr("Edit the rule text, then approve"), {QKeySequence(Qt::Key_E)}, &ReviewPage::editCurrent);
    addShortcut(tr("Next proposal"), {QKeySequence(Qt::Key_J)}, &ReviewPage::selectNext);
    addShortcut(tr("Previous proposal"), {QKeySequence(Qt::Key_K)}, &ReviewPage::selectPrevious);
    auto *diff = new QAction(tr("Switch the diff between side by side and inline"), this);
    diff->setShortcut(QKeySequence(Qt::Key_D));
    diff->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(diff, &QAction::triggered, this, [this] { m_detail->diffView()->toggleMode(); });
    addAction(diff);
    m_shortcutActions << diff;
    auto *find = new QAction(tr("Filter the proposals"), this);
    find->setShortcuts({QKeySequence(Qt::Key_Slash), QKeySequence::Find});
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] { m_filter->setFocus(Qt::ShortcutFocusReason); m_filter->selectAll(); });
    addAction(find);
    m_shortcutActions << find;
    addShortcut(tr("Approve every low-stakes proposal shown, with one reason"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
                &ReviewPage::bulkApprove);
    addShortcut(tr("Reject every low-stakes proposal shown, with one reason"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)},
                &ReviewPage::bulkReject);
    addShortcut(tr("Show this list of shortcuts"),
                {QKeySequence(Qt::Key_Question), QKeySequence(Qt::SHIFT | Qt::Key_Question)},
                &ReviewPage::showShortcuts);
}

void ReviewPage::setWorkspace(const QString &path)
{
    if (!path.isEmpty() && path == m_path) {
        refresh();   // the same workspace again: re-read, keeping the reviewer's place and question
        return;
    }
    m_path = path;
    m_shownPathLoaded = false;
    m_runner->setWorkspacePath(path);
    m_currentId = 0;
    m_notice->dismiss();
    m_prompt->cancel();
    refresh();
}

void ReviewPage::refresh()
{
    if (m_path.isEmpty()) {
        m_reader->cancel();
        applyQueue(ReviewQueue(), false);
        Q_EMIT queueReloaded(true);
        return;
    }
    m_reader->run<ReviewQueue>(
        m_path, [](store::Workspace &ws, const std::atomic_bool &) { return loadReviewQueue(ws); },
        [this](ReadResult<ReviewQueue> result) { onQueueRead(std::move(result)); });
}

void ReviewPage::onQueueRead(ReadResult<ReviewQueue> result)
{
    if (result.ok()) {
        applyQueue(std::move(*result.value), m_shownPathLoaded);
        m_shownPathLoaded = true;
    } else {
        // The last queue read stays on screen (decisions on it are refused by the ledger if it
        // is out of date); the notice says what failed.
        m_notice->showNotice(NoticeBar::Kind::Error, tr("Could not read the review queue: %1").arg(result.error));
    }
    Q_EMIT queueReloaded(result.ok());
    for (qint64 id : std::exchange(m_decided, {}))
        Q_EMIT decisionFinished(id);
}

void ReviewPage::applyQueue(ReviewQueue queue, bool sameWorkspace)
{
    m_order.clear();
    for (const QModelIndex &idx : visibleProposalRows())
        m_order << idx.data(ProposalQueueModel::ProposalIdRole).toLongLong();
    const qint64 keep = m_currentId;
    // A re-read of the same workspace updates the rows in place: no reset, so the selection,
    // the expanded groups and the scroll position stay.
    if (sameWorkspace)
        m_model->updateQueue(std::move(queue));
    else
        m_model->setQueue(std::move(queue));
    expandGroups();

    // Stay on the same proposal; if it left the queue, take the next one still waiting.
    qint64 target = m_model->queue().find(keep) ? keep : 0;
    if (!target) {
        const int at = int(m_order.indexOf(keep));
        for (int i = at < 0 ? 0 : at; i < m_order.size() && !target; ++i) {
            if (m_model->queue().find(m_order[i]))
                target = m_order[i];
        }
        for (int i = qMin(at, int(m_order.size())) - 1; i >= 0 && !target; --i) {
            if (m_model->queue().find(m_order[i]))
                target = m_order[i];
        }
    }
    if (!target || !selectProposal(target)) {
        const QList<QModelIndex> rows = visibleProposalRows();
        if (!rows.isEmpty())
            selectProposal(rows.first().data(ProposalQueueModel::ProposalIdRole).toLongLong());
        else {
            m_currentId = 0;
            m_detail->setProposal(nullptr, m_model->queue());
        }
    }
    updateCounts();
    updateButtons();
}

qint64 ReviewPage::currentProposalId() const { return m_currentId; }

int ReviewPage::pendingCount() const { return m_model->queue().proposalCount(); }

bool ReviewPage::selectProposal(qint64 id)
{
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexOfProposal(id));
    if (!proxyIndex.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(proxyIndex);
    // currentChanged does not fire when the index stays the same across a reset.
    onCurrentChanged();
    return true;
}

void ReviewPage::expandGroups()
{
    // A group row names its dream run across the whole width; its proposals are always shown.
    for (int g = 0; g < m_proxy->rowCount(); ++g)
        m_view->setFirstColumnSpanned(g, QModelIndex(), true);
    m_view->expandAll();
}

QList<QModelIndex> ReviewPage::visibleProposalRows() const
{
    QList<QModelIndex> rows;
    for (int g = 0; g < m_proxy->rowCount(); ++g) {
        const QModelIndex group = m_proxy->index(g, 0);
        for (int r = 0; r < m_proxy->rowCount(group); ++r)
            rows << m_proxy->index(r, 0, group);
    }
    return rows;
}

void ReviewPage::moveSelection(int step)
{
    const QList<QModelIndex> rows = visibleProposalRows();
    if (rows.isEmpty())
        return;
    int at = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].data(ProposalQueueModel::ProposalIdRole).toLongLong() == m_currentId)
            at = i;
    }
    const int next = at < 0 ? 0 : qBound(0, at + step, int(rows.size()) - 1);
    selectProposal(rows[next].data(ProposalQueueModel::ProposalIdRole).toLongLong());
}

void ReviewPage::selectNext() { moveSelection(1); }

void ReviewPage::selectPrevious() { moveSelection(-1); }

void ReviewPage::advanceAfterDecision(qint64 decided)
{
    const QList<QModelIndex> rows = visibleProposalRows();
    int at = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (rows[i].data(ProposalQueueModel::ProposalIdRole).toLongLong() == decided)
            at = i;
    }
    // The next proposal still waiting for a decision: forward first, then from the top.
    for (int pass = 0; pass < 2; ++pass) {
        const int from = pass == 0 ? at + 1 : 0;
        const int to = pass == 0 ? int(rows.size()) : qMax(0, at);
        for (int i = from; i < to; ++i) {
            const qint64 id = rows[i].data(ProposalQueueModel::ProposalIdRole).toLongLong();
            if (!m_model->isInFlight(id)) {
                selectProposal(id);
                return;
            }
        }
    }
    onCurrentChanged();
}

void ReviewPage::onCurrentChanged()
{
    const QModelIndex current = m_proxy->mapToSource(m_view->selectionModel()->currentIndex());
    const Proposal *p = m_model->proposalAt(current);
    m_currentId = p ? p->id : 0;
    m_detail->setProposal(p, m_model->queue());
    updateButtons();
}

void ReviewPage::updateCounts()
{
    const int shown = int(visibleProposalRows().size());
    const int total = m_model->queue().proposalCount();
    const int low = int(visibleLowStakes().size());
    m_count->setText(shown == total ? tr("%n pending", nullptr, total)
                                    : tr("%1 of %n pending shown", nullptr, total).arg(shown));
    m_bulkApprove->setEnabled(low > 0 && !m_path.isEmpty());
    m_bulkReject->setEnabled(low > 0 && !m_path.isEmpty());
    m_bulkApprove->setToolTip(tr("Approve the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+A)", nullptr, low));
    m_bulkReject->setToolTip(tr("Reject the %n low-stakes proposal(s) the filter shows, with one reason (Ctrl+Shift+R)", nullptr, low));
}

void ReviewPage::updateButtons()
{
    const bool can = m_currentId && !m_model->isInFlight(m_currentId) && !m_path.isEmpty();
    for (QPushButton *b : {m_approveButton, m_rejectButton, m_editButton})
        b->setEnabled(can);
}

void ReviewPage::showShortcuts()
{
    QList<ShortcutHelpDialog::Row> rows = ShortcutHelpDialog::rowsFor(m_shortcutActions);
    rows.append({tr("Enter"), tr("Open the selected evidence at its step (in the evidence list)")});
    auto *help = new ShortcutHelpDialog(tr("Review shortcuts"), rows, this);
    help->show();
}

} // namespace reverie::ui
