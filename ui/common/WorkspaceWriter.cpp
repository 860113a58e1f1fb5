#include "ui/common/WorkspaceWriter.h"

#include "core/model/Error.h"
#include "core/store/Workspace.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

namespace {

QString runJob(const QString &path, const WorkspaceWriter::Job &job)
{
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        job(ws);
        return {};
    } catch (const reverie::Error &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
        return QStringLiteral("an unknown error");
    }
}

} // namespace

WorkspaceWriter::WorkspaceWriter(QObject *parent) : QObject(parent) {}

WorkspaceWriter::~WorkspaceWriter() = default;

void WorkspaceWriter::finishRunning()
{
    m_queue.clear();
    for (QObject *child : children())
        if (auto *watcher = qobject_cast<QFutureWatcherBase *>(child))
            watcher->disconnect(this);
    m_current.waitForFinished();
}

void WorkspaceWriter::submit(const QString &workspacePath, Job job, Done done)
{
    m_queue.push_back({workspacePath, std::move(job), std::move(done)});
    if (!m_running)
        startNext();
}

void WorkspaceWriter::startNext()
{
    if (m_queue.empty()) {
        m_running = false;
        Q_EMIT idle();
        return;
    }
    Queued next = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done = std::move(next.done)] {
        watcher->deleteLater();
        m_running = false;
        if (done)
            done(watcher->result());
        // `done` may have submitted more meanwhile; start it, or say the queue is empty.
        if (!m_running)
            startNext();
    });
    m_current = QtConcurrent::run([path = next.path, job = std::move(next.job)] { return runJob(path, job); });
    watcher->setFuture(m_current);
}

} // namespace reverie::ui
