#include "core/store/PlaybookHistory.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

#include <QDateTime>
#include <QSet>

namespace reverie::store {

namespace {

PlaybookVersion readVersion(const sql::Statement &st)
{
    PlaybookVersion v;
    v.number = int(st.int64(0));
    v.parent = st.isNull(1) ? 0 : int(st.int64(1));
    v.author = st.text(2);
    v.reason = st.text(3);
    v.createdMs = st.int64(4);
    v.change = st.text(5);
    v.proposalId = st.isNull(6) ? 0 : st.int64(6);
    v.prevHash = st.text(7);
    v.hash = st.text(8);
    return v;
}

constexpr const char *kVersionColumns =
    "number, parent, author, reason, created_at, change, proposal_id, prev_hash, hash";

} // namespace

int PlaybookHistory::currentNumber()
{
    sql::Statement st(m_ws.db(), "SELECT max(number) FROM playbook_versions");
    return st.step() && !st.isNull(0) ? int(st.int64(0)) : 0;
}

std::vector<Rule> PlaybookHistory::rulesOf(int number)
{
    sql::Statement st(m_ws.db(), "SELECT rule_id, text, scope, stakes, origin FROM version_rules WHERE version = ? "
                                 "ORDER BY position");
    st.bind(1, number);
    std::vector<Rule> rules;
    while (st.step()) {
        Rule r;
        r.id = st.text(0);
        r.text = st.text(1);
        r.scope = hashchain::scopeFromJson(st.bytes(2));
        r.stakes = st.int64(3) ? Stakes::High : Stakes::Low;
        r.origin = st.text(4);
        rules.push_back(r);
    }
    return rules;
}

std::optional<PlaybookVersion> PlaybookHistory::version(int number)
{
    const QString sqlText =
        QStringLiteral("SELECT %1 FROM playbook_versions WHERE number = ?").arg(QLatin1String(kVersionColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, number);
    if (!st.step())
        return std::nullopt;
    PlaybookVersion v = readVersion(st);
    v.rules = rulesOf(number);
    return v;
}

PlaybookVersion PlaybookHistory::current()
{
    const int n = currentNumber();
    if (n == 0) {
        PlaybookVersion empty;
        empty.hash = hashchain::genesis();
        return empty;
    }
    return *version(n);
}

std::vector<PlaybookVersion> PlaybookHistory::versions(bool withRules)
{
    const QString sqlText =
        QStringLiteral("SELECT %1 FROM playbook_versions ORDER BY number").arg(QLatin1String(kVersionColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    std::vector<PlaybookVersion> out;
    while (st.step())
        out.push_back(readVersion(st));
    if (withRules) {
        for (PlaybookVersion &v : out)
            v.rules = rulesOf(v.number);
    }
    return out;
}

qint64 PlaybookHistory::highestRuleNumber()
{
    // Ids are never reused, even for retired rules: history must stay unambiguous. Imported
    // ids may carry any number; one query reads the highest with up to 18 digits (which a
    // 64-bit integer holds with room to count on). Longer ones cannot collide with ours.
    sql::Statement st(m_ws.db(), m_ws.db().isServer()
                                     ? "SELECT max(CAST(substr(id, 2) AS BIGINT)) FROM rules "
                                       "WHERE id ~ '^R[0-9]{1,18}$'"
                                     : "SELECT max(CAST(substr(id, 2) AS INTEGER)) FROM rules "
                                       "WHERE id GLOB 'R[0-9]*' AND NOT substr(id, 2) GLOB '*[^0-9]*' AND length(id) <= 19");
    return st.step() && !st.isNull(0) ? st.int64(0) : 0;
}

QString PlaybookHistory::ruleIdAfter(qint64 number)
{
    constexpr qint64 kLimit = 999999999999999999;   // 18 digits
    if (number >= kLimit)
        throw reverie::Error(QStringLiteral("no rule id is left after R%1: give the rule an id of your own").arg(number));
    return QStringLiteral("R%1").arg(number + 1);
}

QString PlaybookHistory::nextRuleId()
{
    return ruleIdAfter(highestRuleNumber());
}

int PlaybookHistory::append(PlaybookVersion &v, const QString &successor)
{
    sql::Database &db = m_ws.db();
    const PlaybookVersion parent = current();
    v.number = parent.number + 1;
    v.parent = parent.number;
    v.prevHash = parent.number == 0 ? hashchain::genesis() : parent.hash;
    if (v.createdMs == 0)
        v.createdMs = QDateTime::currentMSecsSinceEpoch();
    QSet<QString> seen;
    for (const Rule &r : v.rules) {
        if (r.id.isEmpty() || seen.contains(r.id))
            throw reverie::Error(QStringLiteral("playbook version would hold a rule without a unique id (\"%1\")")
                                     .arg(r.text.left(60)));
        seen.insert(r.id);
    }
    v.hash = hashchain::versionHash(v);

    sql::Statement ins(db, "INSERT INTO playbook_versions (number, parent, author, reason, created_at, change, "
                           "proposal_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, v.number);
    if (v.parent)
        ins.bind(2, v.parent);
    else
        ins.bindNull(2);
    ins.bind(3, v.author).bind(4, v.reason).bind(5, v.createdMs).bind(6, v.change);
    if (v.proposalId)
        ins.bind(7, v.proposalId);
    else
        ins.bindNull(7);
    ins.bind(8, v.prevHash).bind(9, v.hash);
    ins.run();

    sql::Statement identity(db, "INSERT INTO rules (id, created_version, origin) VALUES (?, ?, ?) "
                                "ON CONFLICT(id) DO UPDATE SET retired_version = NULL, superseded_by = NULL");
    sql::Statement row(db, "INSERT INTO version_rules (version, position, rule_id, text, scope, stakes, origin) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const Rule &r : v.rules) {
        identity.bind(1, r.id).bind(2, v.number).bind(3, r.origin);
        identity.run();
        row.bind(1, v.number).bind(2, position++).bind(3, r.id).bind(4, r.text);
        row.bindText(5, hashchain::scopeToJson(r.scope)).bind(6, int(r.stakes)).bind(7, r.origin);
        row.run();
    }
    // Rules that left the playbook are retired, never erased; a merge names its successor.
    sql::Statement retire(db, "UPDATE rules SET retired_version = ?, superseded_by = ? WHERE id = ?");
    for (const Rule &old : parent.rules) {
        if (seen.contains(old.id))
            continue;
        retire.bind(1, v.number).bind(2, successor).bind(3, old.id);
        retire.run();
    }
    return v.number;
}

} // namespace reverie::store
