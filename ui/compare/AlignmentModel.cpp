#include "ui/compare/AlignmentModel.h"

#include <QBrush>
#include <QColor>

namespace reverie::ui {

AlignmentModel::AlignmentModel(QObject *parent) : QAbstractTableModel(parent) {}

void AlignmentModel::setComparison(const Comparison &comparison)
{
    beginResetModel();
    m_c = comparison;
    endResetModel();
}

void AlignmentModel::clear() { setComparison(Comparison{}); }

int AlignmentModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_c.pairs.size()); }

int AlignmentModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlignmentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlignedPair &p = m_c.pairs[std::size_t(index.row())];
    const ToolCallRef *l = p.left >= 0 ? &m_c.left[std::size_t(p.left)] : nullptr;
    const ToolCallRef *r = p.right >= 0 ? &m_c.right[std::size_t(p.right)] : nullptr;
    const bool leftSide = index.column() < Relation;
    const ToolCallRef *side = leftSide ? l : (index.column() > Relation ? r : nullptr);
    switch (role) {
    case OpRole: return int(p.op);
    case LeftStepIdRole: return l ? l->stepId : 0;
    case RightStepIdRole: return r ? r->stepId : 0;
    case Qt::DisplayRole:
        switch (index.column()) {
        case LeftSeq: return l ? QVariant(l->seq) : QVariant();
        case LeftTool: return l ? QVariant(l->error ? tr("%1 (failed)").arg(l->tool) : l->tool) : QVariant();
        case RightTool: return r ? QVariant(r->error ? tr("%1 (failed)").arg(r->tool) : r->tool) : QVariant();
        case RightSeq: return r ? QVariant(r->seq) : QVariant();
        case Relation:
            switch (p.op) {
            case AlignOp::Match: return QStringLiteral("=");
            case AlignOp::Mismatch: return QStringLiteral("≠");
            case AlignOp::OnlyLeft: return QStringLiteral("◀");
            case AlignOp::OnlyRight: return QStringLiteral("▶");
            }
        }
        return {};
    case Qt::ToolTipRole:
        switch (p.op) {
        case AlignOp::Match: return tr("Both runs make this call here");
        case AlignOp::Mismatch: return tr("The runs make different calls here");
        case AlignOp::OnlyLeft: return tr("Only the left run makes this call");
        case AlignOp::OnlyRight: return tr("Only the right run makes this call");
        }
        return {};
    case Qt::BackgroundRole:
        switch (p.op) {
        case AlignOp::Match: return {};
        case AlignOp::Mismatch: return QBrush(QColor(0xff, 0xf0, 0xc8));
        case AlignOp::OnlyLeft: return QBrush(QColor(0xfc, 0xe1, 0xe1));
        case AlignOp::OnlyRight: return QBrush(QColor(0xdc, 0xf2, 0xdc));
        }
        return {};
    case Qt::ForegroundRole:
        if (side && side->error)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        if (p.op != AlignOp::Match)
            return QBrush(QColor(0x20, 0x20, 0x20));   // readable on the tinted rows in dark themes too
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Relation)
            return int(Qt::AlignCenter);
        if (index.column() == LeftSeq || index.column() == RightSeq)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant AlignmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LeftSeq: return tr("Step");
    case LeftTool: return tr("Left run");
    case Relation: return QString();
    case RightTool: return tr("Right run");
    case RightSeq: return tr("Step");
    default: return {};
    }
}

} // namespace reverie::ui
