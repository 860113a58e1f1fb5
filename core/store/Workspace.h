#pragma once

#include "core/store/Sqlite.h"

#include <QString>

#include <functional>

namespace reverie::store {

// A workspace file could not be opened: missing, not a workspace, from a newer Reverie,
// locked by another program writing to it, or read-only where it would have to change.
class WorkspaceError : public reverie::Error {
public:
    using reverie::Error::Error;
};

// Opening stopped because the caller's Options::cancelled said so; the file is as it was.
class WorkspaceCancelled : public WorkspaceError {
public:
    using WorkspaceError::WorkspaceError;
};

// One connection to one workspace: a SQLite file, or a database on a PostgreSQL server when
// `path` is an address ("postgresql://user@host:port/database"). Open one per thread; never
// share it. Opening brings an older schema up to date inside a transaction and refuses a
// newer one. A file that cannot be written (permissions, read-only media) is opened read-only.
class Workspace {
public:
    struct Options {
        bool create = true;          // create the file when it does not exist
        int schemaVersion = -1;      // tests only: stop migrating at this version
        bool readOnly = false;       // only read: never create, upgrade or tidy the file
        // How long opening, and then each statement, waits for a lock another connection
        // holds (an import writing). Opening fails with a message that says so after it.
        int busyTimeoutMs = 10000;
        // Called once, on the opening thread, when opening starts to wait for such a lock.
        std::function<void()> onWaiting = nullptr;
        // Polled on the opening thread while it waits for a lock and between migration steps:
        // true stops opening with WorkspaceCancelled. An upgrade runs in one transaction, so a
        // cancelled one leaves the file as it was.
        std::function<bool()> cancelled = nullptr;
        // Called on the opening thread before each migration step runs: (steps done, steps in all).
        std::function<void(int done, int total)> onMigrationStep = nullptr;
    };

    explicit Workspace(const QString &path);
    Workspace(const QString &path, const Options &options);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    sql::Database &db() { return m_db; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }
    // Reads work; every write fails with "<path> is read-only (<why>): ...".
    bool isReadOnly() const { return !m_readOnlyReason.isEmpty(); }
    // Why it is read-only ("the file is not writable"); empty when it is not.
    QString readOnlyReason() const { return m_readOnlyReason; }

    // The workspace used when --workspace is not given: in the user's data directory.
    static QString defaultPath();
    // Reads the schema version of a file without changing it; -1 when it is not a workspace.
    static int peekSchemaVersion(const QString &path);
    // Whether `path` names a server workspace rather than a file.
    static bool isServerAddress(const QString &path);
    bool isServer() const { return m_db.isServer(); }

private:
    class LockWait;
    struct Header;

    Header readHeader(LockWait &wait);
    void configure(const Header &header, LockWait &wait);
    void migrate(int upTo, LockWait &wait, const Options &options);
    void migrateNow(int upTo, const Options &options);
    void markInterruptedRuns();
    void openServer(const Options &options);   // WorkspaceServer.cpp

    QString m_path;
    sql::Database m_db;
    int m_schemaVersion = 0;
    QString m_readOnlyReason;
};

} // namespace reverie::store
