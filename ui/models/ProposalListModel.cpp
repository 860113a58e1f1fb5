#include "ui/models/ProposalListModel.h"

#include "core/store/ProposalStore.h"

#include <QTextDocument>

namespace reverie::ui {

ProposalListModel::ProposalListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProposalListModel::setProposals(qint64 runId, std::vector<Proposal> proposals)
{
    beginResetModel();
    m_runId = runId;
    m_proposals = std::move(proposals);
    endResetModel();
}

std::vector<Proposal> ProposalListModel::proposalsOf(store::Workspace &ws, qint64 runId)
{
    return runId > 0 ? store::ProposalStore(ws).list(std::nullopt, runId) : std::vector<Proposal>{};
}

const Proposal *ProposalListModel::proposalAt(int row) const
{
    return row >= 0 && row < int(m_proposals.size()) ? &m_proposals[std::size_t(row)] : nullptr;
}

int ProposalListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_proposals.size()); }

int ProposalListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ProposalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Proposal &p = m_proposals[std::size_t(index.row())];
    if (role == ProposalIdRole)
        return p.id;
    if (role == Qt::ToolTipRole && index.column() == Text)
        return Qt::convertFromPlainText(p.text);   // model-written text: escaped, never rendered
    if (role == Qt::TextAlignmentRole && (index.column() == Confidence || index.column() == Support))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Op: return proposalOpName(p.op);
    case Text: return p.text.simplified();
    case Confidence: return tr("%1%").arg(qRound(p.confidence * 100));
    case Support: return p.support;
    case Stakes: return p.stakes == Stakes::High ? tr("high") : tr("low");
    case Status: return proposalStatusName(p.status);
    default: return {};
    }
}

QVariant ProposalListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Op: return tr("Change");
    case Text: return tr("Proposed rule");
    case Confidence: return tr("Confidence");
    case Support: return tr("Support");
    case Stakes: return tr("Stakes");
    case Status: return tr("Status");
    default: return {};
    }
}

} // namespace reverie::ui
