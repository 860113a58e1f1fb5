#include "core/store/Workspace.h"

#include "core/store/DreamStore.h"
#include "core/store/Schema.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <unistd.h>
#endif

namespace reverie::store {

namespace {
// "REVR": marks the file as a Reverie workspace, so that a random SQLite file is refused.
constexpr qint64 kApplicationId = 0x52455652;
// SQLite's result codes for "file is not a database" and for a read-only connection that
// finds a hot journal (SQLITE_NOTADB, SQLITE_READONLY_ROLLBACK; sqlite3.h stays out of here).
constexpr int kNotADatabase = 26;
constexpr int kReadOnlyRollback = 8 | (3 << 8);

qint64 pragmaInt(sql::Database &db, const char *pragma)
{
    sql::Statement st(db, pragma);
    return st.step() ? st.int64(0) : 0;
}

// Why the file cannot be written; empty when it can. Writing also creates files beside it
// (-wal, -shm, -journal), so its folder counts too.
QString whyNotWritable(const QString &path, bool exists)
{
    const QString folder = QFileInfo(path).absolutePath();
#ifdef Q_OS_UNIX
    auto because = [](const char *what) {
        return errno == EROFS ? QStringLiteral("it is on read-only media") : QString::fromLatin1(what);
    };
    if (exists && ::access(QFile::encodeName(path).constData(), W_OK) != 0)
        return because("the file is not writable");
    if (::access(QFile::encodeName(folder).constData(), W_OK | X_OK) != 0)
        return because("its folder is not writable");
#else
    if (exists && !QFileInfo(path).isWritable())
        return QStringLiteral("the file is not writable");
    if (!QFileInfo(folder).isWritable())
        return QStringLiteral("its folder is not writable");
#endif
    return {};
}

// Bytes 18 and 19 of the header are 2 in WAL mode.
bool isWalFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray header = f.read(20);
    return header.size() == 20 && header[18] == 2 && header[19] == 2;
}

QString lockedMessage(const QString &path, int waitedMs)
{
    const QString waited = QString::number(waitedMs / 1000.0, 'f', waitedMs % 1000 ? 1 : 0);
    // Only an import switches the file to a rollback journal (TrajectoryWriter, when it has the
    // file to itself), and that journal lies beside the file while it writes.
    if (QFileInfo::exists(path + QStringLiteral("-journal")))
        return QStringLiteral("%1: locked by an import in progress (waited %2 s); try again when it finishes")
            .arg(path, waited);
    return QStringLiteral("%1: locked by another program writing to it (waited %2 s); try again when it finishes")
        .arg(path, waited);
}

void setOwnerOnly(const QString &path)
{
    // Trajectories and playbooks may be confidential: owner only.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}
} // namespace

// Retries what another connection's lock stands in the way of, until a deadline. SQLite's
// busy handler cannot do all of it: it is not called when a reading connection needs to
// write (the journal-mode switch), and it cannot say that it waits.
class Workspace::LockWait {
public:
    LockWait(int timeoutMs, std::function<void()> onWaiting, std::function<bool()> cancelled, const QString &path)
        : m_deadline(std::max(timeoutMs, 0)), m_onWaiting(std::move(onWaiting)), m_cancelled(std::move(cancelled)),
          m_path(path) {}

