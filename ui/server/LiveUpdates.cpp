#include "ui/server/LiveUpdates.h"

#include "core/store/Workspace.h"
#include "core/store/pg/EventListener.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

namespace reverie::ui {

namespace {
QString describe(const std::vector<pg::WorkspaceEvent> &events)
{
    int imports = 0, proposals = 0, reviews = 0, policy = 0;
    for (const pg::WorkspaceEvent &e : events) {
        imports += e.kind == QLatin1String("import");
        proposals += e.kind == QLatin1String("proposal");
        reviews += e.kind == QLatin1String("review");
        policy += e.kind == QLatin1String("policy");
    }
    QStringList parts;
    if (reviews)
        parts << QCoreApplication::translate("LiveUpdates", "%n decision(s)", nullptr, reviews);
    if (proposals)
        parts << QCoreApplication::translate("LiveUpdates", "%n proposal change(s)", nullptr, proposals);
    if (imports)
        parts << QCoreApplication::translate("LiveUpdates", "%n import(s)", nullptr, imports);
    if (policy)
        parts << QCoreApplication::translate("LiveUpdates", "a policy change");
    return parts.join(QLatin1String(", "));
}
} // namespace

LiveUpdates::LiveUpdates(QObject *parent) : QObject(parent) {}

LiveUpdates::~LiveUpdates() = default;   // the listener's thread stops with it

void LiveUpdates::follow(const QString &path)
{
    m_listener.reset();
    if (!store::Workspace::isServerAddress(path))
        return;
    QPointer<LiveUpdates> self(this);
    // The callbacks run on the listener's thread; the listener is gone before this object is.
    m_listener = std::make_unique<pg::EventListener>(
        path,
        [self](const std::vector<pg::WorkspaceEvent> &events) {
            const QString what = describe(events);
            QMetaObject::invokeMethod(self, [self, what] {
                if (self)
                    Q_EMIT self->changed(what);
            }, Qt::QueuedConnection);
        },
        [self](const QString &problem) {
            QMetaObject::invokeMethod(self, [self, problem] {
                if (self)
                    Q_EMIT self->connectionChanged(problem);
            }, Qt::QueuedConnection);
        });
}

} // namespace reverie::ui
