#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>

#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace reverie::sql {

// Any SQLite failure, with SQLite's own message and the statement or file involved.
class Error : public reverie::Error {
public:
    explicit Error(const QString &message, int code = 0) : reverie::Error(message), m_code(code) {}
    // SQLite's extended result code; 0 when the error did not come from SQLite.
    int code() const { return m_code; }
    // Another connection holds the lock needed (SQLITE_BUSY, SQLITE_LOCKED): trying later may work.
    bool isLocked() const;
    // The file cannot be written (SQLITE_READONLY and its variants).
    bool isReadOnly() const;

private:
    int m_code = 0;
};

// A check run before any SQL is prepared or executed, on the thread that runs it; nullptr (the
// default) checks nothing. The GUI's tests install one that records SQL run on the GUI thread.
using StatementCheck = void (*)(const char *sql);
void setStatementCheck(StatementCheck check);

// One connection. Not shared between threads: each thread opens its own.
class Database {
public:
    Database() = default;
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
    void close();
    bool isOpen() const { return m_db != nullptr; }
    sqlite3 *handle() const { return m_db; }
    QString path() const { return m_path; }
    bool isReadOnly() const;
    // Why the file cannot be written ("the file is not writable"): said by a write's error.
    void setReadOnlyReason(const QString &why) { m_readOnlyReason = why; }

    void exec(const char *sql);
    void exec(const QString &sql) { exec(sql.toUtf8().constData()); }
    qint64 lastInsertId() const;
    int changes() const;
    [[noreturn]] void fail(const QString &context) const;

private:
    void openWith(const QString &path, const QByteArray &name, int flags);
    [[noreturn]] void fail(const QString &context, int code, const QString &sqliteMessage) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_readOnlyReason;
};

// A prepared statement, reset and reusable. Column and bind indexes follow SQLite:
// bind from 1, columns from 0.
class Statement {
public:
    Statement() = default;
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;

    bool isValid() const { return m_stmt != nullptr; }   // false when default-constructed

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
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed when it goes out of scope.
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
