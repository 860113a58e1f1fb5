#include "ui/WatchController.h"

#include "core/dream/DreamTrigger.h"
#include "core/ingest/FolderWatcher.h"

#include <QDateTime>
#include <QLocale>
#include <QTime>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::ui {

WatchController::WatchController(QObject *parent) : QObject(parent)
{
    connect(&m_dreaming, &QFutureWatcher<int>::finished, this, [this] {
        const int proposals = m_dreaming.result();
        if (proposals > 0)
            Q_EMIT proposalsArrived(proposals, tr("A dream pass on the runs that just arrived proposed %n rule change(s) "
                                                  "to review.",
                                                  nullptr, proposals));
        if (proposals >= 0)
            Q_EMIT runsArrived();
    });
}

WatchController::~WatchController()
{
    m_dreaming.disconnect(this);
    m_dreaming.waitForFinished();
}

void WatchController::watch(const QString &workspacePath, const QStringList &folders)
{
    if (workspacePath.isEmpty() || folders.isEmpty()) {
        m_watcher.reset();
        m_status = folders.isEmpty() ? QString() : m_status;
        Q_EMIT statusChanged(m_status);
        return;
    }
    if (!m_watcher || workspacePath != m_workspacePath) {
        m_watcher = std::make_unique<ingest::FolderWatcher>(workspacePath);
        m_workspacePath = workspacePath;
        connect(m_watcher.get(), &ingest::FolderWatcher::cycleFinished, this,
                [this](const ingest::FolderWatcher::Cycle &c) {
                    onCycle(int(c.imported.size()), c.runs, int(c.failed.size()));
                });
    }
    m_watcher->setFolders(folders);
    m_status = tr("Watching %n folder(s) for new runs", nullptr, int(folders.size()));
    Q_EMIT statusChanged(m_status);
}

void WatchController::onCycle(int imported, int runs, int failed)
{
    if (imported == 0 && failed == 0)
        return;
    const QString when = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
    m_status = tr("%1: imported %n file(s) from watched folders", nullptr, imported).arg(when);
    if (runs > 0)
        m_status += QStringLiteral(" · ") + tr("%n run(s)", nullptr, runs);
    if (failed > 0)
        m_status += QStringLiteral(" · ") + tr("%n failed (retried when they change)", nullptr, failed);
    Q_EMIT statusChanged(m_status);
    if (imported == 0)
        return;
    Q_EMIT runsArrived();
    if (!m_dreaming.isRunning()) {
        const QString path = m_workspacePath;
        m_dreaming.setFuture(QtConcurrent::run([path]() -> int {
            try {
                const auto pass = dream::dreamIfDue(path, QDateTime::currentMSecsSinceEpoch());
                return pass ? int(pass->proposals.size()) : -1;
            } catch (const std::exception &) {
                return -1;   // a pass that cannot run now is tried after the next arrival
            }
        }));
    }
}

} // namespace reverie::ui
