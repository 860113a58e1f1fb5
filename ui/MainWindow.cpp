#include "ui/MainWindow.h"

#include "ui/ImportController.h"
#include "ui/WatchController.h"
#include "ui/WorkspaceOpener.h"
#include "ui/settings/UserSettings.h"
#include "ui/PageFactory.h"
#include "ui/dreams/DreamsPage.h"
#include "ui/models/TaskListModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tasks/TaskStatusArea.h"
#include "ui/trajectories/TrajectoriesPage.h"

#include "ui/server/LiveUpdates.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace reverie::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    m_import = new ImportController(this);
    m_tasks = new TaskListModel(this);
    m_opener = new WorkspaceOpener(this);
    connect(m_opener, &WorkspaceOpener::opened, this, &MainWindow::onWorkspaceReady);
    connect(m_opener, &WorkspaceOpener::failed, this, &MainWindow::onWorkspaceFailed);
    buildPages();
    buildMenus();
    buildStatusBar();
    resize(1360, 860);

    connect(m_import, &ImportController::progress, m_tasks, [this](int permille) {
        m_tasks->setProgress(m_importTask, permille);
    });
    connect(m_import, &ImportController::fileImported, this, [this](const ingest::FileResult &r) {
        if (!r.ok())
            m_importErrors << r.error;
        else if (!r.duplicate)
            trajectoryModel()->reload();   // trajectories appear as their files land
    });
    connect(m_import, &ImportController::finished, this, &MainWindow::onImportFinished);
    updateTitle();
}

MainWindow::~MainWindow() = default;

QString MainWindow::workspacePath() const { return m_path; }

TrajectoryListModel *MainWindow::trajectoryModel() const { return m_trajectories->model(); }

Page *MainWindow::page(int index) const
{
    return index >= 0 && index < int(m_pages.size()) ? m_pages[std::size_t(index)] : nullptr;
}

void MainWindow::buildPages()
{
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pages"));
    m_trajectories = createTrajectoriesPage(m_stack);
    m_dreams = createDreamsPage(m_stack);
    m_dreams->setTaskList(m_tasks);
    m_pages = {m_trajectories, m_dreams, createReviewPage(m_stack), createHistoryPage(m_stack)};

    m_nav = new QListWidget(this);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: transparent; outline: 0; }"
        "QListWidget#navigation::item { padding: 7px 10px; margin: 1px 0; border-radius: 4px; color: palette(window-text); }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        "QListWidget#navigation::item:hover:!selected { background: palette(midlight); }"));
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        m_stack->addWidget(m_pages[i]);
        auto *item = new QListWidgetItem(m_pages[i]->title(), m_nav);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(m_pages[i]->title()).arg(i + 1));
        connectPage(m_pages[i]);
    }
    connect(m_nav, &QListWidget::currentRowChanged, this, &MainWindow::showPage);

    auto *appName = new QLabel(QStringLiteral("Reverie"), this);
    QFont big = appName->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    appName->setFont(big);
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceName"));
    m_workspaceLabel->setTextFormat(Qt::PlainText);
    m_workspaceLabel->setForegroundRole(QPalette::PlaceholderText);
    m_workspaceLabel->setWordWrap(true);

    auto *sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setFixedWidth(178);
    sidebar->setAutoFillBackground(true);
    sidebar->setBackgroundRole(QPalette::Window);
    auto *side = new QVBoxLayout(sidebar);
    side->setContentsMargins(12, 12, 8, 12);
    side->addWidget(appName);
    side->addWidget(m_workspaceLabel);
    side->addSpacing(10);
    side->addWidget(m_nav, 1);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *rule = new QFrame(central);
    rule->setFrameShape(QFrame::VLine);
    rule->setFrameShadow(QFrame::Sunken);
    layout->addWidget(sidebar);
    layout->addWidget(rule);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    m_nav->setCurrentRow(TrajectoriesIndex);
}

