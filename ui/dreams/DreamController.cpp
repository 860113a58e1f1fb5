#include "ui/dreams/DreamController.h"

#include "core/model/Error.h"

#include <QException>

namespace reverie::ui {

namespace {

dream::DreamResult failure(const QString &message)
{
    dream::DreamResult r;
    r.run.status = DreamStatus::Failed;
    r.run.error = message;
    return r;
}

QString describe(const std::exception_ptr &error)
{
    try {
        if (error)
            std::rethrow_exception(error);
    } catch (const reverie::Error &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QString::fromLocal8Bit(e.what());
    } catch (...) {
    }
    return DreamController::tr("The dream pass stopped with an unknown error.");
}

} // namespace

DreamController::DreamController(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<dream::DreamResult>::progressValueChanged, this,
            [this](int value) { Q_EMIT progress(value, m_watcher.progressText()); });
    connect(&m_watcher, &QFutureWatcher<dream::DreamResult>::progressTextChanged, this,
            [this](const QString &text) { Q_EMIT progress(m_watcher.progressValue(), text); });
    connect(&m_watcher, &QFutureWatcher<dream::DreamResult>::finished, this, &DreamController::onFinished);
}

DreamController::~DreamController()
{
    // The pass runs on its own connection and finishes (as cancelled) without this object.
    m_watcher.cancel();
}

bool DreamController::start(const dream::DreamRequest &request)
{
    if (m_running)
        return false;
    m_running = true;
    m_result = {};
    m_watcher.setFuture(dream::DreamRunner::start(request, m_pool));
    Q_EMIT started();
    return true;
}

void DreamController::cancel()
{
    if (!m_running)
        return;
    m_watcher.cancel();
}

void DreamController::onFinished()
{
    m_running = false;
    m_result = {};
    // The future is finished: results() returns at once. It is empty when the pass was
    // cancelled (its run, if it got that far, is in the workspace) and rethrows when the pass
    // could not even record its run.
    try {
        const QList<dream::DreamResult> results = m_watcher.future().results();
        if (!results.isEmpty())
            m_result = results.first();
        else
            m_result.run.status = DreamStatus::Cancelled;
    } catch (const QUnhandledException &e) {
        m_result = failure(describe(e.exception()));
    } catch (const std::exception &) {
        m_result = failure(describe(std::current_exception()));
    }
    Q_EMIT finished(m_result.run.id, int(m_result.run.status), m_result.run.error);
}

} // namespace reverie::ui
