#pragma once

#include "ui/Page.h"

class QListView;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;

namespace reverie::ui {

class CompareView;
class LatestRead;
class NoticeBar;
class SavedViewsBar;
class SearchHitModel;
class TimelinePanel;
class TrajectoryFilterBar;
class TrajectoryListModel;

// The analyst's page: the trajectory list with its filters, search hits and saved views on
// top; the selected run's timeline, or its comparison with another run, below. Everything it
// shows is read on workers from the workspace path; a read that fails shows a notice naming it
// and leaves the page usable.
class TrajectoriesPage : public Page {
    Q_OBJECT
public:
    explicit TrajectoriesPage(QWidget *parent = nullptr);
    ~TrajectoriesPage() override;

    // Only `path` is used: the page never reads through the GUI thread's connection.
    void setWorkspace(const QString &path) override;
    QString title() const override;

    // Re-reads the list, choices and views (after an import or a dream run), keeping the
    // selected run selected when it is still in the list.
    void reload() override;
    // Shows a run on the timeline at a step (0: its first error) and focuses the timeline.
    void openTrajectory(qint64 trajectoryId, qint64 stepId = 0);
    // Compares the selected run with a run of the opposite verdict in the same workflow.
    void compareCurrent();
    qint64 currentTrajectoryId() const;

    TrajectoryListModel *model() const { return m_model; }
    SearchHitModel *hitModel() const { return m_hits; }
    TrajectoryFilterBar *filterBar() const { return m_filters; }
    SavedViewsBar *savedViews() const { return m_views; }
    TimelinePanel *timeline() const { return m_timeline; }
    CompareView *compareView() const { return m_compare; }
    QTableView *table() const { return m_table; }
    NoticeBar *notice() const { return m_notice; }

private:
    void buildActions();
    void applyFilter();
    void updateCount(qint64 total);
    void showTimelineTab();
    void readChoices();
    void showFailure(const QString &message);
    void selectKeptRow();

    QString m_path;
    LatestRead *m_choices = nullptr;
    NoticeBar *m_notice = nullptr;
    qint64 m_keepId = 0;   // the run to select again once a reload's rows arrive
    TrajectoryListModel *m_model = nullptr;
    SearchHitModel *m_hits = nullptr;
    TrajectoryFilterBar *m_filters = nullptr;
    SavedViewsBar *m_views = nullptr;
    QTableView *m_table = nullptr;
    QListView *m_hitList = nullptr;
    QTabWidget *m_tabs = nullptr;
    TimelinePanel *m_timeline = nullptr;
    CompareView *m_compare = nullptr;
    QTimer *m_followSelection = nullptr;
    int m_lastSortColumn = 3;
    bool m_applyingView = false;
};

} // namespace reverie::ui
