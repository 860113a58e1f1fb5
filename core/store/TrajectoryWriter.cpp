#include "core/store/TrajectoryWriter.h"

#include "core/store/TrajectoryWriterBind.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDateTime>

#include <atomic>

namespace reverie::store {

using detail::bindTime;

namespace {
// Runs a journal_mode pragma; true when the mode is then `want`. Leaving WAL fails (busy)
// while another connection has the file open, which is what the caller relies on.
bool setJournalMode(sql::Database &db, const char *pragma, QLatin1String want)
{
    try {
        sql::Statement st(db, pragma);
        return st.step() && st.text(0) == want;
    } catch (const sql::Error &) {
        return false;
    }
}
} // namespace

class TrajectoryWriter::ImportSettings {
public:
    ImportSettings(sql::Database &db, bool exclusiveWhenAlone) : m_db(db)
    {
        // A large file touches many pages of the steps table and the full-text index; with
        // the default 2 MiB cache they are written out and read back again and again.
        db.exec("PRAGMA cache_size = -65536");
        // Every step refers to a run this writer has just inserted, in this transaction;
        // checking that again cost a lookup per step. The pragma must come before BEGIN.
        db.exec("PRAGMA foreign_keys = OFF");
        if (exclusiveWhenAlone && !db.isServer()) {   // a server has no journal to switch
            sql::Statement timeout(db, "PRAGMA busy_timeout");
            const qint64 busyMs = timeout.step() ? timeout.int64(0) : 0;
            timeout = sql::Statement();
            db.exec("PRAGMA busy_timeout = 0");   // another connection: stay in WAL, at once
            m_rollbackJournal = setJournalMode(db, "PRAGMA journal_mode = DELETE", QLatin1String("delete"));
            db.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(busyMs));
        }
    }
    ~ImportSettings()
    {
        // If WAL cannot come back now (a connection opened meanwhile), the next open of the
        // workspace turns it on again (Workspace::configure).
        if (m_rollbackJournal)
            setJournalMode(m_db, "PRAGMA journal_mode = WAL", QLatin1String("wal"));
        try {
            m_db.exec("PRAGMA foreign_keys = ON");
            m_db.exec("PRAGMA cache_size = -2000");   // SQLite's default again
        } catch (const sql::Error &) {
            // Only connection settings are at stake; the data is committed or rolled back.
        }
    }
    ImportSettings(const ImportSettings &) = delete;
    ImportSettings &operator=(const ImportSettings &) = delete;

private:
    sql::Database &m_db;
    bool m_rollbackJournal = false;
};

