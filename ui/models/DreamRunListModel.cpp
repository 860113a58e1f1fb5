#include "ui/models/DreamRunListModel.h"

#include "core/store/DreamStore.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QTextDocument>

namespace reverie::ui {

DreamRunListModel::DreamRunListModel(QObject *parent) : QAbstractTableModel(parent) {}

void DreamRunListModel::setRuns(std::vector<DreamRun> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

std::vector<DreamRun> DreamRunListModel::runsFrom(store::Workspace &ws) { return store::DreamStore(ws).list(kLimit); }

const DreamRun *DreamRunListModel::runAt(int row) const
{
    return row >= 0 && row < int(m_runs.size()) ? &m_runs[std::size_t(row)] : nullptr;
}

int DreamRunListModel::rowOf(qint64 runId) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i].id == runId)
            return int(i);
    }
    return -1;
}

QString DreamRunListModel::statusText(DreamStatus status)
{
    switch (status) {
    case DreamStatus::Running: return tr("running");
    case DreamStatus::Succeeded: return tr("succeeded");
    case DreamStatus::Failed: return tr("failed");
    case DreamStatus::Cancelled: return tr("cancelled");
    case DreamStatus::Interrupted: return tr("interrupted");
    }
    return {};
}

int DreamRunListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }

int DreamRunListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DreamRunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DreamRun &r = m_runs[std::size_t(index.row())];
    if (role == RunIdRole)
        return r.id;
    if (role == StatusRole)
        return int(r.status);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (r.status == DreamStatus::Failed || r.status == DreamStatus::Interrupted)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (r.status == DreamStatus::Succeeded)
            return QBrush(QColor(0x20, 0x80, 0x30));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Error && !r.error.isEmpty())
        return Qt::convertFromPlainText(r.error);   // escaped: an error may quote a model's answer
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Inputs || index.column() == Proposals))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id: return r.id;
    case Engine: return r.engine;
    case Status: return statusText(r.status);
    case Started: return QDateTime::fromMSecsSinceEpoch(r.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Duration:
        return r.finishedMs > 0 ? QVariant(tr("%1 s").arg(double(r.finishedMs - r.startedMs) / 1000.0, 0, 'f', 1)) : QVariant();
    case Inputs: return r.trajectoryCount;
    case Proposals: return r.proposalCount;
    case Error: return r.error.simplified();
    default: return {};
    }
}

QVariant DreamRunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Run");
    case Engine: return tr("Engine");
    case Status: return tr("Status");
    case Started: return tr("Started");
    case Duration: return tr("Took");
    case Inputs: return tr("Trajectories");
    case Proposals: return tr("Proposals");
    case Error: return tr("Error");
    default: return {};
    }
}

} // namespace reverie::ui
