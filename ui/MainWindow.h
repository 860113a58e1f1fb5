#pragma once

#include <QMainWindow>
#include <QStringList>

#include <memory>

class QLabel;
class QLineEdit;
class QComboBox;
class QMenu;
class QProgressBar;
class QTableView;
class QToolButton;
class QTemporaryDir;

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

class ImportController;
class TrajectoryListModel;

// The application window: opens a workspace, lists its trajectories, imports files.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (creating if needed) a workspace; shows an error and keeps the old one on failure.
    bool openWorkspace(const QString &path);
    // Opens the demo workspace, filling it from the bundled demo trajectories on first use.
    void openDemoWorkspace(const QString &path);
    void importPaths(const QStringList &paths);

    TrajectoryListModel *trajectoryModel() const { return m_model; }
    ImportController *importController() const { return m_import; }
    QString workspacePath() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildCentral();
    void applyFilter();
    void updateTitle();
    void updateRecentMenu();
    void rememberRecent(const QString &path);
    void onImportFinished(int ok, int failed, bool cancelled);
    void chooseNewWorkspace();
    void chooseOpenWorkspace();
    void chooseImportFiles();
    void chooseImportFolder();

    std::unique_ptr<store::Workspace> m_ws;
    TrajectoryListModel *m_model = nullptr;
    ImportController *m_import = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_verdict = nullptr;
    QComboBox *m_workflow = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QStringList m_importErrors;
    std::unique_ptr<QTemporaryDir> m_demoDir;
};

} // namespace reverie::ui
