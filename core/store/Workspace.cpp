#include "core/store/Workspace.h"

#include "core/store/Schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace reverie::store {

namespace {
// "REVR": marks the file as a Reverie workspace, so that a random SQLite file is refused.
constexpr qint64 kApplicationId = 0x52455652;

qint64 pragmaInt(sql::Database &db, const char *pragma)
{
    sql::Statement st(db, pragma);
    return st.step() ? st.int64(0) : 0;
}
} // namespace

Workspace::Workspace(const QString &path) : Workspace(path, Options{}) {}

Workspace::Workspace(const QString &path, const Options &options) : m_path(path)
{
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!existed && !options.create)
        throw WorkspaceError(QStringLiteral("%1: no such workspace").arg(path));
    if (existed && info.isDir())
        throw WorkspaceError(QStringLiteral("%1: is a directory, not a workspace file").arg(path));
    if (!existed && !info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
        throw WorkspaceError(QStringLiteral("%1: cannot create its folder").arg(path));

    m_db.open(path, options.create);
    if (!existed) {
        // Trajectories and playbooks may be confidential: owner only.
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    }
    try {
        configure();
    } catch (const sql::Error &e) {
        throw WorkspaceError(QStringLiteral("%1: not a Reverie workspace (%2)").arg(path, e.message()));
    }
    migrate(options.schemaVersion < 0 ? latestSchemaVersion() : options.schemaVersion);
}

Workspace::~Workspace() = default;

void Workspace::configure()
{
    m_db.exec("PRAGMA busy_timeout = 10000");
    const qint64 appId = pragmaInt(m_db, "PRAGMA application_id");
    const qint64 version = pragmaInt(m_db, "PRAGMA user_version");
    const qint64 tables = [&] {
        sql::Statement st(m_db, "SELECT count(*) FROM sqlite_schema");
        return st.step() ? st.int64(0) : 0;
    }();
    if (appId != kApplicationId && (tables > 0 || version > 0))
        throw sql::Error(QStringLiteral("it is an SQLite file of another application"));
    m_schemaVersion = int(version);

    // A new file gets 64 KiB pages (SQLite's default is 4 KiB). Imports write hundreds of
    // megabytes of steps and full-text index; every page costs a WAL frame write and a
    // checkpoint copy, and with 16 times fewer pages a 1,000,000-step import commits in a
    // third of the time. Reads go through the memory map below either way. The page size
    // of an existing file stays as it is (it cannot change in WAL mode).
    if (tables == 0)
        m_db.exec("PRAGMA page_size = 65536");
    m_db.exec("PRAGMA journal_mode = WAL");
    m_db.exec("PRAGMA synchronous = NORMAL");
    m_db.exec("PRAGMA foreign_keys = ON");
    m_db.exec("PRAGMA temp_store = MEMORY");
    // Reads through a memory map instead of one read() per page: a search walks long runs of
    // full-text index pages, and each fresh connection (one per worker thread) starts cold.
    m_db.exec("PRAGMA mmap_size = 268435456");
}

void Workspace::migrate(int upTo)
{
    const int latest = latestSchemaVersion();
    if (m_schemaVersion > latest) {
        throw WorkspaceError(QStringLiteral("%1: this workspace has schema version %2, written by a newer "
                                            "Reverie; this build knows versions up to %3. Open it with a "
                                            "newer Reverie.")
                                 .arg(m_path)
                                 .arg(m_schemaVersion)
                                 .arg(latest));
    }
    if (m_schemaVersion >= upTo)
        return;

    bool rebuilds = false;
    for (const Migration &m : migrations())
        rebuilds = rebuilds || (m.version > m_schemaVersion && m.version <= upTo && m.rebuildsTables);
    if (rebuilds)
        m_db.exec("PRAGMA foreign_keys = OFF");   // a no-op inside a transaction: set before it
    struct ForeignKeysBackOn {
        sql::Database &db;
        bool active;
        ~ForeignKeysBackOn()
        {
            if (active)
                db.exec("PRAGMA foreign_keys = ON");
        }
    } backOn{m_db, rebuilds};

    sql::Transaction tx(m_db);
    m_db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
              " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    sql::Statement record(m_db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
    for (const Migration &m : migrations()) {
        if (m.version <= m_schemaVersion || m.version > upTo)
            continue;
        m_db.exec(m.sql);
        record.bind(1, m.version).bind(2, QString::fromUtf8(m.description)).bind(3, QDateTime::currentMSecsSinceEpoch());
        record.run();
        m_schemaVersion = m.version;
    }
    if (rebuilds) {
        sql::Statement check(m_db, "PRAGMA foreign_key_check");
        if (check.step())
            throw WorkspaceError(QStringLiteral("%1: upgrading the schema would break a reference in table %2; "
                                                "the workspace is left as it was")
                                     .arg(m_path, check.text(0)));
    }
    m_db.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
    m_db.exec(QStringLiteral("PRAGMA user_version = %1").arg(m_schemaVersion));
    tx.commit();
}

QString Workspace::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("workspace.reverie"));
}

int Workspace::peekSchemaVersion(const QString &path)
{
    try {
        sql::Database db;
        db.open(path, false, true);
        return int(pragmaInt(db, "PRAGMA user_version"));
    } catch (const sql::Error &) {
        return -1;
    }
}

} // namespace reverie::store
