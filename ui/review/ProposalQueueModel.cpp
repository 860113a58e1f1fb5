#include "ui/review/ProposalQueueModel.h"

#include "core/dream/Strength.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QPalette>

namespace reverie::ui {

namespace {
// Child rows carry their group's row + 1 as internal id; group rows carry 0.
constexpr quintptr kGroupId = 0;

QString oneLine(const QString &text)
{
    QString s = text.simplified();
    return s.size() > 160 ? s.left(159) + QChar(0x2026) : s;
}
} // namespace

ProposalQueueModel::ProposalQueueModel(QObject *parent) : QAbstractItemModel(parent) {}

QString ProposalQueueModel::operationLabel(ProposalOp op)
{
    switch (op) {
    case ProposalOp::Add: return tr("ADD");
    case ProposalOp::Edit: return tr("EDIT");
    case ProposalOp::Remove: return tr("REMOVE");
    case ProposalOp::Merge: return tr("MERGE");
    case ProposalOp::Rollback: return tr("ROLLBACK");
    case ProposalOp::Revert: return tr("REVERT");
    case ProposalOp::Policy: return tr("POLICY");
    }
    return QString();
}

QString ProposalQueueModel::stakesLabel(reverie::Stakes stakes)
{
    return stakes == reverie::Stakes::High ? tr("HIGH STAKES") : tr("low stakes");
}

void ProposalQueueModel::setQueue(ReviewQueue queue)
{
    beginResetModel();
    m_queue = std::move(queue);
    forgetLandedInFlight();
    endResetModel();
}

void ProposalQueueModel::updateQueue(ReviewQueue queue)
{
    Q_EMIT layoutAboutToBeChanged();
    // Persistent indexes (the selection, the view's expanded rows) are keyed by what they
    // show, a dream run and a proposal, and found again in the new queue.
    struct Key {
        qint64 run = 0;
        qint64 proposal = 0;   // 0: the group row
        int column = 0;
    };
    const QModelIndexList before = persistentIndexList();
    std::vector<Key> keys;
    keys.reserve(std::size_t(before.size()));
    for (const QModelIndex &i : before) {
        Key k;
        k.column = i.column();
        if (i.internalId() == kGroupId) {
            k.run = m_queue.groups[std::size_t(i.row())].dreamRunId;
        } else {
            const QueueGroup &g = m_queue.groups[std::size_t(i.internalId() - 1)];
            k.run = g.dreamRunId;
            k.proposal = g.proposals[std::size_t(i.row())].id;
        }
        keys.push_back(k);
    }
    m_queue = std::move(queue);
    forgetLandedInFlight();
    QModelIndexList after;
    after.reserve(before.size());
    for (const Key &k : keys) {
        QModelIndex found;
        if (k.proposal) {
            found = indexOfProposal(k.proposal);
            if (found.isValid())
                found = found.siblingAtColumn(k.column);
        } else {
            for (std::size_t g = 0; g < m_queue.groups.size() && !found.isValid(); ++g) {
                if (m_queue.groups[g].dreamRunId == k.run)
                    found = createIndex(int(g), k.column, kGroupId);
            }
        }
        after << found;
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void ProposalQueueModel::forgetLandedInFlight()
{
    // A proposal that left the queue had its decision land.
    QSet<qint64> still;
    for (qint64 id : std::as_const(m_inFlight)) {
        if (m_queue.find(id))
            still.insert(id);
    }
    m_inFlight = still;
}

const Proposal *ProposalQueueModel::proposalAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == kGroupId)
        return nullptr;
    const auto &group = m_queue.groups[std::size_t(index.internalId() - 1)];
    return &group.proposals[std::size_t(index.row())];
}

QModelIndex ProposalQueueModel::indexOfProposal(qint64 id) const
{
    for (std::size_t g = 0; g < m_queue.groups.size(); ++g) {
        const auto &ps = m_queue.groups[g].proposals;
        for (std::size_t i = 0; i < ps.size(); ++i) {
            if (ps[i].id == id)
                return createIndex(int(i), 0, quintptr(g + 1));
        }
    }
    return {};
}

void ProposalQueueModel::setInFlight(qint64 id, bool inFlight)
{
    if (inFlight == m_inFlight.contains(id))
        return;
    if (inFlight)
        m_inFlight.insert(id);
    else
        m_inFlight.remove(id);
    const QModelIndex first = indexOfProposal(id);
    if (first.isValid())
        Q_EMIT dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
}

QModelIndex ProposalQueueModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < int(m_queue.groups.size()) ? createIndex(row, column, kGroupId) : QModelIndex();
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return {};
    const auto &group = m_queue.groups[std::size_t(parent.row())];
    if (row >= int(group.proposals.size()))
        return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ProposalQueueModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int ProposalQueueModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_queue.groups.size());
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    return int(m_queue.groups[std::size_t(parent.row())].proposals.size());
}

int ProposalQueueModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant ProposalQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kGroupId)
        return groupData(m_queue.groups[std::size_t(index.row())], index.column(), role);
    return proposalData(*proposalAt(index), index.column(), role);
}

QVariant ProposalQueueModel::groupData(const QueueGroup &group, int column, int role) const
{
    switch (role) {
    case IsGroupRole: return true;
    case ProposalIdRole: return qint64(0);
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    case Qt::DisplayRole:
        if (column != Summary)
            return {};
        if (group.dreamRunId == 0)
            return tr("Manual proposals (%n)", nullptr, int(group.proposals.size()));
        return tr("Dream run #%1 · %2 · %3 (%n)", nullptr, int(group.proposals.size()))
            .arg(group.dreamRunId)
            .arg(group.engine.isEmpty() ? tr("unknown engine") : group.engine,
                 group.startedMs ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(group.startedMs), QLocale::ShortFormat)
                                 : QString());
    default: return {};
    }
}

QVariant ProposalQueueModel::proposalData(const Proposal &p, int column, int role) const
{
    switch (role) {
    case ProposalIdRole: return p.id;
    case IsGroupRole: return false;
    case StakesRole: return int(p.stakes);
    case ConfidenceRole: return p.confidence;
    case InFlightRole: return m_inFlight.contains(p.id);
    case WeakEvidenceRole: return dream::strengthRank(p) == dream::kWeakStrengthRank;
    case SearchTextRole:
        return QStringList{p.text, p.rationale, p.author, p.kind, proposalOpName(p.op), p.targetRules.join(QLatin1Char(' ')),
                           p.scope.workflows.join(QLatin1Char(' ')), p.scope.tools.join(QLatin1Char(' '))}
            .join(QLatin1Char('\n'));
    case Qt::ForegroundRole:
        if (m_inFlight.contains(p.id))
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        if (column == Stakes && p.stakes == reverie::Stakes::High)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        return {};
    case Qt::FontRole:
        if (column == Stakes && p.stakes == reverie::Stakes::High) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == Summary)
            // A tooltip guesses rich text; escaped inside a paragraph it is always shown literally.
            return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(p.text.toHtmlEscaped());
        return {};
    case Qt::DisplayRole:
        switch (column) {
        case Summary: {
            QString label = QStringLiteral("#%1 %2 ").arg(p.id).arg(operationLabel(p.op));
            if (!p.targetRules.isEmpty())
                label += p.targetRules.join(QLatin1Char('+')) + QLatin1Char(' ');
            label += oneLine(p.op == ProposalOp::Remove && p.text.isEmpty() ? p.rationale : p.text);
            if (p.status == ProposalStatus::NeedsRebase)
                label += QLatin1Char(' ') + tr("(needs rebase)");
            if (dream::strengthRank(p) == dream::kWeakStrengthRank)
                label += QLatin1Char(' ') + tr("(weak evidence)");
            if (m_inFlight.contains(p.id))
                label += QLatin1Char(' ') + tr("(deciding…)");
            return label;
        }
        case Stakes: {
            if (p.stakes != reverie::Stakes::High)
                return tr("low");
            // High-stakes rows carry their approvals so far: "HIGH 1/2".
            const int have = int(m_queue.approvers.value(p.id).size());
            return tr("HIGH %1/%2").arg(have).arg(m_queue.approvalsNeeded);
        }
        // A rollback, revert or policy request rests on no runs: nothing to count.
        case Confidence:
            return changesRulesDirectly(p.op) ? QStringLiteral("%1%").arg(qRound(p.confidence * 100)) : QStringLiteral("—");
        case Support: return changesRulesDirectly(p.op) ? QVariant(p.support) : QVariant(QStringLiteral("—"));
        default: return {};
        }
    default: return {};
    }
}

QVariant ProposalQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Summary: return tr("Proposal");
    case Stakes: return tr("Stakes");
    case Confidence: return tr("Confidence");
    case Support: return tr("Support");
    default: return {};
    }
}

Qt::ItemFlags ProposalQueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

} // namespace reverie::ui
