#include "ui/review/ProposalFilterProxy.h"

#include "core/model/Playbook.h"
#include "ui/review/ProposalQueueModel.h"

namespace reverie::ui {

ProposalFilterProxy::ProposalFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void ProposalFilterProxy::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void ProposalFilterProxy::setStakesFilter(StakesFilter filter)
{
    m_stakes = filter;
    invalidateFilter();
}

bool ProposalFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (idx.data(ProposalQueueModel::IsGroupRole).toBool())
        return !isFiltering();   // with a filter, a group shows only through its matching rows
    const auto stakes = static_cast<Stakes>(idx.data(ProposalQueueModel::StakesRole).toInt());
    if (m_stakes == StakesFilter::LowOnly && stakes != Stakes::Low)
        return false;
    if (m_stakes == StakesFilter::HighOnly && stakes != Stakes::High)
        return false;
    if (m_text.isEmpty())
        return true;
    const QString haystack = idx.data(ProposalQueueModel::SearchTextRole).toString();
    const QStringList words = m_text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &w : words) {
        if (!haystack.contains(w, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace reverie::ui
