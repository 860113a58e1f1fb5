#pragma once

#include <QMainWindow>
#include <QStringList>

#include <functional>
#include <vector>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace reverie::ui {

class DreamsPage;
class ImportController;
class WatchController;
class WorkspaceOpener;
class Page;
class TaskListModel;
class TrajectoriesPage;
class TrajectoryListModel;

// The application window: knows which workspace is open (its path: the GUI thread holds no
// connection), hosts the pages (Trajectories, Dreams, Review, Playbook history) behind a
// navigation list, imports files and lists background tasks in the status bar. The pages do
// the work.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum PageIndex { TrajectoriesIndex, DreamsIndex, ReviewIndex, HistoryIndex };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts opening (creating or upgrading if needed) a workspace on a worker; false when an
    // opening is already under way. workspaceOpened() follows; on failure or cancel the old
    // workspace stays open and a message says why (workspaceOpenFailed()).
    bool openWorkspace(const QString &path);
    WorkspaceOpener *opener() const { return m_opener; }
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

Q_SIGNALS:
    void workspaceOpened(const QString &path);
    void workspaceOpenFailed(const QString &path, const QString &why);

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
    void onWorkspaceReady(const QString &path);
    void onWorkspaceFailed(const QString &path, const QString &why, bool cancelled);
    void buildDemo(const QString &path);
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString &path);
    void onImportFinished(int ok, int failed, bool cancelled);
    void chooseNewWorkspace();
    void chooseOpenWorkspace();
    void chooseServerWorkspace();
    void chooseImportFiles();
    void chooseImportFolder();
    void showShortcuts();

    QString m_path;                         // the open workspace; empty when none
    WorkspaceOpener *m_opener = nullptr;
    std::function<void(const QString &)> m_afterOpen;   // the demo's build, once its file is open
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
    class LiveUpdates *m_live = nullptr;    // a server workspace's other users, as they commit
};

} // namespace reverie::ui
