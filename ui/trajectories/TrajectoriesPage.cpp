#include "ui/trajectories/TrajectoriesPage.h"

#include "core/store/SavedViews.h"
#include "core/store/TrajectoryQueries.h"
#include "ui/PageFactory.h"
#include "ui/common/LatestRead.h"
#include "ui/compare/CompareView.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/common/NoticeBar.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/trajectories/SavedViewsBar.h"
#include "ui/trajectories/SearchHitDelegate.h"
#include "ui/trajectories/TrajectoryFilterBar.h"
#include "ui/transcript/TranscriptPanel.h"
#include "ui/transcript/TranscriptView.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace reverie::ui {

namespace {
enum Tab { TimelineTab, CompareTab };
}

TrajectoriesPage::TrajectoriesPage(QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("trajectoriesPage"));
    m_model = new TrajectoryListModel(this);
    m_hits = new SearchHitModel(this);
    m_choices = new LatestRead(this);
    m_notice = new NoticeBar(this);
    m_notice->setObjectName(QStringLiteral("trajectoriesNotice"));
    m_filters = new TrajectoryFilterBar(this);
    m_views = new SavedViewsBar([this] {
        store::TrajectoryFilter f = m_filters->filter();
        f.sort = m_model->filter().sort;
        f.descending = m_model->filter().descending;
        return f;
    }, this);
    m_filters->addTrailingWidget(m_views);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("trajectoryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(TrajectoryListModel::Verdict, Qt::DescendingOrder);
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultSectionSize(130);
    header->setStretchLastSection(true);   // the playbook version gives way when space is short
    header->resizeSection(TrajectoryListModel::ExternalId, 170);
    header->resizeSection(TrajectoryListModel::Verdict, 90);
    header->resizeSection(TrajectoryListModel::Steps, 70);
    header->resizeSection(TrajectoryListModel::Errors, 70);
    header->resizeSection(TrajectoryListModel::Started, 140);
    header->resizeSection(TrajectoryListModel::PlaybookVersion, 80);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);

    m_hitList = new QListView(this);
    m_hitList->setObjectName(QStringLiteral("searchHits"));
    m_hitList->setModel(m_hits);
    m_hitList->setItemDelegate(new SearchHitDelegate(m_hitList));
    m_hitList->setUniformItemSizes(true);
    m_hitList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hitList->hide();

    auto *listSplit = new QSplitter(Qt::Horizontal, this);
    listSplit->addWidget(m_table);
    listSplit->addWidget(m_hitList);
    listSplit->setStretchFactor(0, 3);
    listSplit->setStretchFactor(1, 2);

    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(8, 8, 8, 0);
    browserLayout->addWidget(m_notice);
    browserLayout->addWidget(m_filters);
    browserLayout->addWidget(listSplit, 1);

    m_timeline = new TimelinePanel(this);
    m_compare = new CompareView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_compare, tr("Compare"));
    // The run as a conversation, kept on the timeline's step, with the search's words marked.
    auto *transcript = new TranscriptPanel(this);
    transcript->view()->follow(m_timeline);
    m_tabs->addTab(transcript, tr("Transcript"));
    connect(m_filters, &TrajectoryFilterBar::filterChanged, transcript,
            [this, transcript] { transcript->view()->setSearchText(m_filters->filter().search); });
    connect(transcript->view(), &TranscriptView::failed, this, &Page::statusMessage);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("browserSplit"));
    split->addWidget(browser);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({380, 470});   // the timeline's lanes fit; the list gets the rest
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    // Moving through the list follows along on the timeline after a short pause, so holding
    // an arrow key does not start a load per row (and a stale load is dropped anyway).
    m_followSelection = new QTimer(this);
    m_followSelection->setSingleShot(true);
    m_followSelection->setInterval(200);
    connect(m_followSelection, &QTimer::timeout, this, [this] {
        if (const qint64 id = currentTrajectoryId(); id && id != m_timeline->trajectoryId())
            m_timeline->openTrajectory(id);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, m_followSelection,
            qOverload<>(&QTimer::start));
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        openTrajectory(index.data(TrajectoryListModel::TrajectoryIdRole).toLongLong());
    });
    connect(m_hitList, &QListView::activated, this, [this](const QModelIndex &index) {
        openTrajectory(index.data(SearchHitModel::TrajectoryIdRole).toLongLong(),
                       index.data(SearchHitModel::StepIdRole).toLongLong());
    });
    connect(m_filters, &TrajectoryFilterBar::filterChanged, this, &TrajectoriesPage::applyFilter);
    connect(m_filters, &TrajectoryFilterBar::searchAccepted, this, [this] {
        QAbstractItemView *target = m_hitList->isVisible() && m_hits->rowCount() > 0
                                        ? static_cast<QAbstractItemView *>(m_hitList) : m_table;
        target->setFocus(Qt::ShortcutFocusReason);
        if (!target->currentIndex().isValid() && target->model()->rowCount() > 0)
            target->setCurrentIndex(target->model()->index(0, 0));
    });
    connect(m_views, &SavedViewsBar::viewApplied, this, [this](const store::TrajectoryFilter &f) {
        m_applyingView = true;
        m_model->setFilter(f);   // carries the view's sort along
        m_filters->setFilter(f);
        m_applyingView = false;
    });
    connect(m_views, &SavedViewsBar::failed, this, &TrajectoriesPage::showFailure);
    connect(m_model, &TrajectoryListModel::readFailed, this, &TrajectoriesPage::showFailure);
    connect(m_hits, &SearchHitModel::readFailed, this, &TrajectoriesPage::showFailure);
    connect(m_timeline, &TimelinePanel::failed, this, &TrajectoriesPage::showFailure);
    connect(m_compare, &CompareView::failed, this, &TrajectoriesPage::showFailure);
    connect(m_model, &TrajectoryListModel::totalCountChanged, this, &TrajectoriesPage::updateCount);
    connect(m_model, &TrajectoryListModel::loaded, this, &TrajectoriesPage::selectKeptRow);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        if (column == TrajectoryListModel::PlaybookVersion) {
            // No index orders by playbook version; keep the sort the list really has.
            const QSignalBlocker block(m_table->horizontalHeader());
            m_table->horizontalHeader()->setSortIndicator(m_lastSortColumn, order);
            return;
        }
        m_lastSortColumn = column;
    });
    connect(m_timeline, &TimelinePanel::leaveRequested, this, [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    connect(m_compare, &CompareView::openStepRequested, this, &TrajectoriesPage::openTrajectory);
    buildActions();
    setFocusProxy(m_table);
}

TrajectoriesPage::~TrajectoriesPage() = default;

QString TrajectoriesPage::title() const { return tr("Trajectories"); }

void TrajectoriesPage::buildActions()
{
    auto add = [this](const QString &text, const QKeySequence &keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        return action;
    };
    add(tr("Search"), QKeySequence::Find, [this] {
        m_filters->searchBox()->setFocus(Qt::ShortcutFocusReason);
        m_filters->searchBox()->selectAll();
    });
    add(tr("Trajectory List"), QKeySequence(tr("Ctrl+L")), [this] { m_table->setFocus(Qt::ShortcutFocusReason); });
    add(tr("Timeline"), QKeySequence(tr("Ctrl+T")), [this] {
        showTimelineTab();
        m_timeline->setFocus(Qt::ShortcutFocusReason);
    });
    add(tr("Compare"), QKeySequence(tr("Ctrl+Shift+C")), [this] { compareCurrent(); });
    add(tr("Save View"), QKeySequence(tr("Ctrl+Shift+S")), [this] { m_views->promptSave(); });
}

void TrajectoriesPage::setWorkspace(const QString &path)
{
    if (path == m_path) {
        reload();
        return;
    }
    m_path = path;
    m_keepId = 0;
    m_notice->dismiss();
    m_choices->cancel();
    m_model->setWorkspacePath(path);
    m_hits->setWorkspacePath(path);
    m_views->setWorkspacePath(path);
    m_timeline->setWorkspacePath(path);
    m_compare->setWorkspacePath(path);
    readChoices();
}

void TrajectoriesPage::reload()
{
    // A failure shown earlier is shown again if it still happens.
    m_notice->dismiss();
    m_keepId = currentTrajectoryId();
    readChoices();
    m_model->reload();
    m_hits->reload();
    m_views->reload();
    m_timeline->refresh();   // dream evidence marks may be new
}

void TrajectoriesPage::readChoices()
{
    if (m_path.isEmpty()) {
        m_choices->cancel();
        m_filters->setChoices({}, {});
        return;
    }
    using Choices = std::pair<QStringList, QStringList>;
    m_choices->run<Choices>(
        m_path,
        [](store::Workspace &ws, const std::atomic_bool &) {
            store::TrajectoryQueries q(ws);
            return Choices{q.workflows(), q.models()};
        },
        [this](ReadResult<Choices> r) {
            if (!r.ok()) {
                showFailure(tr("Reading the workflows and models failed: %1").arg(r.error));
                return;
            }
            m_filters->setChoices(r.value->first, r.value->second);
        });
}

void TrajectoriesPage::showFailure(const QString &message)
{
    m_notice->showNotice(NoticeBar::Kind::Error, message);
    Q_EMIT statusMessage(message);
}

void TrajectoriesPage::selectKeptRow()
{
    const qint64 keep = std::exchange(m_keepId, 0);
    if (!keep || keep == currentTrajectoryId())
        return;
    if (const int row = m_model->rowOf(keep); row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
}

void TrajectoriesPage::applyFilter()
{
    store::TrajectoryFilter f = m_filters->filter();
    f.sort = m_model->filter().sort;
    f.descending = m_model->filter().descending;
    if (store::SavedViews::toJson(f) != store::SavedViews::toJson(m_model->filter())) {
        m_model->setFilter(f);
        if (!m_applyingView)
            m_views->clearSelection();
    }
    m_hits->setQuery(f.search);
    m_hitList->setVisible(!f.search.isEmpty());
}

void TrajectoriesPage::updateCount(qint64 total)
{
    m_filters->setCountText(tr("%n trajectories", nullptr, int(total)));
}

qint64 TrajectoriesPage::currentTrajectoryId() const
{
    return m_table->currentIndex().data(TrajectoryListModel::TrajectoryIdRole).toLongLong();
}

void TrajectoriesPage::showTimelineTab() { m_tabs->setCurrentIndex(TimelineTab); }

void TrajectoriesPage::openTrajectory(qint64 trajectoryId, qint64 stepId)
{
    if (!trajectoryId)
        return;
    // Show where the run is in the list when it is among the rows already fetched (a hit, a
    // comparison or a dream's evidence may name one that the filters hide).
    if (const int row = m_model->rowOf(trajectoryId); row >= 0) {
        m_table->setCurrentIndex(m_model->index(row, 0));
        m_table->scrollTo(m_table->currentIndex());
    }
    m_followSelection->stop();
    showTimelineTab();
    m_timeline->openTrajectory(trajectoryId, stepId);
    m_timeline->setFocus(Qt::OtherFocusReason);
}

void TrajectoriesPage::compareCurrent()
{
    const qint64 id = currentTrajectoryId() ? currentTrajectoryId() : m_timeline->trajectoryId();
    if (!id) {
        Q_EMIT statusMessage(tr("Select a run to compare first."));
        return;
    }
    m_tabs->setCurrentIndex(CompareTab);
    m_compare->compare(id);
    m_compare->setFocus(Qt::ShortcutFocusReason);
}

TrajectoriesPage *createTrajectoriesPage(QWidget *parent) { return new TrajectoriesPage(parent); }

} // namespace reverie::ui
