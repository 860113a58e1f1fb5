#pragma once

#include "core/model/Trajectory.h"
#include "core/store/TrajectoryQueries.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The trajectory list, fetched a page at a time as the view scrolls: nothing loads the
// whole workspace. Reads through the UI thread's own connection; each page is one indexed query.
// fetchMore() only schedules the next page: the page arrives from the event loop, so a view
// (or a model tester) asking for more in the middle of a reset never sees rows land inside it.
class TrajectoryListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ExternalId, Workflow, Model, Verdict, Steps, Errors, Started, PlaybookVersion, ColumnCount };
    enum Role { TrajectoryIdRole = Qt::UserRole + 1, VerdictRole };
    static constexpr int kPageSize = 200;

    explicit TrajectoryListModel(QObject *parent = nullptr);

    // The model does not own the workspace; nullptr empties it.
    void setWorkspace(store::Workspace *ws);
    void setFilter(const store::TrajectoryFilter &filter);
    const store::TrajectoryFilter &filter() const { return m_filter; }
    // Drops what was fetched and starts again from the first page (after an import).
    void reload();
    qint64 totalCount() const { return m_total; }
    const TrajectorySummary *summaryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void totalCountChanged(qint64 total);

private:
    void fetchPage();

    store::Workspace *m_ws = nullptr;
    store::TrajectoryFilter m_filter;
    std::vector<TrajectorySummary> m_rows;
    qint64 m_total = 0;
    bool m_fetchQueued = false;
};

} // namespace reverie::ui
