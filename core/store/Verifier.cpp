#include "core/store/Verifier.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

namespace reverie::store {

namespace {

void checkIntegrity(sql::Database &db, QStringList &problems)
{
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
    sql::Statement fts(db, "INSERT INTO steps_fts(steps_fts, rank) VALUES ('integrity-check', 1)");
    try {
        fts.run();
    } catch (const sql::Error &e) {
        problems << QStringLiteral("search index: %1").arg(e.message());
    }
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
                          "created_at, prev_hash, hash FROM reviews ORDER BY id");
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
        if (prevHash != prev)
            problems << QStringLiteral("reviews: review %1 does not chain to the review before it").arg(r.id);
        if (hashchain::reviewHash(r, prevHash) != stored)
            problems << QStringLiteral("reviews: review %1 was altered after it was written (hash mismatch)").arg(r.id);
        prev = stored;
    }
}

} // namespace

QStringList verifyWorkspace(Workspace &ws)
{
    QStringList problems;
    checkIntegrity(ws.db(), problems);
    checkVersions(ws.db(), problems);
    checkReviews(ws.db(), problems);
    return problems;
}

} // namespace reverie::store
