#include "core/store/pg/ServerRoles.h"

#include "core/store/pg/PgConnection.h"

namespace reverie::pg {

namespace {

// In a DO block, with the role names made from the database's own name.
const char *const kSetUp = R"sql(
DO $$
DECLARE
    reviewer text := current_database() || '_reviewer';
    analyst  text := current_database() || '_analyst';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = reviewer) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', reviewer);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = analyst) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', analyst);
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I', current_schema(), reviewer, analyst);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I, %I', current_schema(), reviewer, analyst);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I, %I', current_schema(), reviewer, analyst);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON sources, trajectories, steps, dream_runs, dream_inputs, '
                   'proposals, evidence, saved_views TO %I, %I', reviewer, analyst);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON reviews, playbook_versions, version_rules, rules, policy, '
                   'publish_outbox, publish_log TO %I', reviewer);
END
$$;
-- Events are written by the trigger as the workspace's owner: no one else writes them.
ALTER FUNCTION reverie_event() SECURITY DEFINER;
)sql";

} // namespace

bool setUpRoles(Connection &conn)
{
    try {
        conn.run("SAVEPOINT roles");
        conn.run(kSetUp);
        conn.run("RELEASE roles");
        return true;
    } catch (const Error &) {
        conn.run("ROLLBACK TO roles");
        conn.run("RELEASE roles");
        return false;
    }
}

void grantRole(Connection &conn, const QString &user, WorkspaceRole role)
{
    const char *give = role == WorkspaceRole::Reviewer ? "_reviewer" : "_analyst";
    const char *take = role == WorkspaceRole::Reviewer ? "_analyst" : "_reviewer";
    Transaction tx(conn);
    if (!setUpRoles(conn))
        throw Error(QStringLiteral("%1: the workspace's roles cannot be set up by %2 (it needs the right to create "
                                   "roles, as the database's owner has)")
                        .arg(conn.address().display(), conn.user()),
                    QByteArray("42501"));
    if (conn.exec("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", {param(user)}).rows() != 1)
        throw Error(QStringLiteral("%1: there is no login role \"%2\" (create it first: CREATE ROLE ... LOGIN)")
                        .arg(conn.address().display(), user),
                    QByteArray("42704"));
    // The names go through format()'s %I: quoted as identifiers by the server itself.
    const Result sqlText = conn.exec("SELECT format('GRANT %I TO %I', current_database() || $2, $1::text), "
                                     "format('REVOKE %I FROM %I', current_database() || $3, $1::text)",
                                     {param(user), param(give), param(take)});
    conn.run(sqlText.bytes(0, 0).constData());
    conn.run(sqlText.bytes(0, 1).constData());
    tx.commit();
}

bool rolesInUse(Connection &conn)
{
    return conn.exec("SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                     "WHERE r.rolname IN (current_database() || '_reviewer', current_database() || '_analyst'))")
               .text(0, 0)
           == QLatin1String("t");
}

bool mayDecide(Connection &conn)
{
    return conn.exec("SELECT has_table_privilege('reviews', 'INSERT') AND has_table_privilege('playbook_versions', 'INSERT')")
               .text(0, 0)
           == QLatin1String("t");
}

} // namespace reverie::pg
