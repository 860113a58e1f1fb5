#pragma once

#include <QString>
#include <QStringList>

namespace reverie::ui {

// Each publish target's last publish (version, time, result), one line per target, read from
// the workspace at `path`. Runs on a worker: it opens its own connection. Empty when the
// workspace cannot be read (the status is a courtesy; Settings works without it).
QStringList targetStatusLines(const QString &path, const QStringList &targets);

} // namespace reverie::ui
