#pragma once

#include "core/model/Trajectory.h"
#include "core/store/TrajectoryPaging.h"
#include "core/store/TrajectoryQueries.h"

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace reverie::ui {

class LatestRead;

// The trajectory list, fetched a page at a time as the view scrolls: nothing loads the whole
// workspace, and nothing is read on the GUI thread. Each read (the count with the first page,
// or the page after the last row, found by its key rather than an OFFSET) runs on a worker
// through LatestRead; a newer request drops an older one. Rows arrive from the event loop, so
// a view (or a model tester) asking for more in the middle of a reset never sees rows land
// inside it. A caller that needs the rows waits for loaded() (or readFailed()).
class TrajectoryListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ExternalId, Workflow, Model, Verdict, Steps, Errors, Started, PlaybookVersion, ColumnCount };
    enum Role { TrajectoryIdRole = Qt::UserRole + 1, VerdictRole };
    static constexpr int kPageSize = 200;   // the first page; later ones are larger (see the .cpp)

    explicit TrajectoryListModel(QObject *parent = nullptr);
    ~TrajectoryListModel() override;

    // The workspace file to read; an empty path empties the model. Starts a reload.
    void setWorkspacePath(const QString &path);
    QString workspacePath() const { return m_path; }
    void setFilter(const store::TrajectoryFilter &filter);
    const store::TrajectoryFilter &filter() const { return m_filter; }
    // Reads the count and the rows shown again (after an import). The rows are replaced in
    // place when they arrive, so the view keeps its selection and scroll where rows stay.
    // (A new filter or sort replaces them with a reset once its first page arrives.)
    void reload();
    // A read is under way: the rows and the count are those of the last one that finished.
    bool isLoading() const;
    // The count of the current workspace, filter and order has arrived at least once.
    bool hasLoaded() const { return m_loaded; }
    // The first page of the current read is in the model (its count may still be on its way).
    bool hasFirstPage() const { return m_rowsIn; }
    qint64 totalCount() const { return m_total; }
    const TrajectorySummary *summaryAt(int row) const;
    // The row showing a trajectory among those fetched, or -1.
    int rowOf(qint64 trajectoryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

Q_SIGNALS:
    void totalCountChanged(qint64 total);
    // A read finished and its rows are in the model (the first page with the count, or one more page).
    void loaded();
    // The first page of a new filter, order or reload is in the model (its count may still be
    // being read: loaded() follows when it is).
    void firstPageShown();
    // A read failed; the rows shown are kept. `message` says what failed.
    void readFailed(const QString &message);

private:
    // Starts the count and the first `rows` rows; `inPlace` keeps the rows until they arrive.
    void startFirstRead(int rows, bool inPlace);
    void applyFirst(store::TrajectoryPage page, bool inPlace);
    void finishFirstRead();   // both the first page and the count are in
    void applyMore(store::TrajectoryPage page);
    void clearRows();

    QString m_path;
    store::TrajectoryFilter m_filter;
    std::vector<TrajectorySummary> m_rows;
    store::PageKey m_last;
    qint64 m_total = 0;
    bool m_loaded = false;     // the first page and the count of the current read are in
    bool m_rowsIn = false;     // the first page is
    bool m_countIn = false;    // the count is
    qint64 m_counted = 0;
    bool m_more = false;       // the last page read was full: there may be more
    bool m_fetching = false;   // a next page is being read
    LatestRead *m_reader = nullptr;    // the pages
    LatestRead *m_counter = nullptr;   // the count
};

} // namespace reverie::ui