    template <typename Attempt>
    void operator()(Attempt attempt)
    {
        int pauseMs = 1;
        for (;;) {
            try {
                attempt();
                return;
            } catch (const sql::Error &e) {
                if (!e.isLocked() || m_deadline.hasExpired())
                    throw;
            }
            throwIfCancelled();
            if (!m_waited && m_onWaiting)
                m_onWaiting();
            m_waited = true;
            QThread::msleep(ulong(std::clamp<qint64>(m_deadline.remainingTime(), 0, pauseMs)));
            pauseMs = std::min(pauseMs * 2, 50);
        }
    }
    QDeadlineTimer deadline() const { return m_deadline; }
    void throwIfCancelled() const
    {
        if (m_cancelled && m_cancelled())
            throw WorkspaceCancelled(QStringLiteral("%1: opening cancelled; the workspace is left as it was").arg(m_path));
    }

private:
    QDeadlineTimer m_deadline;
    std::function<void()> m_onWaiting;
    std::function<bool()> m_cancelled;
    QString m_path;
    bool m_waited = false;
};

struct Workspace::Header {
    qint64 applicationId = 0;
    qint64 version = 0;
    qint64 tables = 0;
};

Workspace::Workspace(const QString &path) : Workspace(path, Options{}) {}

Workspace::Workspace(const QString &path, const Options &options) : m_path(path)
{
    if (isServerAddress(path)) {
        openServer(options);
        return;
    }
    const QFileInfo info(path);
    const bool existed = info.exists();
    if (!existed && (!options.create || options.readOnly))
        throw WorkspaceError(QStringLiteral("%1: no such workspace").arg(path));
    if (existed && info.isDir())
        throw WorkspaceError(QStringLiteral("%1: is a directory, not a workspace file").arg(path));
    if (!existed && !info.absoluteDir().exists() && !QDir().mkpath(info.absolutePath()))
        throw WorkspaceError(QStringLiteral("%1: cannot create its folder").arg(path));

    m_readOnlyReason = options.readOnly ? QStringLiteral("opened only for reading") : whyNotWritable(path, existed);
    if (!existed && isReadOnly())
        throw WorkspaceError(QStringLiteral("%1: cannot create the workspace: %2").arg(path, m_readOnlyReason));
    m_db.open(path, options.create, isReadOnly());
    if (!isReadOnly() && m_db.isReadOnly())
        m_readOnlyReason = QStringLiteral("the file is not writable");   // SQLite fell back to reading
    m_db.setReadOnlyReason(m_readOnlyReason);
    if (!existed)
        setOwnerOnly(path);

    LockWait wait(options.busyTimeoutMs, options.onWaiting, options.cancelled, path);
    try {
        m_db.exec("PRAGMA busy_timeout = 0");   // LockWait waits while opening, and says so
        const Header header = readHeader(wait);
        configure(header, wait);
        migrate(options.schemaVersion < 0 ? latestSchemaVersion() : options.schemaVersion, wait, options);
        if (!isReadOnly())
            markInterruptedRuns();
    } catch (const sql::Error &e) {
        if (e.isLocked())
            throw WorkspaceError(lockedMessage(path, options.busyTimeoutMs));
        throw;
    }
    m_db.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(options.busyTimeoutMs, 0)));
}

Workspace::~Workspace() = default;

Workspace::Header Workspace::readHeader(LockWait &wait)
{
    Header h;
    auto read = [&] {
        h.applicationId = pragmaInt(m_db, "PRAGMA application_id");
        h.version = pragmaInt(m_db, "PRAGMA user_version");
        h.tables = pragmaInt(m_db, "SELECT count(*) FROM sqlite_schema");
    };
    try {
        wait(read);
        return h;
    } catch (const sql::Error &e) {
        if (e.isLocked())
            throw;
        if ((e.code() & 0xff) == kNotADatabase)
            throw WorkspaceError(QStringLiteral("%1: not a Reverie workspace (%2)").arg(m_path, e.message()));
        if (e.code() == kReadOnlyRollback) {
            throw WorkspaceError(QStringLiteral("%1 is read-only (%2) and a write to it was cut off (%1-journal "
                                                "is left); open it once where it can be written, so that the "
                                                "unfinished write is rolled back")
                                     .arg(m_path, m_readOnlyReason));
        }
        if (!isReadOnly() || !isWalFile(m_path))
            throw WorkspaceError(QStringLiteral("%1: cannot be read (%2)").arg(m_path, e.message()));
    }
    // Reading a WAL file needs its index (-shm), which a read-only folder keeps SQLite from
    // creating. Without a write-ahead log to replay, the file alone is the whole workspace:
    // read it as immutable. With one, that would show the workspace without its last changes.
    const QFileInfo wal(m_path + QStringLiteral("-wal"));
    if (wal.exists() && wal.size() > 0) {
        throw WorkspaceError(QStringLiteral("%1 is read-only (%2) and its latest changes are still in %1-wal, "
                                            "which can only be read where %1-shm can be created; open it once "
                                            "where it can be written, or copy it with its -wal file to a "
                                            "writable folder")
                                 .arg(m_path, m_readOnlyReason));
    }
    m_db.openImmutable(m_path);
    m_db.setReadOnlyReason(m_readOnlyReason);
    try {
        read();
    } catch (const sql::Error &e) {
        throw WorkspaceError(QStringLiteral("%1: cannot be read (%2)").arg(m_path, e.message()));
    }
    return h;
}

