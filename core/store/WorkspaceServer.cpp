// Workspace on a PostgreSQL server: connect, create the schema in a new database, refuse one
// from a newer Reverie.

#include "core/store/Workspace.h"

#include "core/store/DreamStore.h"
#include "core/store/Schema.h"
#include "core/store/pg/PgConnection.h"
#include "core/store/pg/ServerRoles.h"
#include "core/store/pg/ServerSchema.h"

#include <QDateTime>

namespace reverie::store {

bool Workspace::isServerAddress(const QString &path)
{
    return pg::Address::looksLikeOne(path);
}

void Workspace::openServer(const Options &options)
{
    try {
        m_db.openServer(m_path);
    } catch (const sql::Error &e) {
        throw WorkspaceError(e.message());
    }
    const QString name = pg::Address{m_path}.display();
    // Under the workspace's write lock: two programs opening a new database at once do not
    // both create the schema, and none reads a schema half made.
    sql::Transaction tx(m_db);
    bool exists = false;
    {
        sql::Statement st(m_db, "SELECT to_regclass('schema_migrations') IS NOT NULL");
        exists = st.step() && st.int64(0) != 0;
    }
    if (!exists) {
        if (!options.create || options.readOnly)
            throw WorkspaceError(QStringLiteral("%1: no Reverie workspace in this database").arg(name));
        {
            sql::Statement tables(m_db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
            if (tables.step() && tables.int64(0) > 0)
                throw WorkspaceError(QStringLiteral("%1: the database holds other tables; a workspace needs a database "
                                                    "of its own")
                                         .arg(name));
        }
        try {
            m_db.server().run(serverSchemaSql());   // written for the server: no translation
        } catch (const pg::Error &e) {
            throw WorkspaceError(QStringLiteral("%1: cannot create the workspace: %2").arg(name, e.message()));
        }
        // Reviewer and analyst groups, when this user may create roles (else `workspace grant` later).
        pg::setUpRoles(m_db.server());
        sql::Statement record(m_db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
        record.bind(1, serverSchemaBaseVersion())
            .bind(2, QStringLiteral("created on PostgreSQL at version %1").arg(serverSchemaBaseVersion()))
            .bind(3, QDateTime::currentMSecsSinceEpoch());
        record.run();
    }
    sql::Statement version(m_db, "SELECT max(version) FROM schema_migrations");
    m_schemaVersion = version.step() ? int(version.int64(0)) : 0;
    version = sql::Statement();
    const int latest = latestSchemaVersion();
    if (m_schemaVersion > latest) {
        throw WorkspaceError(QStringLiteral("%1: this workspace has schema version %2, written by a newer Reverie; "
                                            "this build knows versions up to %3. Open it with a newer Reverie.")
                                 .arg(name)
                                 .arg(m_schemaVersion)
                                 .arg(latest));
    }
    if (m_schemaVersion < latest)
        throw WorkspaceError(QStringLiteral("%1: schema version %2 cannot be upgraded on a server yet").arg(name).arg(m_schemaVersion));
    tx.commit();
    if (options.readOnly)
        m_readOnlyReason = QStringLiteral("opened only for reading");
    else
        markInterruptedRuns();
}

} // namespace reverie::store
