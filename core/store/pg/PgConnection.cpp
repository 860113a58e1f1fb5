#include "core/store/pg/PgConnection.h"

#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>

#include <chrono>
#include <thread>

namespace reverie::pg {

// ---- Address

bool Address::looksLikeOne(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"));
}

Address Address::parse(const QString &text)
{
    if (!looksLikeOne(text))
        throw reverie::Error(QStringLiteral("not a PostgreSQL address (postgresql://user@host:port/database)"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        throw reverie::Error(QStringLiteral("not a valid PostgreSQL address: %1").arg(url.errorString()));
    // Said without echoing the address: it holds the password.
    const bool passwordInQuery = QUrlQuery(url).hasQueryItem(QStringLiteral("password"));
    if (!url.password().isEmpty() || passwordInQuery)
        throw reverie::Error(QStringLiteral("the address holds a password: give it in PGPASSWORD or ~/.pgpass "
                                            "instead, so that it is never stored with the workspace's name"));
    if (url.path().size() <= 1)
        throw reverie::Error(QStringLiteral("the address names no database (postgresql://user@host:port/database)"));
    return Address{text};
}

QString Address::display() const
{
    const QUrl url(uri);
    QString out;
    if (!url.userName().isEmpty())
        out += url.userName() + QLatin1Char('@');
    out += url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    if (url.port() > 0)
        out += QLatin1Char(':') + QString::number(url.port());
    return out + url.path();
}

// ---- Param

Param param(const QString &text)
{
    if (text.isNull())
        return std::nullopt;
    return text.toUtf8();
}

Param param(qint64 number) { return QByteArray::number(number); }

Param param(const char *utf8)
{
    if (!utf8)
        return std::nullopt;
    return QByteArray(utf8);
}

// ---- Result

Result::Result(pg_result *result) : m_result(result) {}

Result::~Result()
{
    if (m_result)
        PQclear(m_result);
}

Result::Result(Result &&other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }

Result &Result::operator=(Result &&other) noexcept
{
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = other.m_result;
        other.m_result = nullptr;
    }
    return *this;
}

int Result::rows() const { return m_result ? PQntuples(m_result) : 0; }
int Result::columns() const { return m_result ? PQnfields(m_result) : 0; }
bool Result::isNull(int row, int col) const { return PQgetisnull(m_result, row, col) != 0; }

QString Result::text(int row, int col) const
{
    if (isNull(row, col))
        return QString();
    return QString::fromUtf8(PQgetvalue(m_result, row, col), PQgetlength(m_result, row, col));
}

QByteArray Result::bytes(int row, int col) const
{
    if (isNull(row, col))
        return QByteArray();
    return QByteArray(PQgetvalue(m_result, row, col), PQgetlength(m_result, row, col));
}

std::string_view Result::view(int row, int col) const
{
    if (isNull(row, col))
        return {};
    return std::string_view(PQgetvalue(m_result, row, col), std::size_t(PQgetlength(m_result, row, col)));
}

qint64 Result::int64(int row, int col) const
{
    return isNull(row, col) ? 0 : QByteArray(PQgetvalue(m_result, row, col)).toLongLong();
}

qint64 Result::affected() const
{
    const char *n = m_result ? PQcmdTuples(m_result) : "";
    return *n ? QByteArray(n).toLongLong() : 0;
}

// ---- Connection

Connection::~Connection()
{
    if (m_conn)
        PQfinish(m_conn);
}

Connection::Connection(Connection &&other) noexcept : m_conn(other.m_conn), m_address(std::move(other.m_address))
{
    other.m_conn = nullptr;
}

Connection &Connection::operator=(Connection &&other) noexcept
{
    if (this != &other) {
        if (m_conn)
            PQfinish(m_conn);
        m_conn = other.m_conn;
        m_address = std::move(other.m_address);
        other.m_conn = nullptr;
    }
    return *this;
}

Connection Connection::open(const Address &address, const QString &applicationName)
{
    const QByteArray uri = address.uri.toUtf8();
    const QByteArray app = applicationName.toUtf8();
    // The address expands into its parts; libpq reads PGPASSWORD and the password file itself.
    const char *keys[] = {"dbname", "application_name", "connect_timeout", "client_encoding", nullptr};
    const char *values[] = {uri.constData(), app.constData(), "10", "UTF8", nullptr};
    Connection c;
    c.m_address = address;
    c.m_conn = PQconnectdbParams(keys, values, 1);
    if (!c.m_conn)
        throw Error(QStringLiteral("%1: out of memory").arg(address.display()), QByteArray());
    if (PQstatus(c.m_conn) != CONNECTION_OK) {
        const QString why = QString::fromUtf8(PQerrorMessage(c.m_conn)).trimmed();
        throw Error(QStringLiteral("cannot connect to %1: %2").arg(address.display(), why), QByteArray("08001"));
    }
    // Notices (a table that already exists, ...) are not errors; they stay off stderr.
    PQsetNoticeProcessor(c.m_conn, [](void *, const char *) {}, nullptr);
    return c;
}

QString Connection::user() const { return m_conn ? QString::fromUtf8(PQuser(m_conn)) : QString(); }
int Connection::backendPid() const { return m_conn ? PQbackendPID(m_conn) : 0; }

bool Connection::inTransaction() const
{
    const PGTransactionStatusType status = m_conn ? PQtransactionStatus(m_conn) : PQTRANS_IDLE;
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

void Connection::fail(const QString &context, pg_result *result) const
{
    QByteArray state;
    QString message;
    if (result) {
        if (const char *s = PQresultErrorField(result, PG_DIAG_SQLSTATE))
            state = s;
        if (const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
            message = QString::fromUtf8(primary);
        else
            message = QString::fromUtf8(PQresultErrorMessage(result)).trimmed();
        PQclear(result);
    }
    if (message.isEmpty())
        message = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    throw Error(QStringLiteral("%1 (%2): %3").arg(context, m_address.display(), message), state);
}

namespace {
QString statementName(const char *sql)
{
    return QString::fromUtf8(sql).simplified().left(80);
}
} // namespace

Result Connection::exec(const char *sql, const std::vector<Param> &params, const std::vector<unsigned> &types)
{
    std::vector<Oid> oids(params.size(), 0);
    for (std::size_t i = 0; i < params.size() && i < types.size(); ++i)
        oids[i] = Oid(types[i]);
    std::vector<const char *> values;
    std::vector<int> lengths;
    values.reserve(params.size());
    lengths.reserve(params.size());
    for (const Param &p : params) {
        values.push_back(p ? p->constData() : nullptr);
        lengths.push_back(p ? int(p->size()) : 0);
    }
    pg_result *r = PQexecParams(m_conn, sql, int(params.size()), oids.data(), values.data(), lengths.data(), nullptr, 0);
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(QStringLiteral("running \"%1\"").arg(statementName(sql)), r);
    return Result(r);
}

void Connection::run(const char *sql)
{
    pg_result *r = PQexec(m_conn, sql);
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(QStringLiteral("running \"%1\"").arg(statementName(sql)), r);
    PQclear(r);
}

void Connection::copyBegin(const char *copySql)
{
    pg_result *r = PQexec(m_conn, copySql);
    if (!r || PQresultStatus(r) != PGRES_COPY_IN)
        fail(QStringLiteral("starting \"%1\"").arg(statementName(copySql)), r);
    PQclear(r);
}

void Connection::copyRow(const QByteArray &line)
{
    if (PQputCopyData(m_conn, line.constData(), int(line.size())) != 1)
        fail(QStringLiteral("sending rows"));
}

qint64 Connection::copyEnd()
{
    if (PQputCopyEnd(m_conn, nullptr) != 1)
        fail(QStringLiteral("ending the copy"));
    Result last;
    while (pg_result *r = PQgetResult(m_conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            fail(QStringLiteral("copying rows"), r);
        last = Result(r);
    }
    return last.affected();
}

void Connection::copyAbort() noexcept
{
    if (!m_conn)
        return;
    PQputCopyEnd(m_conn, "abandoned");
    while (pg_result *r = PQgetResult(m_conn))
        PQclear(r);
}

void Connection::appendCopyField(QByteArray &line, const Param &value)
{
    if (!value) {
        line += "\\N";
        return;
    }
    line.reserve(line.size() + value->size() + 8);
    for (const char c : *value) {
        switch (c) {
        case '\\': line += "\\\\"; break;
        case '\t': line += "\\t"; break;
        case '\n': line += "\\n"; break;
        case '\r': line += "\\r"; break;
        default: line += c;
        }
    }
}

int Connection::socket() const { return m_conn ? PQsocket(m_conn) : -1; }

std::vector<Notification> Connection::takeNotifications()
{
    std::vector<Notification> out;
    if (PQconsumeInput(m_conn) != 1)
        fail(QStringLiteral("reading notifications"));
    while (PGnotify *n = PQnotifies(m_conn)) {
        out.push_back({QString::fromUtf8(n->relname), QString::fromUtf8(n->extra), n->be_pid});
        PQfreemem(n);
    }
    return out;
}

// ---- Transaction

Transaction::Transaction(Connection &conn, const char *isolation) : m_conn(conn)
{
    m_conn.run(QByteArray(QByteArray("BEGIN ISOLATION LEVEL ") + isolation).constData());
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    try {
        m_conn.run("ROLLBACK");
    } catch (const Error &) {
        // The connection is gone: the server rolled the transaction back itself.
    }
}

void Transaction::commit()
{
    m_conn.run("COMMIT");
    m_done = true;
}

void pauseBeforeRetry(int attempt)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
}

} // namespace reverie::pg
