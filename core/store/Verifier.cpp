#include "core/store/Verifier.h"

#include "core/store/HashChain.h"
#include "core/store/PublishLog.h"
#include "core/store/Workspace.h"

namespace reverie::store {

namespace {

void checkIntegrity(sql::Database &db, QStringList &problems)
{
    // A server checks its pages, references and generated search column itself, as it
    // writes them; what is left to verify there are the hash chains below.
    if (db.isServer())
        return;
    sql::Statement st(db, "PRAGMA integrity_check");
    while (st.step()) {
        const QString line = st.text(0);
        if (line != QLatin1String("ok"))
            problems << QStringLiteral("integrity: %1").arg(line);
    }
    sql::Statement fk(db, "PRAGMA foreign_key_check");
    while (fk.step())
        problems << QStringLiteral("foreign key: row %1 of %2 points at a missing %3 row")
                        .arg(fk.int64(1))
                        .arg(fk.text(0), fk.text(2));
    // FTS5 checks its index through a special INSERT, which a read-only workspace refuses. There
    // the same check runs on a copy of the index in the temp schema (writable even then),
    // against the same rows: the copy is the index block for block, so it finds what it would.
    if (!db.isReadOnly()) {
        sql::Statement fts(db, "INSERT INTO steps_fts(steps_fts, rank) VALUES ('integrity-check', 1)");
        try {
            fts.run();
        } catch (const sql::Error &e) {
            problems << QStringLiteral("search index: %1").arg(e.message());
        }
        return;
    }
    QString definition;
    {
        sql::Statement def(db, "SELECT sql FROM main.sqlite_schema WHERE name = 'steps_fts'");
        if (def.step())
            definition = def.text(0);
    }
    const qint64 tempStore = [&db] {
        sql::Statement mode(db, "PRAGMA temp_store");
        return mode.step() ? mode.int64(0) : 0;
    }();
    const QLatin1String table("CREATE VIRTUAL TABLE steps_fts"), content("content='steps'");
    if (!definition.contains(table) || !definition.contains(content)) {
        problems << QStringLiteral("search index: not checked: its definition is not the one this Reverie knows "
                                   "(%1)")
                        .arg(definition.isEmpty() ? QStringLiteral("missing") : definition);
        return;
    }
    definition.replace(table, QLatin1String("CREATE VIRTUAL TABLE temp.verify_fts"))
        .replace(content, QLatin1String("content='verify_steps'"));
    try {
        // The copy may be large: in a temporary file. (Switching drops the temp schema's scratch
        // tables, which their users create again when needed.)
        db.exec("PRAGMA temp_store = FILE");
        db.exec("CREATE TEMP VIEW verify_steps AS SELECT * FROM main.steps");
        db.exec(definition);
        db.exec("DELETE FROM temp.verify_fts_data; DELETE FROM temp.verify_fts_config;"
                "INSERT INTO temp.verify_fts_data SELECT * FROM main.steps_fts_data;"
                "INSERT INTO temp.verify_fts_idx SELECT * FROM main.steps_fts_idx;"
                "INSERT INTO temp.verify_fts_config SELECT * FROM main.steps_fts_config");
        db.exec("INSERT INTO temp.verify_fts(verify_fts, rank) VALUES ('integrity-check', 1)");
    } catch (const sql::Error &e) {
        problems << QStringLiteral("search index: %1").arg(e.message());
    }
    db.exec("DROP TABLE IF EXISTS temp.verify_fts; DROP VIEW IF EXISTS temp.verify_steps");
    db.exec(QStringLiteral("PRAGMA temp_store = %1").arg(tempStore));
}

void checkVersions(sql::Database &db, QStringList &problems)
{
    sql::Statement versions(db, "SELECT number, parent, author, reason, created_at, change, proposal_id, prev_hash, "
                                "hash FROM playbook_versions ORDER BY number");
    sql::Statement rules(db, "SELECT rule_id, text, scope, stakes, origin FROM version_rules WHERE version = ? "
                             "ORDER BY position");
    QString prev = hashchain::genesis();
    int expected = 1;
    while (versions.step()) {
        PlaybookVersion v;
        v.number = int(versions.int64(0));
        v.parent = int(versions.int64(1));
        v.author = versions.text(2);
        v.reason = versions.text(3);
        v.createdMs = versions.int64(4);
        v.change = versions.text(5);
        v.proposalId = versions.int64(6);
        v.prevHash = versions.text(7);
        const QString stored = versions.text(8);
        if (v.number != expected)
            problems << QStringLiteral("history: version %1 is missing").arg(expected);
        expected = v.number + 1;
        rules.bind(1, v.number);
        while (rules.step()) {
            Rule r;
            r.id = rules.text(0);
            r.text = rules.text(1);
            r.scope = hashchain::scopeFromJson(rules.bytes(2));
            r.stakes = rules.int64(3) ? Stakes::High : Stakes::Low;
            r.origin = rules.text(4);
            v.rules.push_back(r);
        }
        rules.reset();
        if (v.prevHash != prev)
            problems << QStringLiteral("history: version %1 does not chain to version %2 (its previous hash differs)")
                            .arg(v.number)
                            .arg(v.number - 1);
        if (hashchain::versionHash(v) != stored)
            problems << QStringLiteral("history: version %1 was altered after it was written (hash mismatch)")
                            .arg(v.number);
        prev = stored;
    }
}

void checkReviews(sql::Database &db, QStringList &problems)
{
    sql::Statement st(db, "SELECT id, proposal_id, reviewer, decision, comment, edited_text, produced_version, "
                          "created_at, prev_hash, hash, subject, detail FROM reviews ORDER BY id");
    QString prev = hashchain::genesis();
    while (st.step()) {
        Review r;
        r.id = st.int64(0);
        r.proposalId = st.int64(1);
        r.reviewer = st.text(2);
        r.decision = st.text(3);
        r.comment = st.text(4);
        r.editedText = st.text(5);
        r.producedVersion = int(st.int64(6));
        r.createdMs = st.int64(7);
        const QString prevHash = st.text(8);
        const QString stored = st.text(9);
        r.subject = st.text(10);
        r.detail = st.text(11);
        if (prevHash != prev)
            problems << QStringLiteral("reviews: review %1 does not chain to the review before it").arg(r.id);
        if (hashchain::reviewHash(r, prevHash) != stored)
            problems << QStringLiteral("reviews: review %1 was altered after it was written (hash mismatch)").arg(r.id);
        prev = stored;
    }
}

void checkPublishLog(Workspace &ws, QStringList &problems)
{
    QString prev = hashchain::genesis();
    sql::Statement st(ws.db(), "SELECT id, target, version, playbook_hash, created_at, result, prev_hash, hash "
                               "FROM publish_log ORDER BY id");
    while (st.step()) {
        PublishEntry e;
        e.id = st.int64(0);
        e.target = st.text(1);
        e.version = int(st.int64(2));
        e.playbookHash = st.text(3);
        e.createdMs = st.int64(4);
        e.result = st.text(5);
        const QString prevHash = st.text(6);
        if (prevHash != prev)
            problems << QStringLiteral("publish log: entry %1 does not chain to the entry before it").arg(e.id);
        if (hashchain::publishHash(e, prevHash) != st.text(7))
            problems << QStringLiteral("publish log: entry %1 was altered after it was written (hash mismatch)").arg(e.id);
        prev = st.text(7);
    }
}

} // namespace

QStringList verifyWorkspace(Workspace &ws)
{
    QStringList problems;
    checkIntegrity(ws.db(), problems);
    checkVersions(ws.db(), problems);
    checkReviews(ws.db(), problems);
    if (ws.schemaVersion() >= 6)
        checkPublishLog(ws, problems);
    return problems;
}

} // namespace reverie::store
