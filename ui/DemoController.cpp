#include "ui/DemoController.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::ui {

namespace {

void buildInBackground(QPromise<DemoController::Outcome> &promise, const QString &workspacePath,
                       const std::shared_ptr<std::atomic_bool> &cancel)
{
    promise.setProgressRange(0, 1000);
    DemoData::BuildControl control;
    control.isCancelled = [&cancel] { return cancel->load(); };
    control.progress = [&promise](int permille) { promise.setProgressValue(permille); };
    DemoController::Outcome outcome;
    try {
        outcome.report = DemoData::build(workspacePath, control);
    } catch (const DemoData::BuildCancelled &e) {
        outcome.error = e.message();
        outcome.cancelled = true;
    } catch (const reverie::Error &e) {
        outcome.error = e.message();
    } catch (const std::exception &e) {
        outcome.error = QString::fromUtf8(e.what());
    }
    promise.addResult(outcome);
}

} // namespace

DemoController::DemoController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::progressValueChanged, this, &DemoController::progress);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &DemoController::onFinished);
}

DemoController::~DemoController()
{
    cancel();
    m_watcher.waitForFinished();
}

bool DemoController::start(const QString &workspacePath)
{
    if (isRunning())
        return false;
    m_outcome = Outcome();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_watcher.setFuture(QtConcurrent::run(buildInBackground, workspacePath, m_cancel));
    return true;
}

void DemoController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

QString DemoController::summary() const
{
    if (m_outcome.cancelled)
        return tr("Building the demo workspace was cancelled; it stays incomplete.");
    if (!m_outcome.error.isEmpty())
        return m_outcome.error;
    return tr("Demo workspace ready: playbook version %1, %n proposal(s) to review", nullptr,
              m_outcome.report.pendingProposals)
        .arg(m_outcome.report.version);
}

void DemoController::onFinished()
{
    if (m_watcher.future().resultCount() > 0)
        m_outcome = m_watcher.result();
    Q_EMIT finished(m_outcome.error, m_outcome.cancelled);
}

} // namespace reverie::ui
