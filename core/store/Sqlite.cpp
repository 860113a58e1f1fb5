#include "core/store/Sqlite.h"

#include "core/store/ServerStatement.h"

#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>

#include <atomic>
#include <utility>

namespace reverie::sql {

namespace {
std::atomic<StatementCheck> g_statementCheck{nullptr};

void check(const char *sql)
{
    if (const StatementCheck c = g_statementCheck.load(std::memory_order_relaxed))
        c(sql);
}
} // namespace

void setStatementCheck(StatementCheck c) { g_statementCheck.store(c); }

Database::Database() = default;
Database::~Database() { close(); }

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_server(std::move(other.m_server)), m_path(std::move(other.m_path)),
      m_readOnlyReason(std::move(other.m_readOnlyReason)) {}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_server = std::move(other.m_server);
        m_path = std::move(other.m_path);
        m_readOnlyReason = std::move(other.m_readOnlyReason);
    }
    return *this;
}

void Database::open(const QString &path, bool create, bool readOnly)
{
    int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readOnly)
        flags |= SQLITE_OPEN_CREATE;
    openWith(path, path.toUtf8(), flags);
}

void Database::openImmutable(const QString &path)
{
    // A URI, so that the file can say it will not change: no locks, no -shm, no -wal.
    const QByteArray uri = "file:" + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), "/")
        + "?immutable=1";
    openWith(path, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
}

void Database::openWith(const QString &path, const QByteArray &name, int flags)
{
    // SQLite's memory statistics take a global lock on every allocation, shared by every
    // connection of the process; nothing here reads them. Only possible before SQLite's
    // first use, so done once, before the first open.
    static const bool noMemoryStatistics = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    Q_UNUSED(noMemoryStatistics);
    close();
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        const int code = db ? sqlite3_extended_errcode(db) : rc;
        sqlite3_close(db);
        throw Error(QStringLiteral("%1: cannot open workspace: %2").arg(path, msg), code);
    }
    m_db = db;
    m_path = path;
    m_readOnlyReason.clear();
    sqlite3_extended_result_codes(m_db, 1);
}

bool Database::isReadOnly() const { return m_db && sqlite3_db_readonly(m_db, "main") == 1; }

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_server.reset();
}

void Database::exec(const char *sql)
{
    check(sql);
    if (m_server)
        return execOnServer(sql);
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : sqlite3_errmsg(m_db));
        sqlite3_free(err);
        fail(QString(), rc, msg);
    }
}

qint64 Database::lastInsertId() const
{
    if (m_server)
        throw Error(QStringLiteral("internal error: a new row's id on a server comes from RETURNING id"));
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const { return m_server ? int(m_serverChanges) : sqlite3_changes(m_db); }

void Database::fail(const QString &context) const
{
    if (m_server)
        throw Error(QStringLiteral("%1: %2").arg(m_path, context));
    fail(context, sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)));
}

void Database::fail(const QString &context, int code, const QString &sqliteMessage) const
{
    // Two failures a person can do something about get words of their own instead of
    // SQLite's ("attempt to write a readonly database", "database is locked"). The variants
    // of SQLITE_READONLY (a hot journal, a WAL index that cannot be made) keep SQLite's.
    if (code == SQLITE_READONLY) {
        const QString why = m_readOnlyReason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m_readOnlyReason);
        throw Error(QStringLiteral("%1 is read-only%2: it can be read but not changed").arg(m_path, why), code);
    }
    const QString detail = context.isEmpty() ? sqliteMessage : QStringLiteral("%1: %2").arg(context, sqliteMessage);
    if ((code & 0xff) == SQLITE_BUSY) {
        throw Error(QStringLiteral("%1: locked by another program writing to it, such as an import in progress; "
                                   "try again when it finishes (%2)")
                        .arg(m_path, detail),
                    code);
    }
    throw Error(QStringLiteral("%1: %2").arg(m_path, detail), code);
}

bool Error::isLocked() const { return (m_code & 0xff) == SQLITE_BUSY || (m_code & 0xff) == SQLITE_LOCKED; }
bool Error::isReadOnly() const { return (m_code & 0xff) == SQLITE_READONLY; }

Statement::Statement(Database &db, const char *sql) : m_db(&db)
{
    check(sql);
    if (db.isServer()) {
        prepareOnServer(sql);
        return;
    }
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        db.fail(QStringLiteral("preparing \"%1\"").arg(QString::fromUtf8(sql).simplified().left(80)));
}

Statement::Statement() = default;
Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_server(std::move(other.m_server)) {}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_server = std::move(other.m_server);
    }
    return *this;
}

Statement &Statement::bind(int i, qint64 v)
{
    if (m_server) {
        bindOnServer(i, QByteArray::number(v), 20);   // bigint
        return *this;
    }
    if (sqlite3_bind_int64(m_stmt, i, v) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bind(int i, double v)
{
    if (m_server) {
        bindOnServer(i, QByteArray::number(v, 'g', 17), 701);   // double precision
        return *this;
    }
    if (sqlite3_bind_double(m_stmt, i, v) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bind(int i, const QString &v)
{
    if (v.isNull())
        return bindNull(i);
    return bindText(i, v.toUtf8());
}

Statement &Statement::bindText(int i, const QByteArray &utf8)
{
    if (utf8.isNull())
        return bindNull(i);
    return bindText(i, utf8.constData(), int(utf8.size()));
}

Statement &Statement::bindText(int i, const char *utf8, int size)
{
    if (m_server) {
        bindOnServer(i, QByteArray(utf8, size), 25);   // text
        return *this;
    }
    if (sqlite3_bind_text(m_stmt, i, utf8, size, SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindTextNoCopy(int i, std::string_view utf8)
{
    if (utf8.empty())
        return bindNull(i);
    if (m_server)
        return bindText(i, utf8.data(), int(utf8.size()));
    if (sqlite3_bind_text(m_stmt, i, utf8.data(), int(utf8.size()), SQLITE_STATIC) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindTextNoCopy(int i, const QByteArray &utf8)
{
    if (utf8.isNull())
        return bindNull(i);
    if (m_server)
        return bindText(i, utf8.constData(), int(utf8.size()));
    if (sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_STATIC) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindNull(int i)
{
    if (m_server) {
        bindOnServer(i, std::nullopt, 0);   // the server infers it from where it stands
        return *this;
    }
    if (sqlite3_bind_null(m_stmt, i) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

bool Statement::step()
{
    if (m_server)
        return stepOnServer();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString sqlText = QString::fromUtf8(sqlite3_sql(m_stmt)).simplified().left(80);
    sqlite3_reset(m_stmt);
    m_db->fail(QStringLiteral("running \"%1\"").arg(sqlText));
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    if (m_server)
        return resetOnServer();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const
{
    return m_server ? serverIsNull(col) : sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
qint64 Statement::int64(int col) const { return m_server ? serverInt64(col) : sqlite3_column_int64(m_stmt, col); }
double Statement::real(int col) const { return m_server ? serverReal(col) : sqlite3_column_double(m_stmt, col); }

QString Statement::text(int col) const
{
    if (m_server)
        return serverText(col);
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

std::string_view Statement::view(int col) const
{
    if (m_server)
        return serverView(col);
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? std::string_view(p, std::size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
}

QByteArray Statement::bytes(int col) const
{
    if (m_server)
        return serverBytes(col);
    const auto *p = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
    if (!p)
        return {};
    return QByteArray(p, sqlite3_column_bytes(m_stmt, col));
}

Transaction::Transaction(Database &db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // The connection may already have rolled back; nothing more to undo.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

} // namespace reverie::sql
