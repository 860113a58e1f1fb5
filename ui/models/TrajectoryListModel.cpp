#include "ui/models/TrajectoryListModel.h"

#include "core/store/TrajectoryPaging.h"
#include "ui/common/LatestRead.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QTextDocument>

#include <algorithm>

namespace reverie::ui {

namespace {
// A reload after an import reads again as many rows as were shown, up to this many: enough
// that the selection and the scroll position usually stay, never a read of the whole list.
constexpr int kMaxReloadRows = 10 * TrajectoryListModel::kPageSize;
// Pages after the first: a person scrolling on wants the rows, and each page costs a round
// trip to a worker whatever its size; more than this makes one insertion a visible frame.
constexpr int kMorePageSize = 500;
} // namespace

TrajectoryListModel::TrajectoryListModel(QObject *parent)
    : QAbstractTableModel(parent), m_reader(new LatestRead(this)), m_counter(new LatestRead(this))
{
}

TrajectoryListModel::~TrajectoryListModel() = default;

void TrajectoryListModel::setWorkspacePath(const QString &path)
{
    const bool changed = path != m_path;
    m_path = path;
    if (changed)
        clearRows();
    reload();
}

void TrajectoryListModel::setFilter(const store::TrajectoryFilter &filter)
{
    m_filter = filter;
    startFirstRead(kPageSize, false);
}

void TrajectoryListModel::reload()
{
    startFirstRead(std::clamp(int(m_rows.size()), kPageSize, kMaxReloadRows), true);
}

bool TrajectoryListModel::isLoading() const { return m_reader->isBusy() || m_counter->isBusy(); }

void TrajectoryListModel::clearRows()
{
    m_reader->cancel();
    m_counter->cancel();
    m_fetching = false;
    beginResetModel();
    m_rows.clear();
    m_last = {};
    m_loaded = false;
    m_rowsIn = false;
    m_countIn = false;
    m_more = false;
    const bool hadTotal = m_total != 0;
    m_total = 0;
    endResetModel();
    if (hadTotal)
        Q_EMIT totalCountChanged(0);
}

void TrajectoryListModel::startFirstRead(int rows, bool inPlace)
{
    m_fetching = false;
    if (m_path.isEmpty()) {
        clearRows();
        return;
    }
    // Another filter or order (not in place) replaces the rows with a reset when they arrive:
    // until then the old rows stay, so typing a search does not flash an empty list. No next
    // page is asked for meanwhile (canFetchMore waits for the read).
    // The rows and the count are two reads: the first page shows as soon as it is read, and
    // counting every match of a search over millions of steps does not hold it up.
    const store::TrajectoryFilter filter = m_filter;
    m_rowsIn = false;
    m_countIn = false;
    m_reader->run<store::TrajectoryPage>(
        m_path,
        [filter, rows](store::Workspace &ws, const std::atomic_bool &) {
            return store::TrajectoryPaging(ws).page(filter, {}, rows);
        },
        [this, inPlace, rows](ReadResult<store::TrajectoryPage> r) {
            if (!r.ok()) {
                m_counter->cancel();
                Q_EMIT readFailed(tr("Reading the trajectory list failed: %1").arg(r.error));
                return;
            }
            m_more = int(r.value->rows.size()) >= rows;
            applyFirst(std::move(*r.value), inPlace);
        });
    m_counter->run<qint64>(
        m_path, [filter](store::Workspace &ws, const std::atomic_bool &) { return store::TrajectoryPaging(ws).count(filter); },
        [this](ReadResult<qint64> r) {
            if (!r.ok()) {
                Q_EMIT readFailed(tr("Reading the trajectory list failed: %1").arg(r.error));
                return;
            }
            m_countIn = true;
            m_counted = *r.value;
            finishFirstRead();
        });
}

void TrajectoryListModel::applyFirst(store::TrajectoryPage page, bool inPlace)
{
    std::vector<TrajectorySummary> &fresh = page.rows;
    // Before the rows change: a view may ask for the next page from inside the insertion.
    m_last = page.last;
    m_rowsIn = true;
    if (!inPlace || m_rows.empty()) {
        beginResetModel();
        m_rows = std::move(fresh);
        endResetModel();
    } else {
        // Row by row, so that persistent indexes (the selection, the current row) stay put.
        const int common = int(std::min(m_rows.size(), fresh.size()));
        std::move(fresh.begin(), fresh.begin() + common, m_rows.begin());
        if (common > 0)
            Q_EMIT dataChanged(index(0, 0), index(common - 1, ColumnCount - 1));
        if (int(m_rows.size()) > common) {
            beginRemoveRows({}, common, int(m_rows.size()) - 1);
            m_rows.resize(std::size_t(common));
            endRemoveRows();
        } else if (int(fresh.size()) > common) {
            beginInsertRows({}, common, int(fresh.size()) - 1);
            std::move(fresh.begin() + common, fresh.end(), std::back_inserter(m_rows));
            endInsertRows();
        }
    }
    Q_EMIT firstPageShown();
    finishFirstRead();
}

void TrajectoryListModel::finishFirstRead()
{
    if (!m_rowsIn || !m_countIn)
        return;
    m_loaded = true;
    m_total = std::max(m_counted, qint64(m_rows.size()));
    Q_EMIT totalCountChanged(m_total);   // also when unchanged: the list was read again
    Q_EMIT loaded();
}

const TrajectorySummary *TrajectoryListModel::summaryAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int TrajectoryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TrajectoryListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TrajectoryListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrajectorySummary &t = m_rows[std::size_t(index.row())];
    if (role == TrajectoryIdRole)
        return t.id;
    if (role == VerdictRole)
        return int(t.info.verdict);
    if (role == Qt::ForegroundRole && index.column() == Verdict) {
        if (t.info.verdict == reverie::Verdict::Failure)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (t.info.verdict == reverie::Verdict::Success)
            return QBrush(QColor(0x20, 0x80, 0x30));
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Steps || index.column() == Errors
                                          || index.column() == PlaybookVersion))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ExternalId)
        return Qt::convertFromPlainText(t.info.task.left(500));   // the task is trajectory text: escaped
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ExternalId: return t.info.externalId;
    case Workflow: return t.info.workflow;
    case Model: return t.info.model;
    case Verdict:
        switch (t.info.verdict) {
        case reverie::Verdict::Success: return tr("success");
        case reverie::Verdict::Failure: return tr("failure");
        case reverie::Verdict::Unknown: return tr("unknown");
        }
        return {};
    case Steps: return t.stepCount;
    case Errors: return t.errorCount;
    case Started:
        return t.info.startedMs < 0
                   ? QVariant()
                   : QVariant(QDateTime::fromMSecsSinceEpoch(t.info.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    case PlaybookVersion: return t.info.playbookVersion > 0 ? QVariant(t.info.playbookVersion) : QVariant();
    default: return {};
    }
}

