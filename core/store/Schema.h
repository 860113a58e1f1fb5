#pragma once

#include <vector>

namespace reverie::store {

// One numbered step of the workspace schema. Migrations only ever append: a released
// migration is never edited, so every file can be brought forward from any version.
struct Migration {
    int version;
    const char *description;
    const char *sql;
    // Rebuilds a table others refer to: runs with foreign keys off (SQLite cannot switch them
    // inside a transaction), and the workspace checks them all before it commits.
    bool rebuildsTables = false;
};

const std::vector<Migration> &migrations();
int latestSchemaVersion();

} // namespace reverie::store
