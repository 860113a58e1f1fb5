#include "ui/history/HistoryPage.h"

#include "ui/charts/OutcomeCharts.h"
#include "ui/common/LatestRead.h"
#include "ui/common/NoticeBar.h"
#include "ui/common/PromptBar.h"
#include "ui/history/VersionDiffView.h"
#include "ui/history/VersionListModel.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace reverie::ui {

HistoryPage::HistoryPage(QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("historyPage"));
    m_model = new VersionListModel(this);
    m_runner = new LedgerRunner(this);
    buildLayout();
    buildActions();
    m_reader = new LatestRead(this);
    connect(m_runner, &LedgerRunner::finished, this, &HistoryPage::onLedgerFinished);
    updateButtons();
}

HistoryPage::~HistoryPage() = default;   // a read still running finishes on its own, unheard

QString HistoryPage::title() const { return tr("Playbook history"); }

void HistoryPage::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    m_notice = new NoticeBar(this);
    m_prompt = new PromptBar(this);
    m_publish = new QLabel(this);
    m_publish->setObjectName(QStringLiteral("publishStatus"));
    m_publish->setTextFormat(Qt::PlainText);   // paths are the operator's; still never markup
    m_publish->setWordWrap(true);
    m_publish->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_notice);
    layout->addWidget(m_prompt);
    layout->addWidget(m_publish);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(left);
    m_table->setObjectName(QStringLiteral("versionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    for (int c = 0; c < VersionListModel::ColumnCount; ++c)
        header->setSectionResizeMode(c, c == VersionListModel::Reason ? QHeaderView::Stretch : QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    leftLayout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    m_rollback = new QPushButton(tr("Roll back to this version"), left);
    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setToolTip(tr("Appends a new version with this version's rules (Ctrl+Shift+B)"));
    m_revert = new QPushButton(tr("Revert this change"), left);
    m_revert->setObjectName(QStringLiteral("revertButton"));
    m_revert->setToolTip(tr("Appends a new version without this approved change, keeping later ones (Ctrl+Shift+X)"));
    buttons->addWidget(m_rollback);
    buttons->addWidget(m_revert);
    m_revertRegression = new QPushButton(tr("Revert the change that introduced it"), left);
    m_revertRegression->setObjectName(QStringLiteral("regressionRevertButton"));
    m_revertRegression->setToolTip(tr("For a version marked regressed: appends a new version without the change that "
                                      "made success drop, as your reviewed decision; a high-stakes change waits for "
                                      "approvers (Ctrl+Shift+G)"));
    buttons->addWidget(m_revertRegression);
    buttons->addStretch(1);
    leftLayout->addLayout(buttons);

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("historyTabs"));
    m_diff = new VersionDiffView(m_tabs);
    m_charts = new OutcomeCharts(m_tabs);
    m_tabs->addTab(m_diff, tr("Changes"));
    m_tabs->addTab(m_charts, tr("Stats"));
    m_publishLog = new QListWidget(m_tabs);   // list items never render markup: paths and errors stay plain
    m_publishLog->setObjectName(QStringLiteral("publishLog"));
    m_tabs->addTab(m_publishLog, tr("Publishing"));
    splitter->addWidget(left);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    setFocusProxy(m_table);

    connect(m_rollback, &QPushButton::clicked, this, &HistoryPage::rollBackToSelected);
    connect(m_revert, &QPushButton::clicked, this, &HistoryPage::revertSelected);
    connect(m_revertRegression, &QPushButton::clicked, this, &HistoryPage::revertRegressionOfSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPage::onSelectionChanged);
    connect(m_prompt, &PromptBar::cancelled, m_table, [this] { m_table->setFocus(Qt::OtherFocusReason); });
}

void HistoryPage::buildActions()
{
    auto add = [this](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_shortcutActions << a;
        return a;
    };
    // The version list's context menu (also the Menu key) offers the ways back for the version.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(add(tr("Roll back to the selected version"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B)},
                           &HistoryPage::rollBackToSelected));
    m_table->addAction(add(tr("Revert the selected change"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X)},
                           &HistoryPage::revertSelected));
    m_revertRegressionAction = add(tr("Revert the change that introduced the selected regression"),
                                   {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G)}, &HistoryPage::revertRegressionOfSelected);
    m_table->addAction(m_revertRegressionAction);
    add(tr("Undo the last rollback or revert"), {QKeySequence::Undo}, [this] { undoLast(); });
    add(tr("Show the changes / the stats"), {QKeySequence(Qt::CTRL | Qt::Key_Tab)},
        [this] { m_tabs->setCurrentIndex(m_tabs->currentIndex() == 1 ? 0 : 1); });
    add(tr("Show this list of shortcuts"), {QKeySequence(Qt::Key_Question), QKeySequence(Qt::SHIFT | Qt::Key_Question)},
        &HistoryPage::showShortcuts);
}

void HistoryPage::setWorkspace(const QString &path)
{
    // The page reads on a worker with its own connection; the UI connection is not needed.
    if (!path.isEmpty() && path == m_path) {
        refresh();   // the same workspace again: re-read, keeping the undo offer while it is valid
        return;
    }
    m_path = path;
    m_snapshot = HistorySnapshot();   // nothing of the previous workspace is kept on a failed read
    m_runner->setWorkspacePath(path);
    m_charts->setWorkspacePath(path);   // the heat map reads on its own worker
    m_notice->dismiss();
    m_prompt->cancel();
    refresh();
}

