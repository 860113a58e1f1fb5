#pragma once

#include "core/dream/DreamPass.h"

#include <QString>

#include <optional>

namespace reverie::store {
class Workspace;
}

namespace reverie::dream {

// Dreaming on arrival: the policy may ask for an offline pass when enough new failed runs
// arrived since the last pass (dream_after_failures), or once a day at a set time
// (dream_daily_at, "HH:MM" local time). Runs while the app or `reverie watch` runs.

// Why a pass is due now, or nothing. `nowMs` is the current time (a parameter for tests).
std::optional<QString> dreamDue(store::Workspace &ws, qint64 nowMs);

// Runs an offline pass over the runs no pass has read yet when one is due; call it on a
// worker thread. Returns the pass, or nothing when none was due.
std::optional<DreamResult> dreamIfDue(const QString &workspacePath, qint64 nowMs);

} // namespace reverie::dream
