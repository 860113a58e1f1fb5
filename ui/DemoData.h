#pragma once

#include <QString>
#include <QStringList>

namespace reverie::ui {

// The demo trajectories bundled in the executable.
namespace DemoData {
// Copies them into `dir` (the importers read real files) and returns their paths.
QStringList extractTo(const QString &dir);
}

} // namespace reverie::ui
