// TrajectoryWriter for runs already stored: a run is stored once, whichever file brings it
// and however often (schema 7). New runs never come here; their rows take the fast path.

#include "core/store/TrajectoryWriter.h"

#include "core/store/Workspace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace reverie::store {

namespace {

QByteArray utf8(std::string_view v) { return QByteArray(v.data(), qsizetype(v.size())); }

// Stored text: NULL and empty are the same (the writer binds an empty value as NULL).
bool sameText(const sql::Statement &st, int col, std::string_view v)
{
    return st.bytes(col) == QByteArrayView(v.data(), qsizetype(v.size()));
}

// The stored `extra` brought forward by the one read from the lines a file gained: stored
// keys stay (they came first, as in a whole read), new keys join, and counts inside nested
// objects (Claude Code's record_types) add up.
QJsonObject mergeObjects(QJsonObject stored, const QJsonObject &incoming, bool nested)
{
    for (auto it = incoming.begin(); it != incoming.end(); ++it) {
        const QJsonValue old = stored.value(it.key());
        if (old.isObject() && it->isObject())
            stored.insert(it.key(), mergeObjects(old.toObject(), it->toObject(), true));
        else if (nested && old.isDouble() && it->isDouble())
            stored.insert(it.key(), old.toDouble() + it->toDouble());
        else if (old.isUndefined())
            stored.insert(it.key(), *it);
    }
    return stored;
}

} // namespace

