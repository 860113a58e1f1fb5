#include "ui/models/TrajectoryListModel.h"

#include "core/store/Workspace.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QTextDocument>

namespace reverie::ui {

TrajectoryListModel::TrajectoryListModel(QObject *parent) : QAbstractTableModel(parent) {}

void TrajectoryListModel::setWorkspace(store::Workspace *ws)
{
    m_ws = ws;
    reload();
}

void TrajectoryListModel::setFilter(const store::TrajectoryFilter &filter)
{
    m_filter = filter;
    reload();
}

void TrajectoryListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = 0;
    if (m_ws) {
        store::TrajectoryQueries q(*m_ws);
        m_total = q.count(m_filter);
        m_rows = q.list(m_filter, 0, kPageSize);
    }
    endResetModel();
    Q_EMIT totalCountChanged(m_total);
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
    return !parent.isValid() && m_ws && !m_fetchQueued && qint64(m_rows.size()) < m_total;
}

void TrajectoryListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetchQueued = true;
    QMetaObject::invokeMethod(this, &TrajectoryListModel::fetchPage, Qt::QueuedConnection);
}

void TrajectoryListModel::fetchPage()
{
    m_fetchQueued = false;
    if (!m_ws || qint64(m_rows.size()) >= m_total)
        return;   // reset or emptied meanwhile
    store::TrajectoryQueries q(*m_ws);
    auto page = q.list(m_filter, int(m_rows.size()), kPageSize);
    if (page.empty()) {
        m_total = qint64(m_rows.size());   // rows went away underneath; stop asking
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size()) - 1);
    std::move(page.begin(), page.end(), std::back_inserter(m_rows));
    endInsertRows();
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
    m_filter.sort = s;
    m_filter.descending = order == Qt::DescendingOrder;
    reload();
}

} // namespace reverie::ui
