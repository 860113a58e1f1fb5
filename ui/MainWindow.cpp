#include "ui/MainWindow.h"

#include "core/store/Workspace.h"
#include "ui/DemoData.h"
#include "ui/ImportController.h"
#include "ui/models/TrajectoryListModel.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("workspaces/recent");
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    m_model = new TrajectoryListModel(this);
    m_import = new ImportController(this);
    buildMenus();
    buildCentral();
    resize(1100, 700);

    connect(m_import, &ImportController::progress, m_progress, &QProgressBar::setValue);
    connect(m_import, &ImportController::fileImported, this, [this](const ingest::FileResult &r) {
        if (!r.ok())
            m_importErrors << r.error;
        else if (!r.duplicate)
            m_model->reload();   // trajectories appear as their files land
    });
    connect(m_import, &ImportController::finished, this, &MainWindow::onImportFinished);
    connect(m_model, &TrajectoryListModel::totalCountChanged, this,
            [this](qint64 n) { m_count->setText(tr("%n trajectories", nullptr, int(n))); });
}

MainWindow::~MainWindow() = default;

QString MainWindow::workspacePath() const { return m_ws ? m_ws->path() : QString(); }

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newWs = file->addAction(tr("&New Workspace…"), this, &MainWindow::chooseNewWorkspace);
    newWs->setShortcut(QKeySequence::New);
    QAction *openWs = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseOpenWorkspace);
    openWs->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction *importFiles = file->addAction(tr("&Import Files…"), this, &MainWindow::chooseImportFiles);
    importFiles->setShortcut(QKeySequence(tr("Ctrl+I")));
    file->addAction(tr("Import &Folder…"), this, &MainWindow::chooseImportFolder);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    updateRecentMenu();
}

void MainWindow::buildCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *filters = new QHBoxLayout;

    m_verdict = new QComboBox(central);
    m_verdict->setObjectName(QStringLiteral("verdictFilter"));
    m_verdict->addItem(tr("All verdicts"), -1);
    m_verdict->addItem(tr("Failed"), int(Verdict::Failure));
    m_verdict->addItem(tr("Succeeded"), int(Verdict::Success));
    m_verdict->addItem(tr("Unknown"), int(Verdict::Unknown));
    m_workflow = new QComboBox(central);
    m_workflow->setObjectName(QStringLiteral("workflowFilter"));
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search steps (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, m_search, [this] { m_search->setFocus(Qt::ShortcutFocusReason); });
    addAction(focusSearch);
    m_count = new QLabel(central);

    filters->addWidget(new QLabel(tr("Verdict:"), central));
    filters->addWidget(m_verdict);
    filters->addWidget(new QLabel(tr("Workflow:"), central));
    filters->addWidget(m_workflow);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_count);
    layout->addLayout(filters);

    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("trajectoryTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(TrajectoryListModel::Verdict, Qt::DescendingOrder);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    layout->addWidget(m_table, 1);
    setCentralWidget(central);

    // Search as the user types, but not on every key: one query after a short pause.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_workflow, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->hide();
    connect(m_cancel, &QToolButton::clicked, m_import, &ImportController::cancel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::applyFilter()
{
    store::TrajectoryFilter f = m_model->filter();
    const int verdict = m_verdict->currentData().toInt();
    f.verdict = verdict < 0 ? std::nullopt : std::optional<Verdict>(static_cast<Verdict>(verdict));
    f.workflow = m_workflow->currentIndex() > 0 ? m_workflow->currentText() : QString();
    f.search = m_search->text();
    m_model->setFilter(f);
}

bool MainWindow::openWorkspace(const QString &path)
{
    std::unique_ptr<store::Workspace> ws;
    try {
        ws = std::make_unique<store::Workspace>(path);
    } catch (const reverie::Error &e) {
        QMessageBox box(QMessageBox::Warning, tr("Cannot open workspace"), e.message(), QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return false;
    }
    m_model->setWorkspace(nullptr);
    m_ws = std::move(ws);
    m_model->setWorkspace(m_ws.get());
    m_workflow->blockSignals(true);
    m_workflow->clear();
    m_workflow->addItem(tr("All workflows"));
    m_workflow->addItems(store::TrajectoryQueries(*m_ws).workflows());
    m_workflow->blockSignals(false);
    rememberRecent(path);
    updateTitle();
    return true;
}

void MainWindow::openDemoWorkspace(const QString &path)
{
    const bool fresh = !QFileInfo::exists(path);
    if (!openWorkspace(path) || !fresh)
        return;
    m_demoDir = std::make_unique<QTemporaryDir>();
    const QStringList files = DemoData::extractTo(m_demoDir->path());
    importPaths(files);
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (!m_ws || paths.isEmpty())
        return;
    if (!m_import->start(m_ws->path(), paths)) {
        statusBar()->showMessage(tr("An import is already running."), 4000);
        return;
    }
    m_importErrors.clear();
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    statusBar()->showMessage(tr("Importing…"));
}

void MainWindow::onImportFinished(int ok, int failed, bool cancelled)
{
    m_progress->hide();
    m_cancel->hide();
    m_model->reload();
    if (m_ws) {
        const QString current = m_workflow->currentText();
        m_workflow->blockSignals(true);
        m_workflow->clear();
        m_workflow->addItem(tr("All workflows"));
        m_workflow->addItems(store::TrajectoryQueries(*m_ws).workflows());
        m_workflow->setCurrentIndex(qMax(0, m_workflow->findText(current)));
        m_workflow->blockSignals(false);
    }
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
    setWindowTitle(m_ws ? QFileInfo(m_ws->path()).fileName() : QString());
}

void MainWindow::rememberRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
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

void MainWindow::chooseImportFiles()
{
    importPaths(QFileDialog::getOpenFileNames(this, tr("Import Trajectories")));
}

void MainWindow::chooseImportFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a Folder of Trajectories"));
    if (!dir.isEmpty())
        importPaths({dir});
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
    m_import->cancel();
    m_import->waitForDone();   // the worker rolls back its file within one step
    event->accept();
}

} // namespace reverie::ui