QVariant TrajectoryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ExternalId: return tr("Trajectory");
    case Workflow: return tr("Workflow");
    case Model: return tr("Model");
    case Verdict: return tr("Verdict");
    case Steps: return tr("Steps");
    case Errors: return tr("Errors");
    case Started: return tr("Started");
    case PlaybookVersion: return tr("Playbook");
    default: return {};
    }
}

bool TrajectoryListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_rowsIn || m_fetching || m_reader->isBusy())
        return false;
    // Until the count is in, a full last page says there may be more.
    return m_countIn ? qint64(m_rows.size()) < m_total : m_more;
}

void TrajectoryListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const store::TrajectoryFilter filter = m_filter;
    const store::PageKey after = m_last;
    m_reader->run<store::TrajectoryPage>(
        m_path,
        [filter, after](store::Workspace &ws, const std::atomic_bool &) {
            return store::TrajectoryPaging(ws).page(filter, after, kMorePageSize);
        },
        [this](ReadResult<store::TrajectoryPage> r) {
            m_fetching = false;
            if (!r.ok()) {
                Q_EMIT readFailed(tr("Reading more trajectories failed: %1").arg(r.error));
                return;
            }
            applyMore(std::move(*r.value));
        });
}

void TrajectoryListModel::applyMore(store::TrajectoryPage page)
{
    m_more = int(page.rows.size()) >= kMorePageSize;
    if (page.rows.empty()) {
        if (m_countIn) {
            m_total = qint64(m_rows.size());   // rows went away underneath; stop asking
            Q_EMIT totalCountChanged(m_total);
        }
        Q_EMIT loaded();
        return;
    }
    // The key first: a view may ask for the next page from inside the insertion.
    m_last = page.last;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size()) - 1);
    std::move(page.rows.begin(), page.rows.end(), std::back_inserter(m_rows));
    endInsertRows();
    Q_EMIT loaded();
}

int TrajectoryListModel::rowOf(qint64 trajectoryId) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == trajectoryId)
            return int(row);
    }
    return -1;
}

void TrajectoryListModel::sort(int column, Qt::SortOrder order)
{
    using Sort = store::TrajectoryFilter::Sort;
    Sort s = Sort::FailedFirst;
    switch (column) {
    case ExternalId: s = Sort::ExternalId; break;
    case Workflow: s = Sort::Workflow; break;
    case Model: s = Sort::Model; break;
    case Verdict: s = Sort::FailedFirst; break;
    case Steps: s = Sort::MostSteps; break;
    case Errors: s = Sort::MostErrors; break;
    case Started: s = order == Qt::DescendingOrder ? Sort::Newest : Sort::Oldest; break;
    case PlaybookVersion: s = Sort::PlaybookVersion; break;
    default: return;
    }
    if (m_filter.sort == s && m_filter.descending == (order == Qt::DescendingOrder) && (m_loaded || isLoading()))
        return;   // the view repeats the sort it already has (setSortingEnabled, a saved view)
    m_filter.sort = s;
    m_filter.descending = order == Qt::DescendingOrder;
    startFirstRead(kPageSize, false);
}

} // namespace reverie::ui
