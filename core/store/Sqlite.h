#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace reverie::pg {
class Connection;
}

namespace reverie::sql {

// Any failure of the workspace's database, with the engine's own message and the statement or
// workspace involved.
class Error : public reverie::Error {
public:
    explicit Error(const QString &message, int code = 0, const QByteArray &sqlState = QByteArray())
        : reverie::Error(message), m_code(code), m_sqlState(sqlState) {}
    // SQLite's extended result code; 0 when the error did not come from SQLite.
    int code() const { return m_code; }
    // PostgreSQL's SQLSTATE; empty when the error did not come from a server.
    const QByteArray &sqlState() const { return m_sqlState; }
    // Another connection holds the lock needed (SQLITE_BUSY, SQLITE_LOCKED): trying later may work.
    bool isLocked() const;
    // The file cannot be written (SQLITE_READONLY and its variants).
    bool isReadOnly() const;
    // A server's serialization failure or deadlock: the whole transaction may run again.
    bool isRetryable() const { return m_sqlState == "40001" || m_sqlState == "40P01"; }

private:
    int m_code = 0;
    QByteArray m_sqlState;
};

// Where a workspace lives: a SQLite file, or a database on a PostgreSQL server.
enum class Engine { Sqlite, Postgres };

// A check run before any SQL is prepared or executed, on the thread that runs it; nullptr (the
// default) checks nothing. The GUI's tests install one that records SQL run on the GUI thread.
using StatementCheck = void (*)(const char *sql);
void setStatementCheck(StatementCheck check);

// One connection. Not shared between threads: each thread opens its own.
class Database {
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;

    // Opens (and with create=true creates) the file; throws Error. Opened read-write, a file
    // that cannot be written is opened read-only instead (see isReadOnly()).
    void open(const QString &path, bool create, bool readOnly = false);
    // Read-only, without locks and without the WAL index (-shm): for a file on read-only media
    // that nothing changes meanwhile.
    void openImmutable(const QString &path);
    // Connects to a PostgreSQL server workspace, "postgresql://user@host:port/database" (the
    // password from PGPASSWORD or ~/.pgpass, never in the address); throws Error. Statements
    // then run there: written for SQLite, their ?/?NNN parameters and INSERT OR FAIL/IGNORE
    // are translated (pg/ServerSql.h); anything else that differs, the caller words for
    // each engine (engine()). exec() of a PRAGMA does nothing on a server.
    void openServer(const QString &address);
    Engine engine() const { return m_server ? Engine::Postgres : Engine::Sqlite; }
    bool isServer() const { return m_server != nullptr; }
    pg::Connection &server() const { return *m_server; }
    // Server only: called before any statement runs on the connection while set; a COPY that
    // streams rows sets it to finish the copy first (the protocol takes nothing else meanwhile).
    void setBeforeServerStatement(std::function<void()> hook) { m_beforeServerStatement = std::move(hook); }
    void close();
    bool isOpen() const { return m_db != nullptr || m_server != nullptr; }
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }
    bool isReadOnly() const;
    // Why the file cannot be written ("the file is not writable"): said by a write's error.
    void setReadOnlyReason(const QString &why) { m_readOnlyReason = why; }

    void exec(const char *sql);
    void exec(const QString &sql) { exec(sql.toUtf8().constData()); }
    // SQLite only: a server gives new ids with RETURNING, which SQLite also understands.
    qint64 lastInsertId() const;
    int changes() const;
    [[noreturn]] void fail(const QString &context) const;

private:
    void openWith(const QString &path, const QByteArray &name, int flags);
    void execOnServer(const char *sql);
    [[noreturn]] void fail(const QString &context, int code, const QString &sqliteMessage) const;

    sqlite3 *m_db = nullptr;
    std::unique_ptr<pg::Connection> m_server;
    qint64 m_serverChanges = 0;   // rows the server's last statement touched
    QByteArray m_serverOuterSavepoint;   // a SAVEPOINT that began the transaction, as in SQLite
    std::function<void()> m_beforeServerStatement;
    void beforeServerStatement();
    QString m_path;
    QString m_readOnlyReason;
    friend class Statement;
};

// A prepared statement, reset and reusable. Column and bind indexes follow SQLite:
// bind from 1, columns from 0.
class Statement {
public:
    Statement();
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;

    bool isValid() const { return m_stmt != nullptr || m_server != nullptr; }   // false when default-constructed

    Statement &bind(int i, qint64 v);
    Statement &bind(int i, int v) { return bind(i, qint64(v)); }
    Statement &bind(int i, double v);
    Statement &bind(int i, const QString &v);         // null QString binds NULL
    Statement &bindText(int i, const QByteArray &utf8); // null QByteArray binds NULL
    Statement &bindText(int i, const char *utf8, int size);
    // Binds without copying: `utf8` must stay alive and unchanged until the statement is
    // reset (run() resets it). For the import's hot path; null binds NULL.
    Statement &bindTextNoCopy(int i, const QByteArray &utf8);
    // The same for a view; an empty view binds NULL.
    Statement &bindTextNoCopy(int i, std::string_view utf8);
    Statement &bindNull(int i);

    bool step();          // true while a row is available; throws on error
    void run();           // step() once, for statements without rows, then reset()
    void reset();

    bool isNull(int col) const;
    qint64 int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    QByteArray bytes(int col) const;
    // The column's UTF-8 text without a copy: valid until the next step() or reset(). For scans
    // that read a million rows and keep little of each.
    std::string_view view(int col) const;

private:
    struct Server;   // a statement on a server workspace (ServerStatement.cpp)
    void prepareOnServer(const char *sql);
    void bindOnServer(int i, std::optional<QByteArray> value, unsigned type);
    bool stepOnServer();
    void resetOnServer();
    bool serverIsNull(int col) const;
    qint64 serverInt64(int col) const;
    double serverReal(int col) const;
    QString serverText(int col) const;
    QByteArray serverBytes(int col) const;
    std::string_view serverView(int col) const;

    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    std::unique_ptr<Server> m_server;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed when it goes out of scope. On a
// server, BEGIN then the workspace's write lock (an advisory lock held to the transaction's
// end): writers take turns there as they do on a SQLite file, so a version number or a hash
// chain's next link is never given twice, and readers never wait.
class Transaction {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_done = false;
};

} // namespace reverie::sql
