#include "core/store/ProposalStore.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

#include <QDateTime>

#include <unordered_map>

namespace reverie::store {

using Json = nlohmann::json;

namespace {

QByteArray toBytes(const Json &j)
{
    const std::string s = j.dump();
    return QByteArray(s.data(), qsizetype(s.size()));
}

Json parseOr(const QByteArray &text, Json fallback)
{
    Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    return j.is_discarded() ? fallback : j;
}

QByteArray stringListJson(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(s.toStdString());
    return toBytes(a);
}

QStringList stringListFrom(const QByteArray &text)
{
    QStringList out;
    for (const Json &v : parseOr(text, Json::array())) {
        if (v.is_string())
            out << QString::fromStdString(v.get<std::string>());
    }
    return out;
}

QByteArray replayJson(const ReplayRecord &r)
{
    return toBytes(Json{{"broke", r.broke},
                        {"broke_failed", r.brokeFailed},
                        {"kept", r.kept},
                        {"kept_succeeded", r.keptSucceeded},
                        {"successes_break_it", r.successesBreakIt}});
}

ReplayRecord replayFrom(const QByteArray &text)
{
    const Json j = parseOr(text, Json::object());
    ReplayRecord r;
    if (!j.is_object())
        return r;
    r.broke = j.value("broke", 0);
    r.brokeFailed = j.value("broke_failed", 0);
    r.kept = j.value("kept", 0);
    r.keptSucceeded = j.value("kept_succeeded", 0);
    r.successesBreakIt = j.value("successes_break_it", false);
    return r;
}


HoldOutRecord holdOutFrom(const QByteArray &text)
{
    HoldOutRecord h;
    const Json j = parseOr(text, Json::object());
    if (!j.is_object())
        return h;
    h.result = holdOutResultFromName(QString::fromStdString(j.value("result", std::string())))
                   .value_or(HoldOutRecord::Result::None);
    h.share = j.value("share", 0.0);
    h.heldOut = j.value("held_out", 0);
    h.applicable = j.value("applicable", 0);
    h.agreed = j.value("agreed", 0);
    h.broke = j.value("broke", 0);
    h.brokeFailed = j.value("broke_failed", 0);
    h.kept = j.value("kept", 0);
    h.keptSucceeded = j.value("kept_succeeded", 0);
    return h;
}

QByteArray conflictsJson(const std::vector<Conflict> &conflicts)
{
    Json a = Json::array();
    for (const Conflict &c : conflicts)
        a.push_back(Json{{"kind", c.kind.toStdString()}, {"rule", c.ruleId.toStdString()},
                         {"detail", c.detail.toStdString()}});
    return toBytes(a);
}

std::vector<Conflict> conflictsFrom(const QByteArray &text)
{
    std::vector<Conflict> out;
    for (const Json &c : parseOr(text, Json::array())) {
        if (!c.is_object())
            continue;
        out.push_back({QString::fromStdString(c.value("kind", std::string())),
                       QString::fromStdString(c.value("rule", std::string())),
                       QString::fromStdString(c.value("detail", std::string()))});
    }
    return out;
}

constexpr const char *kColumns = "id, dream_run_id, op, target_rules, text, rationale, scope, stakes, confidence, "
                                 "support, base_version, status, author, kind, replay, conflicts, created_at, "
                                 "target_ref, payload";
// Schema 8 added the hold-out record; a workspace opened at an older version reads none.
QString selectColumns(Workspace &ws)
{
    return QLatin1String(kColumns) + (ws.schemaVersion() >= 8 ? QLatin1String(", holdout") : QLatin1String(", ''"));
}

Proposal readProposal(const sql::Statement &st)
{
    Proposal p;
    p.id = st.int64(0);
    p.dreamRunId = st.isNull(1) ? 0 : st.int64(1);
    p.op = proposalOpFromName(st.text(2)).value_or(ProposalOp::Add);
    p.targetRules = stringListFrom(st.bytes(3));
    p.text = st.text(4);
    p.rationale = st.text(5);
    p.scope = hashchain::scopeFromJson(st.bytes(6));
    p.stakes = st.int64(7) ? Stakes::High : Stakes::Low;
    p.confidence = st.real(8);
    p.support = int(st.int64(9));
    p.baseVersion = int(st.int64(10));
    p.status = proposalStatusFromName(st.text(11)).value_or(ProposalStatus::Pending);
    p.author = st.text(12);
    p.kind = st.text(13);
    p.replay = replayFrom(st.bytes(14));
    p.conflicts = conflictsFrom(st.bytes(15));
    p.createdMs = st.int64(16);
    p.targetRef = st.int64(17);
    p.payload = st.bytes(18);
    p.holdOut = holdOutFrom(st.bytes(19));
    return p;
}

// One evidence row whose columns start at `first`: trajectory id, external id, step id, step
// seq, note, and with `cited` (schema 7) run_changed, cited_seq, cited_text.
Evidence evidenceAt(const sql::Statement &st, int first, bool cited)
{
    Evidence e;
    e.trajectoryId = st.int64(first);
    e.trajectoryExternalId = st.text(first + 1);
    e.stepId = st.isNull(first + 2) ? 0 : st.int64(first + 2);
    e.stepSeq = st.isNull(first + 3) ? -1 : int(st.int64(first + 3));
    e.note = st.text(first + 4);
    if (cited && st.int64(first + 5) != 0 && !st.isNull(first + 6)) {
        e.changed = true;
        e.stepSeq = int(st.int64(first + 6));
        e.citedText = st.text(first + 7);
    }
    return e;
}

} // namespace

QByteArray holdOutJson(const HoldOutRecord &h)
{
    if (h.result == HoldOutRecord::Result::None)
        return QByteArray("");
    return toBytes(Json{{"result", holdOutResultName(h.result).toStdString()},
                        {"share", h.share},
                        {"held_out", h.heldOut},
                        {"applicable", h.applicable},
                        {"agreed", h.agreed},
                        {"broke", h.broke},
                        {"broke_failed", h.brokeFailed},
                        {"kept", h.kept},
                        {"kept_succeeded", h.keptSucceeded}});
}

qint64 ProposalStore::insert(Proposal &p)
{
    if (p.evidence.empty() && p.dreamRunId != 0)
        throw reverie::Error(QStringLiteral("a dream proposal needs evidence: \"%1\"").arg(p.text.left(80)));
    if (p.createdMs == 0)
        p.createdMs = QDateTime::currentMSecsSinceEpoch();
    sql::Database &db = m_ws.db();
    const bool holdOut = m_ws.schemaVersion() >= 8;
    sql::Statement st(db, holdOut ? "INSERT INTO proposals (dream_run_id, op, target_rules, text, rationale, scope, stakes, "
                                    "confidence, support, base_version, status, author, kind, replay, conflicts, created_at, "
                                    "target_ref, payload, holdout) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
                                  : "INSERT INTO proposals (dream_run_id, op, target_rules, text, rationale, scope, stakes, "
                                    "confidence, support, base_version, status, author, kind, replay, conflicts, created_at, "
                                    "target_ref, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (p.dreamRunId)
        st.bind(1, p.dreamRunId);
    else
        st.bindNull(1);
    st.bind(2, proposalOpName(p.op)).bindText(3, stringListJson(p.targetRules));
    st.bind(4, p.text.isNull() ? QString(QLatin1String("")) : p.text);   // a removal has no text
    st.bind(5, p.rationale).bindText(6, hashchain::scopeToJson(p.scope)).bind(7, int(p.stakes));
    st.bind(8, p.confidence).bind(9, p.support).bind(10, p.baseVersion).bind(11, proposalStatusName(p.status));
    st.bind(12, p.author).bind(13, p.kind).bindText(14, replayJson(p.replay)).bindText(15, conflictsJson(p.conflicts));
    st.bind(16, p.createdMs).bind(17, p.targetRef).bindText(18, p.payload.isEmpty() ? QByteArray() : p.payload);
    if (holdOut)
        st.bindText(19, holdOutJson(p.holdOut));
    p.id = st.step() ? st.int64(0) : 0;
    st.reset();

    sql::Statement ev(db, "INSERT INTO evidence (proposal_id, trajectory_id, step_id, note) VALUES (?, ?, ?, ?)");
    for (const Evidence &e : p.evidence) {
        ev.bind(1, p.id).bind(2, e.trajectoryId);
        if (e.stepId)
            ev.bind(3, e.stepId);
        else
            ev.bindNull(3);
        ev.bind(4, e.note);
        ev.run();
    }
    return p.id;
}

void ProposalStore::loadEvidence(Proposal &p)
{
    // Schema 7: evidence whose step a re-import removed keeps what it cited.
    const bool cited = m_ws.schemaVersion() >= 7;
    sql::Statement st(m_ws.db(), cited ? "SELECT e.trajectory_id, t.external_id, e.step_id, s.seq, e.note, e.run_changed, "
                                         "e.cited_seq, e.cited_text FROM evidence e "
                                         "JOIN trajectories t ON t.id = e.trajectory_id LEFT JOIN steps s ON s.id = e.step_id "
                                         "WHERE e.proposal_id = ? ORDER BY e.rowid"
                                       : "SELECT e.trajectory_id, t.external_id, e.step_id, s.seq, e.note FROM evidence e "
                                         "JOIN trajectories t ON t.id = e.trajectory_id LEFT JOIN steps s ON s.id = e.step_id "
                                         "WHERE e.proposal_id = ? ORDER BY e.rowid");
    st.bind(1, p.id);
    while (st.step()) {
        p.evidence.push_back(evidenceAt(st, 0, cited));
    }
}

std::optional<Proposal> ProposalStore::get(qint64 id)
{
    const QString sqlText = QStringLiteral("SELECT %1 FROM proposals WHERE id = ?").arg(selectColumns(m_ws));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    Proposal p = readProposal(st);
    loadEvidence(p);
    return p;
}

std::vector<Proposal> ProposalStore::list(std::optional<ProposalStatus> status, qint64 dreamRunId)
{
    QString sqlText = QStringLiteral("SELECT %1 FROM proposals WHERE (?1 IS NULL OR status = ?1) "
                                     "AND (?2 = 0 OR dream_run_id = ?2) ORDER BY id DESC")
                          .arg(selectColumns(m_ws));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    if (status)
        st.bind(1, proposalStatusName(*status));
    else
        st.bindNull(1);
    st.bind(2, dreamRunId);
    std::vector<Proposal> out;
    while (st.step())
        out.push_back(readProposal(st));
    loadEvidence(out, status, dreamRunId);
    return out;
}

void ProposalStore::loadEvidence(std::vector<Proposal> &listed, std::optional<ProposalStatus> status, qint64 dreamRunId)
{
    // One query for the evidence of every listed proposal, not one per proposal: the review
    // queue lists hundreds.
    if (listed.empty())
        return;
    std::unordered_map<qint64, Proposal *> byId;
    for (Proposal &p : listed)
        byId.emplace(p.id, &p);
    const bool cited = m_ws.schemaVersion() >= 7;
    const QString sqlText = QStringLiteral(
        "SELECT e.proposal_id, e.trajectory_id, t.external_id, e.step_id, s.seq, e.note%1 FROM evidence e "
        "JOIN trajectories t ON t.id = e.trajectory_id LEFT JOIN steps s ON s.id = e.step_id "
        "WHERE e.proposal_id IN (SELECT id FROM proposals WHERE (?1 IS NULL OR status = ?1) "
        "AND (?2 = 0 OR dream_run_id = ?2)) ORDER BY e.proposal_id, e.rowid")
                                .arg(cited ? QStringLiteral(", e.run_changed, e.cited_seq, e.cited_text") : QString());
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    if (status)
        st.bind(1, proposalStatusName(*status));
    else
        st.bindNull(1);
    st.bind(2, dreamRunId);
    while (st.step()) {
        const auto owner = byId.find(st.int64(0));
        if (owner == byId.end())
            continue;   // a proposal stored between the two queries
        owner->second->evidence.push_back(evidenceAt(st, 1, cited));
    }
}

void ProposalStore::setStatus(qint64 id, ProposalStatus status)
{
    sql::Statement st(m_ws.db(), "UPDATE proposals SET status = ? WHERE id = ?");
    st.bind(1, proposalStatusName(status)).bind(2, id);
    st.run();
}

void ProposalStore::setStakes(qint64 id, Stakes stakes)
{
    sql::Statement st(m_ws.db(), "UPDATE proposals SET stakes = ? WHERE id = ?");
    st.bind(1, int(stakes)).bind(2, id);
    st.run();
}

void ProposalStore::setConflicts(qint64 id, const std::vector<Conflict> &conflicts)
{
    sql::Statement st(m_ws.db(), "UPDATE proposals SET conflicts = ? WHERE id = ?");
    st.bindText(1, conflictsJson(conflicts)).bind(2, id);
    st.run();
}

} // namespace reverie::store
