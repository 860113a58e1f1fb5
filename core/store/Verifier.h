#pragma once

#include <QStringList>

namespace reverie::store {

class Workspace;

// Checks a workspace: SQLite's own integrity check, foreign keys, and both hash chains
// (playbook versions with their rules, and reviews). Returns every problem found.
QStringList verifyWorkspace(Workspace &ws);

} // namespace reverie::store
