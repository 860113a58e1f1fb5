#pragma once

#include <QString>
#include <QStringList>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// Each publish target's last publish (version, time, result), one line per target, read from
// `ws` on a worker's connection. Empty when the log cannot be read (the status is a courtesy;
// Settings works without it).
QStringList targetStatusLines(store::Workspace &ws, const QStringList &targets);

} // namespace reverie::ui
