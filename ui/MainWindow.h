#pragma once

#include <QMainWindow>
#include <QStringList>

#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

class DreamsPage;
class ImportController;
class WatchController;
class Page;
class TaskListModel;
class TrajectoriesPage;
class TrajectoryListModel;

// The application window: owns the UI thread's workspace connection, hosts the pages
// (Trajectories, Dreams, Review, Playbook history) behind a navigation list, imports files
// and lists background tasks in the status bar. The pages do the work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum PageIndex { TrajectoriesIndex, DreamsIndex, ReviewIndex, HistoryIndex };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) a workspace; shows an error and keeps the old one on failure.
    bool openWorkspace(const QString &path);
    void finishPublishing(const QString &path);
    // Opens the demo workspace, filling it from the bundled demo trajectories on first use.
    void openDemoWorkspace(const QString &path);
    void importPaths(const QStringList &paths);
    void showPage(int index);
    int currentPageIndex() const;

    TrajectoryListModel *trajectoryModel() const;
    ImportController *importController() const { return m_import; }
    TaskListModel *taskModel() const { return m_tasks; }
    TrajectoriesPage *trajectoriesPage() const { return m_trajectories; }
    DreamsPage *dreamsPage() const { return m_dreams; }
    Page *page(int index) const;
    QString workspacePath() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildMenus();
    void buildStatusBar();
    void connectPage(Page *page);
    void refreshPagesExcept(const Page *sender);
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString &path);
    void onImportFinished(int ok, int failed, bool cancelled);
    void chooseNewWorkspace();
    void chooseOpenWorkspace();
    void chooseImportFiles();
    void chooseImportFolder();
    void showShortcuts();

    std::unique_ptr<store::Workspace> m_ws;
    ImportController *m_import = nullptr;
    WatchController *m_watch = nullptr;     // the watched folders of Settings, for the open workspace
    void applyWatchedFolders();
    TaskListModel *m_tasks = nullptr;
    int m_importTask = 0;
    TrajectoriesPage *m_trajectories = nullptr;
    DreamsPage *m_dreams = nullptr;
    std::vector<Page *> m_pages;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QStringList m_importErrors;
    QLabel *m_watchStatus = nullptr;
};

} // namespace reverie::ui
