#include "ui/trajectories/TrajectoriesPage.h"

#include "core/store/SavedViews.h"
#include "core/store/Workspace.h"
#include "ui/PageFactory.h"
#include "ui/compare/CompareView.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/trajectories/SavedViewsBar.h"
#include "ui/trajectories/SearchHitDelegate.h"
#include "ui/trajectories/TrajectoryFilterBar.h"

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

namespace reverie::ui {

namespace {
enum Tab { TimelineTab, CompareTab };
}

TrajectoriesPage::TrajectoriesPage(QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("trajectoriesPage"));
    m_model = new TrajectoryListModel(this);
    m_hits = new SearchHitModel(this);
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
    browserLayout->addWidget(m_filters);
    browserLayout->addWidget(listSplit, 1);

    m_timeline = new TimelinePanel(this);
    m_compare = new CompareView(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("runTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_timeline, tr("Timeline"));
    m_tabs->addTab(m_compare, tr("Compare"));

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
    connect(m_views, &SavedViewsBar::failed, this, &Page::statusMessage);
    connect(m_model, &TrajectoryListModel::totalCountChanged, this, &TrajectoriesPage::updateCount);
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

void TrajectoriesPage::setWorkspace(store::Workspace *ws, const QString &path)
{
    const bool same = ws == m_ws && path == m_path;
    m_ws = ws;
    m_path = path;
    if (same) {
        refresh();
        return;
    }
    m_model->setWorkspace(ws);
    m_hits->setWorkspace(ws);
    m_views->setWorkspace(ws);
    m_timeline->setWorkspace(ws, path);
    m_compare->setWorkspace(ws, path);
    refresh();
}

void TrajectoriesPage::refresh()
{
    if (!m_ws) {
        m_filters->setChoices({}, {});
        return;
    }
    store::TrajectoryQueries q(*m_ws);
    m_filters->setChoices(q.workflows(), q.models());
    const qint64 keep = currentTrajectoryId();
    m_model->reload();
    m_hits->setWorkspace(m_ws);
    for (int row = 0; keep && row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(TrajectoryListModel::TrajectoryIdRole).toLongLong() == keep) {
            m_table->setCurrentIndex(m_model->index(row, 0));
            break;
        }
    }
    m_timeline->refresh();   // dream evidence marks may be new
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
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(TrajectoryListModel::TrajectoryIdRole).toLongLong() == trajectoryId) {
            m_table->setCurrentIndex(m_model->index(row, 0));
            m_table->scrollTo(m_table->currentIndex());
            break;
        }
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
