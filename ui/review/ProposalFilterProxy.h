#pragma once

#include <QSortFilterProxyModel>

namespace reverie::ui {

// Narrows the review queue by words (in the text, rationale, scope, author) and by stakes.
// A dream-run group stays while any of its proposals matches. The bulk actions act on what
// this leaves visible.
class ProposalFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StakesFilter { All, LowOnly, HighOnly };

    explicit ProposalFilterProxy(QObject *parent = nullptr);
    void setText(const QString &text);
    void setStakesFilter(StakesFilter filter);
    bool isFiltering() const { return !m_text.isEmpty() || m_stakes != StakesFilter::All; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    StakesFilter m_stakes = StakesFilter::All;
};

} // namespace reverie::ui