TrajectoryWriter::PreviousImport TrajectoryWriter::previousImport(Workspace &ws, const QString &path,
                                                                  const QString &format)
{
    PreviousImport prev;
    if (ws.schemaVersion() < 7)
        return prev;
    sql::Statement st(ws.db(), "SELECT id, imported_bytes, imported_lines, prefix_hash FROM sources "
                               "WHERE path = ? AND format = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, path).bind(2, format);
    if (st.step()) {
        prev.id = st.int64(0);
        prev.importedBytes = st.isNull(1) ? -1 : st.int64(1);
        prev.importedLines = st.isNull(2) ? 0 : st.int64(2);
        prev.prefixHash = st.text(3);
    }
    return prev;
}

void TrajectoryWriter::setImported(qint64 bytes, qint64 lines, const QString &prefixHash)
{
    if (!m_identity)
        return;
    sql::Statement st(m_ws.db(), "UPDATE sources SET imported_bytes = ?, imported_lines = ?, prefix_hash = ? WHERE id = ?");
    st.bind(1, bytes).bind(2, lines).bind(3, prefixHash).bind(4, m_sourceId);
    st.run();
}

qint64 TrajectoryWriter::beginExisting(const TrajectoryInfo &info)
{
    if (m_server)
        flushCopy();   // what is read below sees every step written so far
    if (!m_findRun.isValid()) {
        // The latest one: workspaces from before schema 7 may hold a run twice.
        m_findRun = sql::Statement(m_ws.db(), "SELECT id, source_id, error_count FROM trajectories "
                                              "WHERE external_id = ? AND format = ? ORDER BY id DESC LIMIT 1");
    }
    m_findRun.bind(1, info.externalId).bind(2, m_format);
    if (!m_findRun.step()) {
        m_findRun.reset();
        return 0;
    }
    Run run;
    run.rowId = m_findRun.int64(0);
    run.sourceId = m_findRun.int64(1);
    const int storedErrors = int(m_findRun.int64(2));
    m_findRun.reset();
    if (m_continues && run.sourceId != m_sourceId)
        throw FullReadNeeded(QStringLiteral("run \"%1\" was stored from another file").arg(info.externalId));
    // The last step's id says how many there are: one seek, whatever step_count says.
    sql::Statement last(m_ws.db(), "SELECT max(id) FROM steps WHERE id >= ? AND id < ?");
    last.bind(1, stepIdFor(run.rowId, 0)).bind(2, stepIdFor(run.rowId + 1, 0));
    run.storedCount = last.step() && !last.isNull(0) ? int(last.int64(0) - stepIdFor(run.rowId, 0)) + 1 : 0;
    run.externalId = info.externalId;
    run.existing = true;
    run.comparing = !m_continues && run.storedCount > 0;
    if (m_continues) {
        run.nextSeq = run.storedCount;
        run.errors = storedErrors;
    }
    m_anyExisting = true;
    m_runs.insert(run.rowId, run);
    return run.rowId;
}

bool TrajectoryWriter::sameAsStored(Run &run, const StepRow &row)
{
    if (!m_storedStep.isValid())
        m_storedStep = sql::Statement(m_ws.db(), "SELECT kind, is_error, tool, text, raw FROM steps WHERE id = ?");
    sql::Statement &st = m_storedStep;
    st.bind(1, stepIdFor(run.rowId, run.nextSeq));
    bool same = st.step() && st.int64(0) == int(row.kind) && (st.int64(1) != 0) == row.isError && sameText(st, 2, row.tool)
                && sameText(st, 3, row.text) && sameText(st, 4, row.raw);
    if (same && row.isError)
        ++run.errors;
    st.reset();
    return same;
}

void TrajectoryWriter::addToExisting(Run &run, const StepRow &row)
{
    if (run.comparing) {
        if (run.nextSeq < run.storedCount) {
            if (sameAsStored(run, row)) {
                ++run.nextSeq;
                return;
            }
            removeSteps(run, run.nextSeq);
        }
        run.comparing = false;
    }
    run.touched = true;
    const qint64 handle = run.rowId;
    const StepRow *one = &row;
    // Lines read on their own may answer a call made before them: its tool is stored.
    StepRow filled;
    QByteArray tool;
    if (m_continues && row.kind == StepKind::Observation && row.tool.empty() && !row.callId.empty()) {
        tool = storedTool(run, row.callId);
        filled = row;
        filled.tool = std::string_view(tool.constData(), std::size_t(tool.size()));
        one = &filled;
    }
    addChunk(&handle, &one, 1);
}

QByteArray TrajectoryWriter::storedTool(Run &run, std::string_view callId)
{
    if (!run.storedTools) {
        run.storedTools = std::make_shared<QHash<QByteArray, QByteArray>>();
        sql::Statement st(m_ws.db(), "SELECT call_id, tool FROM steps WHERE id >= ? AND id < ? AND kind = ? "
                                     "AND call_id IS NOT NULL AND tool IS NOT NULL");
        st.bind(1, stepIdFor(run.rowId, 0)).bind(2, stepIdFor(run.rowId, run.storedCount)).bind(3, int(StepKind::ToolCall));
        while (st.step())
            run.storedTools->insert(st.bytes(0), st.bytes(1));
    }
    return run.storedTools->value(utf8(callId));
}

void TrajectoryWriter::removeSteps(Run &run, int fromSeq)
{
    sql::Database &db = m_ws.db();
    const qint64 from = stepIdFor(run.rowId, fromSeq);
    const qint64 to = stepIdFor(run.rowId + 1, 0);
    // Evidence keeps what it cited and says the run changed: never dangling, never re-pointed
    // at the step that takes the removed one's id.
    sql::Statement keep(db, "UPDATE evidence SET cited_text = (SELECT text FROM steps WHERE steps.id = evidence.step_id), "
                            "cited_seq = step_id - ?1, run_changed = 1, step_id = NULL "
                            "WHERE step_id >= ?2 AND step_id < ?3");
    keep.bind(1, stepIdFor(run.rowId, 0)).bind(2, from).bind(3, to);
    keep.run();
    // The full-text index has external content: a row leaves it with the values it was given.
    if (!db.isServer()) {   // a server's search column goes with its row
        sql::Statement unindex(db, "INSERT INTO steps_fts (steps_fts, rowid, text, tool) SELECT 'delete', id, text, tool "
                                   "FROM steps WHERE id >= ? AND id < ? AND (text IS NOT NULL OR tool IS NOT NULL)");
        unindex.bind(1, from).bind(2, to);
        unindex.run();
    }
    sql::Statement counts(db, "SELECT count(*), coalesce(sum(CASE WHEN is_error != 0 THEN 1 ELSE 0 END), 0) FROM steps "
                              "WHERE id >= ? AND id < ?");
    counts.bind(1, from).bind(2, to);
    const qint64 removed = counts.step() ? counts.int64(0) : 0;
    counts = sql::Statement();
    sql::Statement remove(db, "DELETE FROM steps WHERE id >= ? AND id < ?");
    remove.bind(1, from).bind(2, to);
    remove.run();
    if (run.sourceId == m_sourceId)
        m_outcome.stepsRemoved += removed;
    run.storedCount = fromSeq;
    run.storedTools.reset();
    run.changed = true;
    run.touched = true;
}

QByteArray TrajectoryWriter::mergedExtra(const Run &run, const QByteArray &incoming)
{
    if (incoming.isEmpty() || !m_continues)
        return incoming;
    sql::Statement st(m_ws.db(), "SELECT extra FROM trajectories WHERE id = ?");
    st.bind(1, run.rowId);
    const QByteArray stored = st.step() ? st.bytes(0) : QByteArray();
    const QJsonDocument a = QJsonDocument::fromJson(stored);
    const QJsonDocument b = QJsonDocument::fromJson(incoming);
    if (!a.isObject() || !b.isObject())
        return incoming;
    return QJsonDocument(mergeObjects(a.object(), b.object(), false)).toJson(QJsonDocument::Compact);
}

void TrajectoryWriter::finishExisting(Run &run, const TrajectoryInfo &info)
{
    // The file itself says the run is shorter now; another file that holds less of it does not.
    if (run.comparing && run.nextSeq < run.storedCount && run.sourceId == m_sourceId)
        removeSteps(run, run.nextSeq);
    if (!run.touched) {
        if (run.sourceId != m_sourceId) {
            ++m_outcome.alreadyStored;
            if (m_outcome.storedFrom.isEmpty()) {
                sql::Statement st(m_ws.db(), "SELECT path FROM sources WHERE id = ?");
                st.bind(1, run.sourceId);
                m_outcome.storedFrom = st.step() ? st.text(0) : QString();
            }
        }
        return;
    }
    ++(run.changed ? m_outcome.replaced : m_outcome.extended);
    if (run.sourceId != m_sourceId && !m_movedFrom.contains(run.sourceId))
        m_movedFrom.append(run.sourceId);
    if (!m_updateExisting.isValid()) {
        // Read whole, what the file says wins. Read from where the last import ended, what
        // describes the run's start (task, workflow, agent, model, folder) stays as stored and
        // what it says about the end (outcome, verdict, times) wins. What the file does not
        // say stays as stored. A replaced run read whole takes its times afresh.
        m_updateExisting = sql::Statement(
            m_ws.db(),
            "UPDATE trajectories SET source_id = ?1, "
            "workflow = CASE WHEN ?21 != 0 THEN coalesce(workflow, ?2) ELSE coalesce(?2, workflow) END, "
            "task = CASE WHEN ?21 != 0 THEN coalesce(task, ?3) ELSE coalesce(?3, task) END, "
            "agent = CASE WHEN ?21 != 0 THEN coalesce(agent, ?4) ELSE coalesce(?4, agent) END, "
            "model = CASE WHEN ?21 != 0 THEN coalesce(model, ?5) ELSE coalesce(?5, model) END, "
            "playbook_version = CASE WHEN ?6 IS NULL THEN playbook_version ELSE ?7 END, "
            "playbook_source = coalesce(?6, playbook_source), "
            "started_at = CASE WHEN ?8 IS NULL THEN started_at WHEN started_at IS NULL OR ?20 != 0 THEN ?8 "
            "WHEN started_at < ?8 THEN started_at ELSE ?8 END, "
            "ended_at = CASE WHEN ?9 IS NULL THEN ended_at WHEN ended_at IS NULL OR ?20 != 0 THEN ?9 "
            "WHEN ended_at > ?9 THEN ended_at ELSE ?9 END, "
            "outcome = coalesce(?10, outcome), verdict = CASE WHEN ?11 = 0 THEN verdict ELSE ?11 END, "
            "verdict_notes = coalesce(?12, verdict_notes), reviewer = coalesce(?13, reviewer), step_count = ?14, "
            "error_count = ?15, extra = coalesce(?16, extra), "
            "cwd = CASE WHEN ?21 != 0 THEN coalesce(cwd, ?17) ELSE coalesce(?17, cwd) END, format = ?18 WHERE id = ?19");
    }
    auto orNull = [](const QString &s) { return s.isEmpty() ? QString() : s; };
    sql::Statement &st = m_updateExisting;
    st.bind(1, m_sourceId).bind(2, orNull(info.workflow)).bind(3, orNull(info.task)).bind(4, orNull(info.agent));
    st.bind(5, orNull(info.model)).bind(6, orNull(info.playbookSource)).bind(7, info.playbookVersion);
    if (info.startedMs >= 0)
        st.bind(8, info.startedMs);
    else
        st.bindNull(8);
    if (info.endedMs >= 0)
        st.bind(9, info.endedMs);
    else
        st.bindNull(9);
    st.bind(10, orNull(info.outcome)).bind(11, int(info.verdict)).bind(12, orNull(info.verdictNotes));
    st.bind(13, orNull(info.reviewer)).bind(14, run.nextSeq).bind(15, run.errors);
    const QByteArray extra = mergedExtra(run, info.extra);
    st.bindText(16, extra.isEmpty() ? QByteArray() : extra);
    st.bind(17, orNull(info.cwd)).bind(18, m_format).bind(19, run.rowId).bind(20, run.changed && !m_continues ? 1 : 0);
    st.bind(21, m_continues ? 1 : 0);
    st.run();
}

void TrajectoryWriter::updateSourceCounts()
{
    sql::Database &db = m_ws.db();
    if (m_movedFrom.isEmpty()) {
        sql::Statement st(db, "UPDATE sources SET trajectory_count = trajectory_count + ?, "
                              "step_count = step_count + ? WHERE id = ?");
        st.bind(1, m_outcome.added).bind(2, m_stepTotal - m_outcome.stepsRemoved).bind(3, m_sourceId);
        st.run();
        return;
    }
    // Runs changed files (a renamed file that grew): count those sources again.
    QList<qint64> ids = m_movedFrom;
    ids.append(m_sourceId);
    sql::Statement st(db, "UPDATE sources SET trajectory_count = (SELECT count(*) FROM trajectories WHERE source_id = ?1), "
                          "step_count = (SELECT coalesce(sum(step_count), 0) FROM trajectories WHERE source_id = ?1) "
                          "WHERE id = ?1");
    for (const qint64 id : ids) {
        st.bind(1, id);
        st.run();
    }
}

} // namespace reverie::store
