#include "core/dream/DreamRunner.h"

#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::dream {

QFuture<DreamResult> DreamRunner::start(DreamRequest request, QThreadPool *pool)
{
    auto work = [](QPromise<DreamResult> &promise, const DreamRequest &req) {
        promise.setProgressRange(0, 100);
        DreamControl control;
        control.isCancelled = [&promise] { return promise.isCanceled(); };
        control.progress = [&promise](int percent, const QString &stage) {
            promise.setProgressValueAndText(percent, stage);
        };
        DreamResult result = runDreamPass(req, control);
        promise.addResult(std::move(result));
    };
    return QtConcurrent::run(pool ? pool : QThreadPool::globalInstance(), work, std::move(request));
}

} // namespace reverie::dream
