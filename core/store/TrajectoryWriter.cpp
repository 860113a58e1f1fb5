#include "core/store/TrajectoryWriter.h"

#include "core/store/Workspace.h"

#include <QDateTime>

namespace reverie::store {

namespace {
void bindTime(sql::Statement &st, int i, qint64 ms)
{
    if (ms >= 0)
        st.bind(i, ms);
    else
        st.bindNull(i);
}
} // namespace

TrajectoryWriter::TrajectoryWriter(Workspace &ws, const SourceInfo &source) : m_ws(ws)
{
    sql::Database &db = ws.db();
    m_tx = std::make_unique<sql::Transaction>(db);
    {
        sql::Statement find(db, "SELECT id FROM sources WHERE content_hash = ?");
        find.bind(1, source.contentHash);
        if (find.step()) {
            m_existingSource = find.int64(0);
            return;
        }
    }
    sql::Statement insertSource(db, "INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                                    "VALUES (?, ?, ?, ?, ?)");
    insertSource.bind(1, source.path)
        .bind(2, source.format)
        .bind(3, source.contentHash)
        .bind(4, source.sizeBytes)
        .bind(5, QDateTime::currentMSecsSinceEpoch());
    insertSource.run();
    m_sourceId = db.lastInsertId();

    m_insertTrajectory = sql::Statement(db, "INSERT INTO trajectories (source_id, external_id) VALUES (?, ?)");
    m_updateTrajectory = sql::Statement(
        db, "UPDATE trajectories SET workflow = ?, task = ?, agent = ?, model = ?, playbook_version = ?, "
            "started_at = ?, ended_at = ?, outcome = ?, verdict = ?, verdict_notes = ?, reviewer = ?, "
            "step_count = ?, error_count = ?, extra = ? WHERE id = ?");
    m_insertStep = sql::Statement(db, "INSERT INTO steps (id, trajectory_id, seq, ts, kind, tool, call_id, role, text, "
                                      "is_error, duration_ms, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    m_insertFts = sql::Statement(db, "INSERT INTO steps_fts (rowid, text, tool) VALUES (?, ?, ?)");
}

TrajectoryWriter::~TrajectoryWriter() = default;   // an uncommitted transaction rolls back

qint64 TrajectoryWriter::begin(const TrajectoryInfo &info)
{
    Q_ASSERT(!isDuplicate());
    if (m_handleByExternalId.contains(info.externalId)) {
        throw sql::Error(QStringLiteral("the file holds two runs with the id \"%1\"").arg(info.externalId));
    }
    m_insertTrajectory.bind(1, m_sourceId).bind(2, info.externalId);
    m_insertTrajectory.run();
    const qint64 rowId = m_ws.db().lastInsertId();
    Run run;
    run.rowId = rowId;
    run.externalId = info.externalId;
    m_runs.insert(rowId, run);
    m_handleByExternalId.insert(info.externalId, rowId);
    return rowId;
}

void TrajectoryWriter::addStep(qint64 handle, const Step &step)
{
    Run &run = m_runs[handle];
    if (run.nextSeq >= kStepsPerTrajectory)
        throw sql::Error(QStringLiteral("run \"%1\" has more than %2 steps").arg(run.externalId).arg(kStepsPerTrajectory));
    const QByteArray text = step.text.toUtf8();
    const QByteArray tool = step.tool.toUtf8();
    const qint64 stepId = stepIdFor(run.rowId, run.nextSeq);
    m_insertStep.bind(1, stepId).bind(2, run.rowId).bind(3, run.nextSeq);
    bindTime(m_insertStep, 4, step.timestampMs);
    m_insertStep.bind(5, int(step.kind));
    m_insertStep.bindText(6, step.tool.isEmpty() ? QByteArray() : tool);
    m_insertStep.bind(7, step.callId.isEmpty() ? QString() : step.callId);
    m_insertStep.bind(8, step.role.isEmpty() ? QString() : step.role);
    m_insertStep.bindText(9, text);
    m_insertStep.bind(10, step.isError ? 1 : 0);
    bindTime(m_insertStep, 11, step.durationMs);
    m_insertStep.bindText(12, step.raw);
    m_insertStep.run();
    if (!text.isEmpty() || !tool.isEmpty()) {
        m_insertFts.bind(1, stepId).bindText(2, text).bindText(3, tool);
        m_insertFts.run();
    }
    ++run.nextSeq;
    if (step.isError)
        ++run.errors;
    ++m_stepTotal;
}

void TrajectoryWriter::finish(qint64 handle, const TrajectoryInfo &info)
{
    const Run &run = m_runs[handle];
    auto orNull = [](const QString &s) { return s.isEmpty() ? QString() : s; };
    sql::Statement &st = m_updateTrajectory;
    st.bind(1, orNull(info.workflow))
        .bind(2, orNull(info.task))
        .bind(3, orNull(info.agent))
        .bind(4, orNull(info.model))
        .bind(5, info.playbookVersion);
    bindTime(st, 6, info.startedMs);
    bindTime(st, 7, info.endedMs);
    st.bind(8, orNull(info.outcome))
        .bind(9, int(info.verdict))
        .bind(10, orNull(info.verdictNotes))
        .bind(11, orNull(info.reviewer))
        .bind(12, run.nextSeq)
        .bind(13, run.errors)
        .bindText(14, info.extra.isEmpty() ? QByteArray() : info.extra);
    st.bind(15, run.rowId);
    st.run();
}

qint64 TrajectoryWriter::commit()
{
    Q_ASSERT(!isDuplicate());
    sql::Statement counts(m_ws.db(), "UPDATE sources SET trajectory_count = ?, step_count = ? WHERE id = ?");
    counts.bind(1, int(m_runs.size())).bind(2, m_stepTotal).bind(3, m_sourceId);
    counts.run();
    // Statements must be finalized before COMMIT can release their read locks cleanly.
    m_insertTrajectory = sql::Statement();
    m_updateTrajectory = sql::Statement();
    m_insertStep = sql::Statement();
    m_insertFts = sql::Statement();
    m_tx->commit();
    return m_sourceId;
}

} // namespace reverie::store
