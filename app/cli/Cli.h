#pragma once

#include <QStringList>

namespace reverie::cli {

// True when the arguments name a sub-command: the program then runs headless.
bool isCliInvocation(const QStringList &args);

// Runs a sub-command and returns the process exit code. Needs a QCoreApplication, no display.
int run(const QStringList &args);

} // namespace reverie::cli
