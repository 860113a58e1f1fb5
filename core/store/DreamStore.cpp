#include "core/store/DreamStore.h"

#include "core/store/Workspace.h"

namespace reverie::store {

namespace {

DreamStatus statusFrom(const QString &name)
{
    for (DreamStatus s : {DreamStatus::Running, DreamStatus::Succeeded, DreamStatus::Failed, DreamStatus::Cancelled}) {
        if (dreamStatusName(s) == name)
            return s;
    }
    return DreamStatus::Failed;
}

QByteArray objectOrEmpty(const QByteArray &json) { return json.isEmpty() ? QByteArrayLiteral("{}") : json; }

constexpr const char *kSelect = "SELECT id, engine, parameters, selection, status, started_at, finished_at, error, "
                                "trajectory_count, proposal_count FROM dream_runs";

DreamRun readRun(const sql::Statement &st)
{
    DreamRun r;
    r.id = st.int64(0);
    r.engine = st.text(1);
    r.parameters = st.bytes(2);
    r.selection = st.bytes(3);
    r.status = statusFrom(st.text(4));
    r.startedMs = st.int64(5);
    r.finishedMs = st.isNull(6) ? 0 : st.int64(6);
    r.error = st.text(7);
    r.trajectoryCount = int(st.int64(8));
    r.proposalCount = int(st.int64(9));
    return r;
}

} // namespace

qint64 DreamStore::insert(DreamRun &run)
{
    sql::Database &db = m_ws.db();
    sql::Statement st(db, "INSERT INTO dream_runs (engine, parameters, selection, status, started_at, finished_at, "
                          "error, trajectory_count, proposal_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, run.engine).bindText(2, objectOrEmpty(run.parameters)).bindText(3, objectOrEmpty(run.selection));
    st.bind(4, dreamStatusName(run.status)).bind(5, run.startedMs);
    if (run.finishedMs > 0)
        st.bind(6, run.finishedMs);
    else
        st.bindNull(6);
    st.bind(7, run.error.isEmpty() ? QString() : run.error).bind(8, run.trajectoryCount).bind(9, run.proposalCount);
    st.run();
    run.id = db.lastInsertId();
    return run.id;
}

void DreamStore::finish(const DreamRun &run)
{
    sql::Statement st(m_ws.db(), "UPDATE dream_runs SET status = ?, finished_at = ?, error = ?, parameters = ?, "
                                 "trajectory_count = ?, proposal_count = ? WHERE id = ?");
    st.bind(1, dreamStatusName(run.status)).bind(2, run.finishedMs);
    st.bind(3, run.error.isEmpty() ? QString() : run.error).bindText(4, objectOrEmpty(run.parameters));
    st.bind(5, run.trajectoryCount).bind(6, run.proposalCount).bind(7, run.id);
    st.run();
}

void DreamStore::addInputs(qint64 runId, const std::vector<qint64> &trajectoryIds)
{
    sql::Statement st(m_ws.db(), "INSERT OR IGNORE INTO dream_inputs (dream_run_id, trajectory_id) VALUES (?, ?)");
    for (qint64 id : trajectoryIds) {
        st.bind(1, runId).bind(2, id);
        st.run();
    }
}

std::optional<DreamRun> DreamStore::get(qint64 id)
{
    const QByteArray sqlText = QByteArray(kSelect) + " WHERE id = ?";
    sql::Statement st(m_ws.db(), sqlText.constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readRun(st);
}

std::vector<DreamRun> DreamStore::list(int limit)
{
    const QByteArray sqlText = QByteArray(kSelect) + " ORDER BY id DESC LIMIT ?";
    sql::Statement st(m_ws.db(), sqlText.constData());
    st.bind(1, limit < 0 ? qint64(-1) : qint64(limit));
    std::vector<DreamRun> out;
    while (st.step())
        out.push_back(readRun(st));
    return out;
}

int DreamStore::inputCount(qint64 runId)
{
    sql::Statement st(m_ws.db(), "SELECT count(*) FROM dream_inputs WHERE dream_run_id = ?");
    st.bind(1, runId);
    return st.step() ? int(st.int64(0)) : 0;
}

} // namespace reverie::store
