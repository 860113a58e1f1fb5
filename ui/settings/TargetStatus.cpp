#include "ui/settings/TargetStatus.h"

#include "core/store/PublishLog.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

#include <exception>

namespace reverie::ui {

QStringList targetStatusLines(store::Workspace &ws, const QStringList &targets)
{
    QStringList lines;
    try {
        store::PublishLog log(ws);
        for (const QString &t : targets) {
            const auto last = ws.schemaVersion() >= 6 ? log.last(t) : std::nullopt;
            const QString name = QFileInfo(t).fileName();
            if (!last) {
                lines << QCoreApplication::translate("reverie::ui::SettingsDialog", "%1: not published yet").arg(name);
                continue;
            }
            const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(last->createdMs), QLocale::ShortFormat);
            const char *text = last->ok() ? QT_TRANSLATE_NOOP("reverie::ui::SettingsDialog", "%1: version %2 written %3")
                                          : QT_TRANSLATE_NOOP("reverie::ui::SettingsDialog",
                                                              "%1: publishing version %2 failed %3: %4");
            QString line = QCoreApplication::translate("reverie::ui::SettingsDialog", text).arg(name).arg(last->version);
            lines << (last->ok() ? line.arg(when) : line.arg(when, last->result));
        }
    } catch (const std::exception &) {
        lines.clear();   // the status is a courtesy; the dialog works without it
    }
    return lines;
}

} // namespace reverie::ui
