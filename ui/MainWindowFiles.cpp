// The window's files: opening a workspace (on a worker, through WorkspaceOpener), the demo
// workspace, imports, and the recent-files list.

#include "ui/MainWindow.h"

#include "core/store/Workspace.h"
#include "ui/common/WorkspaceName.h"
#include "ui/server/LiveUpdates.h"
#include "ui/server/ServerWorkspaceDialog.h"

#include "ui/DemoController.h"
#include "ui/ImportController.h"
#include "ui/Page.h"
#include "ui/PublishOnOpen.h"
#include "ui/WorkspaceOpener.h"
#include "ui/common/LatestRead.h"
#include "ui/models/TaskListModel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include <utility>

namespace reverie::ui {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("workspaces/recent");
} // namespace

bool MainWindow::openWorkspace(const QString &path)
{
    // From the command line, the recent list, New/Open and the demo alike: on a worker.
    if (!m_opener->start(path)) {
        statusBar()->showMessage(tr("A workspace is already being opened."), 4000);
        return false;
    }
    return true;
}

void MainWindow::onWorkspaceReady(const QString &path)
{
    forgetReadConnections();   // a file at the same path may have been re-created meanwhile
    m_path = path;
    for (Page *p : m_pages)
        p->setWorkspace(path);
    rememberRecent(path);
    if (store::Workspace::isServerAddress(path))
        ServerWorkspaceDialog::remember(path);
    m_live->follow(path);
    updateTitle();
    finishPublishing(path);
    applyWatchedFolders();
    if (auto then = std::exchange(m_afterOpen, nullptr))
        then(path);   // before the signal: whoever hears it finds the demo's build started
    Q_EMIT workspaceOpened(path);
}

void MainWindow::onWorkspaceFailed(const QString &path, const QString &why, bool cancelled)
{
    m_afterOpen = nullptr;
    const QString name = workspaceDisplayName(path);
    statusBar()->showMessage(cancelled ? tr("Opening %1 was cancelled.").arg(name) : tr("Could not open %1.").arg(name),
                             8000);
    Q_EMIT workspaceOpenFailed(path, why);
    if (cancelled)
        return;   // the user asked for it: the status bar is enough
    // Not modal: the window (and the workspace still open in it) stays usable. `why` names
    // the file and the cause.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open workspace"), why, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("openFailed"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

void MainWindow::finishPublishing(const QString &path)
{
    finishPublishingInBackground(this, path, [this](const QString &failure) {
        statusBar()->showMessage(tr("Publishing the approved playbook: %1").arg(failure), 15000);
    });
}

void MainWindow::openDemoWorkspace(const QString &path)
{
    const bool fresh = !QFileInfo::exists(path);
    if (!openWorkspace(path) || !fresh)
        return;
    m_afterOpen = [this](const QString &opened) { buildDemo(opened); };
}

void MainWindow::buildDemo(const QString &path)
{
    // The whole story (today's runs, a dream pass, an approved rule, the runs made under it)
    // is written on a worker with its own connection; the pages re-read it when it is done.
    auto *demo = new DemoController(this);
    demo->setObjectName(QStringLiteral("demoController"));
    const int task = m_tasks->addTask(tr("Building the demo workspace"), [demo] { demo->cancel(); });
    connect(demo, &DemoController::progress, m_tasks, [this, task](int permille) { m_tasks->setProgress(task, permille); });
    connect(demo, &DemoController::finished, this, [this, demo, task](const QString &error, bool cancelled) {
        m_tasks->finishTask(task);
        forgetReadConnections();   // the demo replaced the file the readers had open
        refreshPagesExcept(nullptr);
        demo->deleteLater();
        if (error.isEmpty() || cancelled) {
            statusBar()->showMessage(demo->summary(), 8000);
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Warning, tr("The demo workspace is incomplete"), error, QMessageBox::Ok, this);
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->show();
    });
    demo->start(path);
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (m_path.isEmpty() || paths.isEmpty())
        return;
    if (!m_import->start(m_path, paths)) {
        statusBar()->showMessage(tr("An import is already running."), 4000);
        return;
    }
    m_importErrors.clear();
    m_importTask = m_tasks->addTask(tr("Importing %n path(s)", nullptr, int(paths.size())),
                                    [this] { m_import->cancel(); });
    m_tasks->setProgress(m_importTask, 0);
}

void MainWindow::onImportFinished(int ok, int failed, bool cancelled)
{
    m_tasks->finishTask(m_importTask);
    m_importTask = 0;
    refreshPagesExcept(nullptr);
    QString msg = cancelled ? tr("Import cancelled: %n file(s) imported", nullptr, ok)
                            : tr("Imported %n file(s)", nullptr, ok);
    if (failed > 0)
        msg += tr(", %n failed", nullptr, failed);
    statusBar()->showMessage(msg, 8000);
    if (!m_importErrors.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Some files were not imported"),
                        tr("Nothing from these files was stored:"), QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.setDetailedText(m_importErrors.join(QLatin1Char('\n')));
        box.exec();
    }
}

void MainWindow::updateTitle()
{
    const QString name = !m_path.isEmpty() ? workspaceDisplayName(m_path) : tr("No workspace");
    setWindowTitle(name);
    m_workspaceLabel->setText(name);
    m_workspaceLabel->setToolTip(!m_path.isEmpty() ? Qt::convertFromPlainText(m_path) : QString());
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = store::Workspace::isServerAddress(path) ? path : QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openWorkspace(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::chooseNewWorkspace()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Workspace"), QString(),
                                                      tr("Reverie workspaces (*.reverie)"));
    if (!path.isEmpty())
        openWorkspace(path.endsWith(QLatin1String(".reverie")) ? path : path + QStringLiteral(".reverie"));
}

void MainWindow::chooseOpenWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QString(),
                                                      tr("Reverie workspaces (*.reverie);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::chooseServerWorkspace()
{
    auto *dialog = new ServerWorkspaceDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openWorkspace(dialog->address()); });
    dialog->open();
}

void MainWindow::chooseImportFiles() { importPaths(QFileDialog::getOpenFileNames(this, tr("Import Trajectories"))); }

void MainWindow::chooseImportFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a Folder of Trajectories"));
    if (!dir.isEmpty())
        importPaths({dir});
}

} // namespace reverie::ui
