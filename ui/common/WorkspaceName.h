#pragma once

#include <QString>

namespace reverie::ui {

// How a workspace is named to people: a file by its name, a server workspace by
// "user@host:port/database" (an address never holds a password).
QString workspaceDisplayName(const QString &path);

} // namespace reverie::ui
