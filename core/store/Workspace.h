#pragma once

#include "core/store/Sqlite.h"

#include <QString>

namespace reverie::store {

// A workspace file could not be opened: missing, not a workspace, or from a newer Reverie.
class WorkspaceError : public reverie::Error {
public:
    using reverie::Error::Error;
};

// One SQLite connection to one workspace file. Open one per thread; never share it.
// Opening brings an older schema up to date inside a transaction and refuses a newer one.
class Workspace {
public:
    struct Options {
        bool create = true;          // create the file when it does not exist
        int schemaVersion = -1;      // tests only: stop migrating at this version
    };

    explicit Workspace(const QString &path);
    Workspace(const QString &path, const Options &options);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    sql::Database &db() { return m_db; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    // The workspace used when --workspace is not given: in the user's data directory.
    static QString defaultPath();
    // Reads the schema version of a file without changing it; -1 when it is not a workspace.
    static int peekSchemaVersion(const QString &path);

private:
    void configure();
    void migrate(int upTo);

    QString m_path;
    sql::Database m_db;
    int m_schemaVersion = 0;
};

} // namespace reverie::store
