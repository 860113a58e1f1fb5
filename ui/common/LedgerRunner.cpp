#include "ui/common/LedgerRunner.h"

#include "core/store/Workspace.h"
#include "ui/settings/UserSettings.h"

#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

namespace {

LedgerOutcome runJob(const QString &path, const QString &signingKey, const LedgerJob &job)
{
    LedgerOutcome out;
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        review::Ledger ledger(ws);
        ledger.setSigningKey(signingKey);   // decisions from the app are signed like the CLI's
        job(ledger, out);
    } catch (const review::LedgerRefusal &e) {
        out.kind = LedgerOutcome::Kind::Refused;
        out.message = e.message();
    } catch (const reverie::Error &e) {
        out.kind = LedgerOutcome::Kind::Failed;
        out.message = e.message();
    } catch (const std::exception &e) {
        out.kind = LedgerOutcome::Kind::Failed;
        out.message = QString::fromUtf8(e.what());
    }
    return out;
}

} // namespace

LedgerRunner::LedgerRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<LedgerOutcome>();
    connect(&m_watcher, &QFutureWatcher<LedgerOutcome>::finished, this, &LedgerRunner::onFinished);
}

LedgerRunner::~LedgerRunner()
{
    m_queue.clear();
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

int LedgerRunner::submit(LedgerJob job)
{
    const int tag = m_nextTag++;
    m_queue.push_back({tag, std::move(job), UserSettings::storedSigningKey()});
    if (!m_running)
        startNext();
    return tag;
}

void LedgerRunner::startNext()
{
    if (m_queue.empty()) {
        m_running = false;
        Q_EMIT idle();
        return;
    }
    Queued next = std::move(m_queue.front());
    m_queue.pop_front();
    m_running = true;
    m_runningTag = next.tag;
    m_watcher.setFuture(QtConcurrent::run(runJob, m_path, next.signingKey, std::move(next.job)));
}

void LedgerRunner::onFinished()
{
    const LedgerOutcome outcome = m_watcher.result();
    const int tag = m_runningTag;
    m_running = false;
    Q_EMIT finished(tag, outcome);
    // A slot may have queued more work meanwhile; start it, or say the queue is empty.
    if (!m_running)
        startNext();
}

} // namespace reverie::ui