void Workspace::configure(const Header &header, LockWait &wait)
{
    if (header.applicationId != kApplicationId && (header.tables > 0 || header.version > 0)) {
        throw WorkspaceError(
            QStringLiteral("%1: not a Reverie workspace (it is an SQLite file of another application)").arg(m_path));
    }
    m_schemaVersion = int(header.version);
    if (header.tables == 0 && isReadOnly()) {
        throw WorkspaceError(QStringLiteral("%1 is read-only (%2) and empty: it is not a Reverie workspace yet and "
                                            "cannot become one")
                                 .arg(m_path, m_readOnlyReason));
    }

    if (!isReadOnly()) {
        if (header.tables == 0) {
            // Adopted now, as a new file is: owner only, before anything is written into it.
            setOwnerOnly(m_path);
            // A new file gets 64 KiB pages (SQLite's default is 4 KiB). Imports write hundreds of
            // megabytes of steps and full-text index; every page costs a WAL frame write and a
            // checkpoint copy, and with 16 times fewer pages a 1,000,000-step import commits in a
            // third of the time. Reads go through the memory map below either way. The page size
            // of an existing file stays as it is (it cannot change in WAL mode).
            m_db.exec("PRAGMA page_size = 65536");
        }
        // An import that had the file to itself runs in a rollback journal and holds the write
        // lock that switching back to WAL needs. Give a lock held only for a moment that
        // moment; while an import goes on, read beside it in its journal mode: the import turns
        // WAL back on when it ends, and so does the next open.
        LockWait brief(int(std::min<qint64>(wait.deadline().remainingTime(), 250)), nullptr, nullptr, m_path);
        try {
            brief([&] { m_db.exec("PRAGMA journal_mode = WAL"); });
        } catch (const sql::Error &e) {
            if (!e.isLocked())
                throw;
        }
    }
    m_db.exec("PRAGMA synchronous = NORMAL");
    m_db.exec("PRAGMA foreign_keys = ON");
    m_db.exec("PRAGMA temp_store = MEMORY");
    // Reads through a memory map instead of one read() per page: a search walks long runs of
    // full-text index pages, and each fresh connection (one per worker thread) starts cold.
    m_db.exec("PRAGMA mmap_size = 268435456");
}

void Workspace::migrate(int upTo, LockWait &wait, const Options &options)
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
    if (isReadOnly()) {
        throw WorkspaceError(QStringLiteral("%1 is read-only (%2) and has schema version %3, older than this "
                                            "Reverie's %4; upgrading it means writing to it. Open it once where "
                                            "it can be written (or a writable copy of it) to upgrade it.")
                                 .arg(m_path, m_readOnlyReason)
                                 .arg(m_schemaVersion)
                                 .arg(upTo));
    }
    wait([&] { migrateNow(upTo, options); });
}

void Workspace::migrateNow(int upTo, const Options &options)
{
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

    // Done again from the start when a lock stood in the way: m_schemaVersion changes only
    // once the transaction is committed.
    int version = m_schemaVersion;
    sql::Transaction tx(m_db);
    m_db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
              " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    sql::Statement record(m_db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
    const int steps = int(std::count_if(migrations().begin(), migrations().end(), [&](const Migration &m) {
        return m.version > version && m.version <= upTo;
    }));
    int done = 0;
    for (const Migration &m : migrations()) {
        if (m.version <= version || m.version > upTo)
            continue;
        // Thrown inside the transaction: it rolls back, and every step before this one with it.
        if (options.cancelled && options.cancelled())
            throw WorkspaceCancelled(QStringLiteral("%1: upgrade cancelled; the workspace is left as it was").arg(m_path));
        if (options.onMigrationStep)
            options.onMigrationStep(done++, steps);
        m_db.exec(m.sql);
        record.bind(1, m.version).bind(2, QString::fromUtf8(m.description)).bind(3, QDateTime::currentMSecsSinceEpoch());
        record.run();
        version = m.version;
    }
    if (rebuilds) {
        sql::Statement check(m_db, "PRAGMA foreign_key_check");
        if (check.step())
            throw WorkspaceError(QStringLiteral("%1: upgrading the schema would break a reference in table %2; "
                                                "the workspace is left as it was")
                                     .arg(m_path, check.text(0)));
    }
    m_db.exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
    m_db.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
    tx.commit();
    m_schemaVersion = version;
}

void Workspace::markInterruptedRuns()
{
    // Runs have owners from schema 5 on (and tests may stop before it); a server starts at 8.
    if (!m_db.isServer() && pragmaInt(m_db, "SELECT count(*) FROM pragma_table_info('dream_runs') WHERE name = 'owner'") == 0)
        return;
    try {
        DreamStore(*this).markInterrupted();
    } catch (const sql::Error &e) {
        // Someone else is writing now (an import); the next open marks them.
        if (!e.isLocked())
            throw;
    }
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
