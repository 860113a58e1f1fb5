#include "ui/models/EvidenceListModel.h"

#include <QTextDocument>

namespace reverie::ui {

EvidenceListModel::EvidenceListModel(QObject *parent) : QAbstractTableModel(parent) {}

void EvidenceListModel::setEvidence(const std::vector<Evidence> &evidence)
{
    beginResetModel();
    m_evidence = evidence;
    endResetModel();
}

int EvidenceListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_evidence.size()); }

int EvidenceListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant EvidenceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Evidence &e = m_evidence[std::size_t(index.row())];
    switch (role) {
    case TrajectoryIdRole: return e.trajectoryId;
    case StepIdRole: return e.stepId;
    case Qt::ToolTipRole: return Qt::convertFromPlainText(tr("Enter or double-click: open on the timeline\n%1").arg(e.note));
    case Qt::DisplayRole:
        switch (index.column()) {
        case Trajectory: return e.trajectoryExternalId.isEmpty() ? QStringLiteral("#%1").arg(e.trajectoryId) : e.trajectoryExternalId;
        case Step: return e.stepId ? (e.stepSeq >= 0 ? QVariant(tr("step %1").arg(e.stepSeq)) : QVariant(tr("step"))) : QVariant(tr("whole run"));
        case Note: return e.note.simplified();
        default: return {};
        }
    default: return {};
    }
}

QVariant EvidenceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Trajectory: return tr("Trajectory");
    case Step: return tr("Step");
    case Note: return tr("Why it counts");
    default: return {};
    }
}

} // namespace reverie::ui
