#include "ui/PublishOnOpen.h"

#include "core/review/Publisher.h"
#include "core/store/Workspace.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

void finishPublishingInBackground(QObject *context, const QString &path, std::function<void(const QString &)> failed)
{
    auto *watcher = new QFutureWatcher<QString>(context);
    QObject::connect(watcher, &QFutureWatcher<QString>::finished, context, [watcher, failed = std::move(failed)] {
        const QString failure = watcher->result();
        watcher->deleteLater();
        if (!failure.isEmpty())
            failed(failure);
    });
    watcher->setFuture(QtConcurrent::run([path]() -> QString {
        try {
            store::Workspace::Options options;
            options.create = false;
            store::Workspace ws(path, options);
            if (ws.isReadOnly())
                return QString();
            return review::Publisher(ws).publishPending().failureSummary();
        } catch (const reverie::Error &e) {
            return e.message();
        } catch (const std::exception &e) {
            return QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));   // nothing escapes the worker
        }
    }));
}

} // namespace reverie::ui
