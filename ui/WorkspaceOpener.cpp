#include "ui/WorkspaceOpener.h"

#include "ui/common/WorkspaceName.h"

#include "core/store/Workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QPromise>
#include <QThreadPool>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

struct WorkspaceOpener::Outcome {
    QString error;          // empty when the file is open-able at the latest schema
    bool cancelled = false;
};

namespace {
// Opening usually takes milliseconds; the dialog is for upgrades and locked files only.
constexpr int kDialogDelayMs = 300;

// A thread of its own: opening must not queue behind an import or a dream pass on the global
// pool, nor hold up the pages' reads on theirs.
QThreadPool *openerPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;   // lives as long as the process, like the reader pool
        p->setMaxThreadCount(1);
        return p;
    }();
    return pool;
}
} // namespace

WorkspaceOpener::WorkspaceOpener(QWidget *window) : QObject(window), m_window(window)
{
    setObjectName(QStringLiteral("workspaceOpener"));
}

WorkspaceOpener::~WorkspaceOpener()
{
    if (m_cancelled)
        m_cancelled->store(true);   // the worker rolls back on its own; nobody waits for it
}

bool WorkspaceOpener::start(const QString &path)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_path = path;
    m_cancelled = std::make_shared<std::atomic_bool>(false);

    delete m_dialog;
    m_dialog = new QProgressDialog(tr("Opening %1…").arg(workspaceDisplayName(path)), tr("Cancel"), 0, 0, m_window);
    m_dialog->setObjectName(QStringLiteral("openProgress"));
    m_dialog->setWindowTitle(tr("Opening workspace"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(kDialogDelayMs);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    connect(m_dialog, &QProgressDialog::canceled, this, &WorkspaceOpener::cancel);

    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, watcher](int done) {
        const int total = watcher->progressMaximum();
        if (m_dialog) {
            m_dialog->setLabelText(tr("Upgrading %1 to this version of Reverie…").arg(QFileInfo(m_path).fileName()));
            m_dialog->setRange(0, total);
            m_dialog->setValue(done);
        }
        Q_EMIT migrationStep(done, total);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        onFinished(watcher->result());
    });
    const bool existed = QFileInfo::exists(path);
    watcher->setFuture(QtConcurrent::run(openerPool(), [path, existed, cancelled = m_cancelled](QPromise<Outcome> &promise) {
        Outcome out;
        try {
            store::Workspace::Options options;
            options.cancelled = [cancelled] { return cancelled->load(); };
            options.onMigrationStep = [&promise](int done, int total) {
                promise.setProgressRange(0, total);
                promise.setProgressValue(done);
            };
            store::Workspace ws(path, options);
        } catch (const store::WorkspaceCancelled &e) {
            out.cancelled = true;
            out.error = e.message();
        } catch (const reverie::Error &e) {
            out.error = e.message();
        } catch (const std::exception &e) {
            out.error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
        }
        // A new file that never became a workspace is not left behind.
        if (!out.error.isEmpty() && !existed)
            QFile::remove(path);
        promise.addResult(out);
    }));
    return true;
}

QProgressDialog *WorkspaceOpener::progressDialog() const { return m_dialog.data(); }

void WorkspaceOpener::cancel()
{
    if (m_cancelled)
        m_cancelled->store(true);
    if (m_dialog)
        m_dialog->setLabelText(tr("Cancelling…"));
}

void WorkspaceOpener::onFinished(const Outcome &outcome)
{
    m_busy = false;
    const bool cancelled = outcome.cancelled || (m_cancelled && m_cancelled->load() && !outcome.error.isEmpty());
    if (m_dialog) {
        const bool shown = m_dialog->isVisible();
        m_dialog->reset();   // stops its timer: it must not pop up after the fact
        m_dialog->hide();
        m_dialog->deleteLater();
        if (shown && m_window->isVisible())
            m_window->activateWindow();   // the keyboard goes back to the window, not nowhere
    }
    const QString path = m_path;
    m_path.clear();
    if (outcome.error.isEmpty())
        Q_EMIT opened(path);
    else
        Q_EMIT failed(path, outcome.error, cancelled);
}

} // namespace reverie::ui