void HistoryPage::refresh()
{
    if (m_path.isEmpty()) {
        m_reader->cancel();
        m_snapshot = HistorySnapshot();
        applySnapshot();
        return;
    }
    // Latest wins: a read still running for an older state of the workspace is never applied.
    m_reader->run<HistorySnapshot>(
        m_path, [](store::Workspace &ws, const std::atomic_bool &) { return loadHistory(ws); },
        [this](ReadResult<HistorySnapshot> r) {
            HistorySnapshot read;
            if (r.ok())
                read = std::move(*r.value);
            else
                read.error = r.error;
            onLoaded(std::move(read));
        });
}

void HistoryPage::onLoaded(HistorySnapshot read)
{
    if (!read.error.isEmpty() && !m_snapshot.versions.empty()) {
        // A failed re-read keeps the history on screen; the notice says what failed.
        m_notice->showNotice(NoticeBar::Kind::Error, tr("Could not read the playbook history: %1").arg(read.error));
        Q_EMIT loaded();
        return;
    }
    m_snapshot = std::move(read);
    applySnapshot();
}

void HistoryPage::applySnapshot()
{
    const int keep = m_wantSelected ? m_wantSelected : selectedVersion();
    m_wantSelected = 0;
    m_model->setOutcomes(m_snapshot.successByVersion, m_snapshot.comparisons);
    m_model->setVersions(m_snapshot.versions);
    m_diff->setVersions(&m_snapshot.versions);
    m_charts->setData(m_snapshot.byVersion, m_snapshot.byModel, m_snapshot.byRule);
    if (!selectVersion(keep))
        selectVersion(m_snapshot.currentNumber());
    updatePublishStatus();
    // Undo means "back to the version before my change"; once anything else has changed the
    // playbook since, that would silently discard the newer change too, so the offer goes.
    if (m_notice->hasAction() && m_snapshot.currentNumber() != m_undoValidAt)
        m_notice->dismiss();
    if (!m_snapshot.error.isEmpty())
        m_notice->showNotice(NoticeBar::Kind::Error, tr("Could not read the playbook history: %1").arg(m_snapshot.error));
    updateButtons();
    Q_EMIT loaded();
}

int HistoryPage::selectedVersion() const
{
    const PlaybookVersion *v = m_model->versionAt(m_table->selectionModel()->currentIndex().row());
    return v ? v->number : 0;
}

bool HistoryPage::selectVersion(int number)
{
    const int row = m_model->rowOfVersion(number);
    if (row < 0)
        return false;
    const QModelIndex idx = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(idx);
    onSelectionChanged();
    return true;
}

void HistoryPage::onSelectionChanged()
{
    const int v = selectedVersion();
    if (v > 0) {
        // The change this version made: its parent against it.
        const PlaybookVersion *version = m_snapshot.version(v);
        m_diff->compare(version ? version->parent : v - 1, v);
    }
    updateButtons();
}

void HistoryPage::updatePublishStatus()
{
    if (m_path.isEmpty()) {
        m_publish->setText(QString());
        return;
    }
    if (m_snapshot.publishTargets.isEmpty()) {
        m_publish->setText(tr("Not published: add a publish target in Settings so the agent runtime gets the approved playbook."));
        return;
    }
    QStringList lines{tr("Published after every approval, revert and rollback to:")};
    const int current = m_snapshot.currentNumber();
    for (const PublishedFile &f : m_snapshot.published) {
        QString state;
        if (!f.exists)
            state = tr("not written yet");
        else if (f.version == 0)
            state = tr("differs from every version (changed outside Reverie?)");
        else if (f.version == current)
            state = tr("holds version %1, the current one").arg(f.version);
        else
            state = tr("holds version %1; the current version is %2").arg(f.version).arg(current);
        if (!f.lastFailure.isEmpty())
            state += QStringLiteral(" · ") + tr("the last publish failed: %1").arg(f.lastFailure);
        if (f.exists)
            state += QStringLiteral(" · ") + tr("written %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(f.modifiedMs), QLocale::ShortFormat));
        lines << QStringLiteral("  %1 — %2").arg(f.path, state);
    }
    m_publish->setText(lines.join(QLatin1Char('\n')));

    m_publishLog->clear();
    for (const store::PublishEntry &e : m_snapshot.publishLog) {
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(e.createdMs), QLocale::ShortFormat);
        const QString result = e.ok() ? tr("written") : tr("failed: %1").arg(e.result);
        m_publishLog->addItem(tr("%1 · version %2 · %3 · %4").arg(when).arg(e.version).arg(e.target, result));
    }
    if (m_snapshot.publishLog.empty())
        m_publishLog->addItem(tr("Nothing published yet."));
}

void HistoryPage::updateButtons()
{
    const int v = selectedVersion();
    const bool idle = !m_path.isEmpty();
    m_rollback->setEnabled(idle && v > 0 && v != m_snapshot.currentNumber());
    m_revert->setEnabled(idle && m_snapshot.canRevert(v));
    m_revertRegression->setEnabled(idle && m_snapshot.canUndoRegression(v));
    m_revertRegressionAction->setEnabled(m_revertRegression->isEnabled());
}

} // namespace reverie::ui
