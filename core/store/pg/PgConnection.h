#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

struct pg_conn;
struct pg_result;

namespace reverie::pg {

// A PostgreSQL failure: the server's message, its SQLSTATE and the statement involved. The
// message never holds a password: libpq's own text names the server and the user only, and
// addresses are checked for passwords before they are used (see address()).
class Error : public reverie::Error {
public:
    Error(const QString &message, const QByteArray &sqlState) : reverie::Error(message), m_sqlState(sqlState) {}
    const QByteArray &sqlState() const { return m_sqlState; }
    // A serialization failure or a deadlock (40001, 40P01): the whole transaction may be run again.
    bool isRetryable() const { return m_sqlState == "40001" || m_sqlState == "40P01"; }
    // The connection broke (class 08, or no SQLSTATE because nothing came back).
    bool isConnectionLost() const { return m_sqlState.isEmpty() || m_sqlState.startsWith("08"); }

private:
    QByteArray m_sqlState;
};

// A server workspace's address, "postgresql://user@host:port/database" (or "postgres://").
// Passwords never appear in it: they come from PGPASSWORD, ~/.pgpass (PGPASSFILE) or the
// system keychain, which libpq reads itself, so no password lands in settings, logs or errors.
struct Address {
    QString uri;   // as given, without a password

    static bool looksLikeOne(const QString &text);
    // Throws reverie::Error naming what is wrong (a password in it, not a PostgreSQL address).
    static Address parse(const QString &text);
    // "user@host:port/database": how the app names it to people.
    QString display() const;
};

// A text parameter for PQexecParams; std::nullopt is SQL NULL.
using Param = std::optional<QByteArray>;
Param param(const QString &text);   // a null QString is NULL
Param param(qint64 number);
Param param(const char *utf8);

// The rows a statement returned, owned; columns and rows from 0.
class Result {
public:
    Result() = default;
    explicit Result(pg_result *result);
    ~Result();
    Result(Result &&other) noexcept;
    Result &operator=(Result &&other) noexcept;
    Result(const Result &) = delete;
    Result &operator=(const Result &) = delete;

    int rows() const;
    int columns() const;
    bool isNull(int row, int col) const;
    QString text(int row, int col) const;
    QByteArray bytes(int row, int col) const;
    // Without a copy: valid while this result lives.
    std::string_view view(int row, int col) const;
    qint64 int64(int row, int col) const;
    qint64 affected() const;   // rows an INSERT, UPDATE or DELETE touched

private:
    pg_result *m_result = nullptr;
};

// A notification another connection sent with NOTIFY.
struct Notification {
    QString channel;
    QString payload;
    int senderPid = 0;
};

// One libpq connection. Statements go with PQexecParams: the values travel apart from the
// statement text, so trajectory content never lands in statement text or server logs, and
// each statement is a single protocol round trip that works behind PgBouncer's transaction
// pooling. Not shared between threads.
class Connection {
public:
    Connection() = default;
    ~Connection();
    Connection(Connection &&other) noexcept;
    Connection &operator=(Connection &&other) noexcept;
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Connects; throws Error with libpq's reason ("password authentication failed for user
    // \"ana\"", "connection refused"). `applicationName` shows in pg_stat_activity.
    static Connection open(const Address &address, const QString &applicationName = QStringLiteral("reverie"));

    bool isOpen() const { return m_conn != nullptr; }
    const Address &address() const { return m_address; }
    // The role the server authenticated: who this connection acts as.
    QString user() const;
    int backendPid() const;
    // Inside BEGIN ... COMMIT (or a failed transaction not yet rolled back).
    bool inTransaction() const;

    // Runs one statement with $1, $2, ... parameters; throws Error. `types` gives each
    // parameter's type OID (20 bigint, 701 double precision, 25 text; 0 or missing: the server
    // infers it from where the parameter stands).
    Result exec(const char *sql, const std::vector<Param> &params = {}, const std::vector<unsigned> &types = {});
    // Runs statements without parameters and without results (DDL, BEGIN, COMMIT).
    void run(const char *sql);

    // COPY ... FROM STDIN (text format): rows are sent as written by copyRow(), then
    // finished by copyEnd(), which returns the rows the server took.
    void copyBegin(const char *copySql);
    void copyRow(const QByteArray &line);   // one tab-separated row, escaped, ending in '\n'
    qint64 copyEnd();
    // Abandons a copy under way (its rows are not stored); the connection can run statements
    // again (its transaction has failed and wants a ROLLBACK). Never throws.
    void copyAbort() noexcept;
    // Escapes one value for COPY's text format ("\N" for NULL).
    static void appendCopyField(QByteArray &line, const Param &value);

    // LISTEN support: the socket to wait on, and the notifications that have arrived.
    int socket() const;
    std::vector<Notification> takeNotifications();

private:
    [[noreturn]] void fail(const QString &context, pg_result *result = nullptr) const;

    pg_conn *m_conn = nullptr;
    Address m_address;
};

// BEGIN ... COMMIT on `conn` at `isolation` ("SERIALIZABLE", "REPEATABLE READ", "READ
// COMMITTED"); rolled back if not committed when it goes out of scope.
class Transaction {
public:
    Transaction(Connection &conn, const char *isolation = "READ COMMITTED");
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Connection &m_conn;
    bool m_done = false;
};

// Runs `work` in a transaction and runs it again, whole, after a serialization failure or a
// deadlock (up to `attempts` times, with a short growing pause); any other error, or the
// last retryable one, is thrown.
template <typename Work>
auto retryTransaction(Connection &conn, const char *isolation, Work work, int attempts = 5);

void pauseBeforeRetry(int attempt);

template <typename Work>
auto retryTransaction(Connection &conn, const char *isolation, Work work, int attempts)
{
    for (int attempt = 1;; ++attempt) {
        try {
            Transaction tx(conn, isolation);
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                tx.commit();
                return;
            } else {
                auto result = work();
                tx.commit();
                return result;
            }
        } catch (const Error &e) {
            if (!e.isRetryable() || attempt >= attempts)
                throw;
            pauseBeforeRetry(attempt);
        }
    }
}

} // namespace reverie::pg
