#pragma once

#include <QString>

#include <functional>

class QObject;

namespace reverie::ui {

// Finishes, on a worker with its own connection, what a failed or crashed publish left in the
// workspace's outbox; `failed` is called on `context`'s thread only when a target still fails.
void finishPublishingInBackground(QObject *context, const QString &workspacePath,
                                  std::function<void(const QString &failure)> failed);

} // namespace reverie::ui
