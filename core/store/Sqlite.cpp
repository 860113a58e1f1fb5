#include "core/store/Sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace reverie::sql {

Database::~Database() { close(); }

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::open(const QString &path, bool create, bool readOnly)
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
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !readOnly)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString msg = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        throw Error(QStringLiteral("%1: cannot open workspace: %2").arg(path, msg));
    }
    m_db = db;
    m_path = path;
    sqlite3_extended_result_codes(m_db, 1);
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::exec(const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : sqlite3_errmsg(m_db));
        sqlite3_free(err);
        throw Error(QStringLiteral("%1: %2").arg(m_path, msg));
    }
}

qint64 Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

void Database::fail(const QString &context) const
{
    throw Error(QStringLiteral("%1: %2: %3").arg(m_path, context, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Statement::Statement(Database &db, const char *sql) : m_db(&db)
{
    if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
        db.fail(QStringLiteral("preparing \"%1\"").arg(QString::fromUtf8(sql).simplified().left(80)));
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement &Statement::bind(int i, qint64 v)
{
    if (sqlite3_bind_int64(m_stmt, i, v) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bind(int i, double v)
{
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
    if (sqlite3_bind_text(m_stmt, i, utf8, size, SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindTextNoCopy(int i, std::string_view utf8)
{
    if (utf8.empty())
        return bindNull(i);
    if (sqlite3_bind_text(m_stmt, i, utf8.data(), int(utf8.size()), SQLITE_STATIC) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindTextNoCopy(int i, const QByteArray &utf8)
{
    if (utf8.isNull())
        return bindNull(i);
    if (sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_STATIC) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

Statement &Statement::bindNull(int i)
{
    if (sqlite3_bind_null(m_stmt, i) != SQLITE_OK)
        m_db->fail(QStringLiteral("binding"));
    return *this;
}

bool Statement::step()
{
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
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
qint64 Statement::int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::real(int col) const { return sqlite3_column_double(m_stmt, col); }

QString Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    if (!p)
        return {};
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

QByteArray Statement::bytes(int col) const
{
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
