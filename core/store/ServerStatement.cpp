// The server side of sql::Database and sql::Statement: a workspace on PostgreSQL, through
// libpq (pg/PgConnection.h). A statement's text is translated once (pg/ServerSql.h); its
// values travel apart from it when it runs, all its rows come back at once.

#include "core/store/ServerStatement.h"

#include "core/store/pg/ServerSql.h"

#include <utility>

namespace reverie::sql {

namespace {
// The key of the advisory lock every write transaction of a server workspace takes ("REVR").
constexpr qint64 kWriteLockKey = 0x52455652;

[[noreturn]] void rethrow(const pg::Error &e)
{
    throw Error(e.message(), 0, e.sqlState());
}
} // namespace


void Database::openServer(const QString &address)
{
    close();
    try {
        m_server = std::make_unique<pg::Connection>(pg::Connection::open(pg::Address::parse(address)));
    } catch (const pg::Error &e) {
        rethrow(e);
    } catch (const reverie::Error &e) {
        throw Error(e.message());
    }
    m_path = address;
    m_readOnlyReason.clear();
}

void Database::beforeServerStatement()
{
    if (m_beforeServerStatement) {
        auto hook = std::exchange(m_beforeServerStatement, nullptr);   // the hook runs statements too
        hook();
    }
}

void Database::execOnServer(const char *sql)
{
    beforeServerStatement();
    // PRAGMAs tune SQLite's own file handling; a server has nothing to set.
    QByteArray text(sql);
    if (text.trimmed().left(6).toUpper() == "PRAGMA")
        return;
    try {
        // SQLite's SAVEPOINT outside a transaction begins one, and its RELEASE commits it.
        const QByteArray words = text.simplified().toUpper();
        if (words.startsWith("SAVEPOINT ") && !m_server->inTransaction()) {
            m_server->run("BEGIN");
            m_server->run(text.constData());
            m_serverOuterSavepoint = words.mid(10);
            return;
        }
        if (!m_serverOuterSavepoint.isEmpty()
            && (words == "RELEASE " + m_serverOuterSavepoint || words == "RELEASE SAVEPOINT " + m_serverOuterSavepoint)) {
            m_serverOuterSavepoint.clear();
            m_server->run("COMMIT");
            return;
        }
        if (words == "ROLLBACK" || words == "COMMIT")
            m_serverOuterSavepoint.clear();
        if (text.trimmed().toUpper() == "BEGIN IMMEDIATE") {
            m_server->run("BEGIN");
            m_server->exec("SELECT pg_advisory_xact_lock($1)", {pg::param(kWriteLockKey)});
            return;
        }
        m_server->run(pg::toServerSql(sql).constData());
    } catch (const pg::Error &e) {
        rethrow(e);
    }
}

void Statement::prepareOnServer(const char *sql)
{
    m_server = std::make_unique<Server>();
    m_server->sql = pg::toServerSql(sql);
}

void Statement::bindOnServer(int i, std::optional<QByteArray> value, unsigned type)
{
    m_server->at(i) = std::move(value);
    m_server->types[std::size_t(i - 1)] = type;
}

bool Statement::stepOnServer()
{
    Server &s = *m_server;
    if (!s.ran) {
        m_db->beforeServerStatement();
        try {
            s.result = m_db->m_server->exec(s.sql.constData(), s.params, s.types);
        } catch (const pg::Error &e) {
            rethrow(e);
        }
        m_db->m_serverChanges = s.result.affected();
        s.ran = true;
        s.row = -1;
    }
    if (s.row + 1 >= s.result.rows()) {
        s.row = s.result.rows();
        return false;
    }
    ++s.row;
    return true;
}

void Statement::resetOnServer()
{
    m_server->result = pg::Result();
    m_server->ran = false;
    m_server->row = -1;
    m_server->params.assign(m_server->params.size(), std::nullopt);
    m_server->types.assign(m_server->types.size(), 0);
}

bool Statement::serverIsNull(int col) const { return m_server->result.isNull(m_server->row, col); }

qint64 Statement::serverInt64(int col) const
{
    const QByteArray v = m_server->result.bytes(m_server->row, col);
    if (v == "t")   // a boolean expression: 1 and 0, as SQLite gives them
        return 1;
    if (v == "f")
        return 0;
    bool whole = false;
    const qint64 n = v.toLongLong(&whole);
    return whole ? n : qint64(v.toDouble());
}

double Statement::serverReal(int col) const { return m_server->result.bytes(m_server->row, col).toDouble(); }
QString Statement::serverText(int col) const { return m_server->result.text(m_server->row, col); }
QByteArray Statement::serverBytes(int col) const { return m_server->result.bytes(m_server->row, col); }
std::string_view Statement::serverView(int col) const { return m_server->result.view(m_server->row, col); }


} // namespace reverie::sql