TrajectoryWriter::TrajectoryWriter(Workspace &ws, const SourceInfo &source, bool exclusiveWhenAlone)
    : m_ws(ws), m_settings(std::make_unique<ImportSettings>(ws.db(), exclusiveWhenAlone))
{
    sql::Database &db = ws.db();
    m_tx = std::make_unique<sql::Transaction>(db);
    if (!source.contentHash.isEmpty()) {
        sql::Statement find(db, "SELECT id FROM sources WHERE content_hash = ?");
        find.bind(1, source.contentHash);
        if (find.step()) {
            m_existingSource = find.int64(0);
            return;
        }
    }
    m_identity = ws.schemaVersion() >= 7;
    m_server = db.isServer();
    m_format = source.format;
    m_formatUtf8 = m_format.toUtf8();
    m_continues = m_identity && source.continues && source.reuseSourceId != 0;
    if (m_identity) {
        // Sources are few; a format no file brought before has no run to look up.
        sql::Statement known(db, "SELECT 1 FROM sources WHERE format = ? AND id != ? LIMIT 1");
        known.bind(1, source.format).bind(2, source.reuseSourceId);
        m_mayExist = known.step() || source.reuseSourceId != 0;
    }
    // The placeholder is unique and never committed: setContentHash() replaces it.
    static std::atomic<qint64> placeholders{0};
    const QString hash = !source.contentHash.isEmpty()
        ? source.contentHash
        : QStringLiteral("pending:%1:%2").arg(QCoreApplication::applicationPid()).arg(++placeholders);
    if (m_identity && source.reuseSourceId != 0) {
        // The same file again: its row follows the file, so its runs keep their source.
        sql::Statement update(db, "UPDATE sources SET content_hash = ?, size_bytes = ?, imported_at = ? WHERE id = ?");
        update.bind(1, hash).bind(2, source.sizeBytes).bind(3, QDateTime::currentMSecsSinceEpoch());
        update.bind(4, source.reuseSourceId);
        update.run();
        m_sourceId = source.reuseSourceId;
    } else {
        sql::Statement insertSource(db, "INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                                        "VALUES (?, ?, ?, ?, ?) RETURNING id");
        insertSource.bind(1, source.path)
            .bind(2, source.format)
            .bind(3, hash)
            .bind(4, source.sizeBytes)
            .bind(5, QDateTime::currentMSecsSinceEpoch());
        m_sourceId = insertSource.step() ? insertSource.int64(0) : 0;
        insertSource.reset();
    }
    m_hashPending = source.contentHash.isEmpty();
    // No run can be stored already, so nothing looks one up by the indexes until commit().
    if (!m_mayExist && !m_continues && !db.isServer())
        m_deferredIndexes = DeferredIndexes::dropIfEmpty(db, "trajectories");

    // On a server the search column is generated from the step itself.
    if (!db.isServer())
        m_insertFts = sql::Statement(db, "INSERT INTO steps_fts (rowid, text, tool) VALUES (?, ?, ?)");
    // Workspaces are migrated when opened; only tests hold one back before schema 6.
    m_attributionColumns = ws.schemaVersion() >= 6;
    // A new run's row is written once, whole, when it finishes; its id is given here at
    // begin(), since its steps carry it. An INSERT at begin() and an UPDATE at finish() wrote
    // the row and its seven index entries twice: the cost that counted on files of short runs.
    // This transaction holds the write lock (the source row above), so no one else takes ids.
    sql::Statement maxId(db, "SELECT coalesce(max(id), 0) FROM trajectories");
    m_firstNewRowId = maxId.step() ? maxId.int64(0) + 1 : 1;
    QByteArray columns = "id, source_id, external_id, workflow, task, agent, model, playbook_version, started_at, "
                         "ended_at, outcome, verdict, verdict_notes, reviewer, step_count, error_count, extra";
    int count = 17;
    if (m_attributionColumns) {
        columns += ", playbook_source, cwd";
        count += 2;
    }
    if (m_identity) {
        columns += ", format";
        ++count;
    }
    QByteArray row = "(?";
    for (int i = 1; i < count; ++i)
        row += ", ?";
    row += ')';
    // "OR FAIL", as for the steps: a failure ends the import, so no statement journal is kept.
    const QByteArray head = "INSERT OR FAIL INTO trajectories (" + columns + ") VALUES ";
    m_insertTrajectory = sql::Statement(db, QByteArray(head + row).constData());
    QByteArray rows = head + row;
    for (int i = 1; i < kRunsPerInsert; ++i)
        rows += ", " + row;
    m_insertTrajectories = sql::Statement(db, rows.constData());
    m_finished.reserve(kRunsPerInsert);
}

TrajectoryWriter::~TrajectoryWriter()
{
    if (m_server)
        abandonCopy();   // a copy cut short: the connection must take the rollback
    m_insertTrajectory = sql::Statement();
    m_insertTrajectories = sql::Statement();
    m_insertSteps = {};
    m_insertFts = sql::Statement();
    m_findRun = sql::Statement();
    m_storedStep = sql::Statement();
    m_updateExisting = sql::Statement();
    m_tx.reset();   // an uncommitted transaction rolls back
    m_settings.reset();
}

bool TrajectoryWriter::sizeSeenBefore(Workspace &ws, qint64 sizeBytes)
{
    sql::Statement st(ws.db(), "SELECT 1 FROM sources WHERE size_bytes = ? LIMIT 1");
    st.bind(1, sizeBytes);
    return st.step();
}

bool TrajectoryWriter::setContentHash(const QString &contentHash, qint64 sizeBytes)
{
    Q_ASSERT(!isDuplicate());
    {
        sql::Statement find(m_ws.db(), "SELECT id FROM sources WHERE content_hash = ? AND id != ?");
        find.bind(1, contentHash).bind(2, m_sourceId);
        if (find.step()) {
            m_existingSource = find.int64(0);
            return false;
        }
    }
    sql::Statement st(m_ws.db(), "UPDATE sources SET content_hash = ?, size_bytes = ? WHERE id = ?");
    st.bind(1, contentHash).bind(2, sizeBytes).bind(3, m_sourceId);
    st.run();
    m_hashPending = false;
    return true;
}

qint64 TrajectoryWriter::begin(const TrajectoryInfo &info)
{
    Q_ASSERT(!isDuplicate());
    const std::size_t idHash = qHash(info.externalId, QHashSeed::globalSeed());   // seeded: no chosen collisions
    if (m_externalIdHashes.contains(idHash) && holdsRun(info.externalId))
        throw sql::Error(QStringLiteral("the file holds two runs with the id \"%1\"").arg(info.externalId));
    m_externalIdHashes.insert(idHash);
    if (m_mayExist) {
        if (const qint64 rowId = beginExisting(info)) {
            return rowId;
        }
    }
    ++m_outcome.added;
    const qint64 rowId = m_firstNewRowId + qint64(m_newRuns.size());
    Run run;
    run.rowId = rowId;
    run.externalId = info.externalId;
    run.unwritten = true;
    m_newRuns.push_back(std::move(run));
    return rowId;
}

bool TrajectoryWriter::holdsRun(const QString &externalId) const
{
    for (const Run &run : m_newRuns)
        if (run.externalId == externalId)
            return true;
    for (const Run &run : m_runs)
        if (run.externalId == externalId)
            return true;
    return false;
}

void TrajectoryWriter::addStep(qint64 handle, const Step &step)
{
    addRow(handle, Utf8Step(step).row());
}

namespace {
// "INSERT OR FAIL": a failed row ends the whole import, which rolls back, so SQLite need not
// keep a statement journal to undo the statement's earlier rows; with several rows per
// statement it would copy the table's last pages into that journal at every statement.
QByteArray valuesFor(const char *head, const char *oneRow, int rows)
{
    QByteArray sqlText(head);
    for (int i = 0; i < rows; ++i)
        sqlText += (i ? ", " : " VALUES ") + QByteArray(oneRow);
    return sqlText;
}
} // namespace

sql::Statement &TrajectoryWriter::insertSteps(int rows)
{
    sql::Statement &st = m_insertSteps[std::size_t(rows - 1)];
    if (!st.isValid()) {
        st = sql::Statement(m_ws.db(), valuesFor("INSERT OR FAIL INTO steps (id, trajectory_id, seq, ts, kind, tool, "
                                                 "call_id, role, text, is_error, duration_ms, raw)",
                                                 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                                           .constData());
    }
    return st;
}

void TrajectoryWriter::addRows(const qint64 *handles, const StepRow *const *rows, int count)
{
    if (m_server && m_anyExisting)
        flushCopy();   // a stored run's steps are read back below
    if (!m_anyExisting) {
        for (int done = 0; done < count; done += kRowsPerInsert)
            addChunk(handles + done, rows + done, qMin(kRowsPerInsert, count - done));
        return;
    }
    // Rows of new runs still go in groups; those of stored runs one by one.
    int start = 0;
    for (int i = 0; i <= count; ++i) {
        Run *run = i < count ? &runOf(handles[i]) : nullptr;
        if (run && !run->existing && i - start < kRowsPerInsert)
            continue;
        if (i > start)
            addChunk(handles + start, rows + start, i - start);
        start = i;
        if (run && run->existing) {
            addToExisting(*run, *rows[i]);
            start = i + 1;
        }
    }
}

void TrajectoryWriter::addChunk(const qint64 *handles, const StepRow *const *rows, int count)
{
    if (m_server) {
        for (int i = 0; i < count; ++i) {
            Run &run = runOf(handles[i]);
            if (run.nextSeq >= kStepsPerTrajectory)
                throw sql::Error(QStringLiteral("run \"%1\" has more than %2 steps").arg(run.externalId).arg(kStepsPerTrajectory));
            copyStep(stepIdFor(run.rowId, run.nextSeq), run, run.nextSeq, *rows[i]);
            ++run.nextSeq;
            if (rows[i]->isError)
                ++run.errors;
            ++m_stepTotal;
        }
        return;
    }
    constexpr int kStepColumns = 12;
    std::array<qint64, kRowsPerInsert> ids;
    std::array<const StepRow *, kRowsPerInsert> indexed;
    int indexedCount = 0;
    sql::Statement &st = insertSteps(count);
    // The rows outlive both statements' run(), which resets them: no copy of the text needed.
    for (int i = 0; i < count; ++i) {
        const StepRow &row = *rows[i];
        Run &run = runOf(handles[i]);
        if (run.nextSeq >= kStepsPerTrajectory)
            throw sql::Error(QStringLiteral("run \"%1\" has more than %2 steps").arg(run.externalId).arg(kStepsPerTrajectory));
        const qint64 stepId = stepIdFor(run.rowId, run.nextSeq);
        const int at = i * kStepColumns;
        st.bind(at + 1, stepId).bind(at + 2, run.rowId).bind(at + 3, run.nextSeq);
        bindTime(st, at + 4, row.timestampMs);
        st.bind(at + 5, int(row.kind))
            .bindTextNoCopy(at + 6, row.tool)
            .bindTextNoCopy(at + 7, row.callId)
            .bindTextNoCopy(at + 8, row.role)
            .bindTextNoCopy(at + 9, row.text)
            .bind(at + 10, row.isError ? 1 : 0);
        bindTime(st, at + 11, row.durationMs);
        st.bindTextNoCopy(at + 12, row.raw);
        if (!row.text.empty() || !row.tool.empty()) {
            ids[std::size_t(indexedCount)] = stepId;
            indexed[std::size_t(indexedCount++)] = &row;
        }
        ++run.nextSeq;
        if (row.isError)
            ++run.errors;
        ++m_stepTotal;
    }
    st.run();
    if (!m_insertFts.isValid())
        return;
    for (int i = 0; i < indexedCount; ++i) {
        m_insertFts.bind(1, ids[std::size_t(i)])
            .bindTextNoCopy(2, indexed[std::size_t(i)]->text)
            .bindTextNoCopy(3, indexed[std::size_t(i)]->tool);
        m_insertFts.run();
    }
}

qint64 TrajectoryWriter::commit()
{
    Q_ASSERT(!isDuplicate());
    if (m_hashPending)
        throw sql::Error(QStringLiteral("internal error: a source was about to be committed without its content hash"));
    // A run begun and never finished is stored as begun, as it was when begin() wrote it.
    for (Run &run : m_newRuns) {
        if (run.unwritten) {
            TrajectoryInfo bare;
            bare.externalId = run.externalId;
            finish(run.rowId, std::move(bare));
        }
    }
    writeFinished();
    if (m_server)
        flushCopy();
    updateSourceCounts();
    m_deferredIndexes.rebuild(m_ws.db());
    // Statements must be finalized before COMMIT can release their read locks cleanly.
    m_insertTrajectory = sql::Statement();
    m_insertTrajectories = sql::Statement();
    m_insertSteps = {};
    m_insertFts = sql::Statement();
    m_findRun = sql::Statement();
    m_storedStep = sql::Statement();
    m_updateExisting = sql::Statement();
    m_tx->commit();
    return m_sourceId;
}

} // namespace reverie::store