void MainWindow::connectPage(Page *page)
{
    connect(page, &Page::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(page, &Page::workspaceChanged, this, [this, page] { refreshPagesExcept(page); });
    connect(page, &Page::openTrajectoryRequested, this, [this](qint64 trajectoryId, qint64 stepId) {
        showPage(TrajectoriesIndex);
        m_trajectories->openTrajectory(trajectoryId, stepId);
    });
}

void MainWindow::refreshPagesExcept(const Page *sender)
{
    // Only the page in view re-reads now; the others when they are next shown.
    for (Page *p : m_pages) {
        if (p != sender)
            p->markStale();
    }
}

void MainWindow::showPage(int index)
{
    if (index < 0 || index >= int(m_pages.size()))
        return;
    if (m_nav->currentRow() != index)
        m_nav->setCurrentRow(index);   // comes back here through currentRowChanged
    if (m_stack->currentIndex() != index)
        m_stack->setCurrentIndex(index);
    m_pages[std::size_t(index)]->setFocus(Qt::ShortcutFocusReason);
}

int MainWindow::currentPageIndex() const { return m_stack->currentIndex(); }

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Workspace…"), QKeySequence::New, this, &MainWindow::chooseNewWorkspace);
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::chooseOpenWorkspace);
    file->addAction(tr("Open &Server Workspace…"), QKeySequence(tr("Ctrl+Shift+O")), this, &MainWindow::chooseServerWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(tr("&Import Files…"), QKeySequence(tr("Ctrl+I")), this, &MainWindow::chooseImportFiles);
    file->addAction(tr("Import &Folder…"), QKeySequence(tr("Ctrl+Shift+I")), this, &MainWindow::chooseImportFolder);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    updateRecentMenu();

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *settings = edit->addAction(tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, [this] {
        SettingsDialog *dialog = showSettingsDialog(this, workspacePath());
        connect(dialog, &SettingsDialog::saved, this, [this] {
            refreshPagesExcept(nullptr);
            applyWatchedFolders();
        });
    });
    settings->setObjectName(QStringLiteral("settingsAction"));
    settings->setMenuRole(QAction::PreferencesRole);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    auto *group = new QActionGroup(this);
    for (std::size_t i = 0; i < m_pages.size(); ++i) {
        const int index = int(i);
        QAction *action = go->addAction(m_pages[i]->title(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this,
                                        [this, index] { showPage(index); });
        action->setCheckable(true);
        action->setChecked(index == TrajectoriesIndex);
        group->addAction(action);
        connect(m_stack, &QStackedWidget::currentChanged, action, [action, index](int current) {
            action->setChecked(current == index);
        });
    }

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Dream Pass…"), this, [this] { showPage(DreamsIndex); });
    tools->addAction(tr("&Cancel Background Tasks"), m_tasks, &TaskListModel::cancelAll);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
}

void MainWindow::buildStatusBar()
{
    m_watchStatus = new QLabel(this);
    m_watchStatus->setObjectName(QStringLiteral("watchStatus"));
    m_watchStatus->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_watchStatus);
    statusBar()->addPermanentWidget(new TaskStatusArea(m_tasks, this));
    m_watch = new WatchController(this);
    connect(m_watch, &WatchController::statusChanged, m_watchStatus, &QLabel::setText);
    connect(m_watch, &WatchController::runsArrived, this, [this] { refreshPagesExcept(nullptr); });
    m_live = new LiveUpdates(this);
    connect(m_live, &LiveUpdates::changed, this, [this](const QString &what) {
        refreshPagesExcept(nullptr);   // the page in view reads again now, the others when shown
        if (!what.isEmpty())
            statusBar()->showMessage(tr("From other reviewers: %1.").arg(what), 8000);
    });
    connect(m_live, &LiveUpdates::connectionChanged, this, [this](const QString &problem) {
        statusBar()->showMessage(problem.isEmpty() ? tr("Live updates are back; what was missed has been read.")
                                                   : tr("Live updates paused: %1").arg(problem),
                                 problem.isEmpty() ? 8000 : 0);
    });
    connect(m_watch, &WatchController::proposalsArrived, this, [this](int, const QString &message) {
        statusBar()->showMessage(message, 15000);
        // Where the desktop has a tray, a message reaches the user outside the window too.
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            auto *tray = findChild<QSystemTrayIcon *>(QStringLiteral("reverieTray"));
            if (!tray) {
                tray = new QSystemTrayIcon(windowIcon(), this);
                tray->setObjectName(QStringLiteral("reverieTray"));
                tray->show();
            }
            tray->showMessage(tr("Reverie"), message);
        }
    });
}

void MainWindow::applyWatchedFolders()
{
    m_watch->watch(m_path, UserSettings::load().watchedFolders);
}

void MainWindow::showShortcuts()
{
    const QString text = tr(
        "Pages: Ctrl+1 Trajectories, Ctrl+2 Dreams, Ctrl+3 Review, Ctrl+4 Playbook history\n\n"
        "Trajectories: Ctrl+F search, Enter/Down in the search box goes to the results, Ctrl+L the list, "
        "Enter on a run opens its timeline, Ctrl+T the timeline, Ctrl+Shift+C compare with a run of the "
        "opposite verdict, Ctrl+Shift+S save the view\n\n"
        "Timeline: Right/Left or N/P next/previous step, Home/End first/last, E / Shift+E next/previous "
        "error, J / Shift+J next/previous dream evidence, + / - zoom, F or 0 fit, Shift+Right/Left and "
        "PgUp/PgDn pan, Enter reads the step (Esc returns), Esc back to the list\n\n"
        "Dreams: Ctrl+Enter starts a pass; Enter on evidence opens that step\n\n"
        "Files: Ctrl+O open workspace, Ctrl+N new workspace, Ctrl+I import files");
    QMessageBox box(QMessageBox::Information, tr("Keyboard Shortcuts"), text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    importPaths(paths);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_tasks->cancelAll();
    m_opener->cancel();
    m_import->waitForDone();   // the worker rolls back its file within one step
    event->accept();
}

} // namespace reverie::ui
