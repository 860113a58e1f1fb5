#pragma once

#include "core/model/StepRow.h"
#include "core/model/Trajectory.h"
#include "core/store/DeferredIndexes.h"
#include "core/store/Sqlite.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <array>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

namespace reverie::store {

class Workspace;

// Step row ids carry their run: id = (trajectory row id << 24) | seq. A search can then name
// the runs its hits belong to straight from the full-text index, without a lookup per hit,
// and a run's steps sit together in the table.
inline constexpr int kStepSeqBits = 24;
inline constexpr int kStepsPerTrajectory = 1 << kStepSeqBits;
inline constexpr qint64 stepIdFor(qint64 trajectoryRowId, int seq)
{
    return (trajectoryRowId << kStepSeqBits) | seq;
}

// Thrown when a file read from where its last import ended meets a run that another file
// stored: its new steps cannot be placed without the whole file, which is then read again.
class FullReadNeeded : public reverie::Error {
public:
    explicit FullReadNeeded(const QString &why) : reverie::Error(why) {}
};

// Writes one imported file into the workspace inside a single transaction: either the
// whole file lands (commit) or, if the writer is destroyed first, none of it does.
//
// A run is stored once: its identity is its format plus its external id (schema 7). A run
// that is already stored is compared step by step with what the file holds: a stored run
// that the file continues gets the new steps, one whose earlier steps changed has them
// replaced from the first difference on (evidence citing a removed step keeps what it cited),
// and one the file holds no more of than is stored adds nothing.
class TrajectoryWriter {
public:
    struct SourceInfo {
        QString path;
        QString format;
        // sha256 hex of the file's bytes, or for a file read from an offset
        // "xxh3-128:<hex>:<size>"; empty: given later
        QString contentHash;
        qint64 sizeBytes = 0;
        qint64 reuseSourceId = 0;   // the same file imported before: its row is brought forward
        // Only the bytes the file gained since that import are read: the steps given for a
        // stored run come after its stored steps.
        bool continues = false;
    };
    // What became of the runs the file held.
    struct Outcome {
        int added = 0;          // new runs
        int extended = 0;       // stored runs that got new steps
        int replaced = 0;       // stored runs whose earlier steps changed
        int alreadyStored = 0;  // runs another file stored already, with nothing new here
        QString storedFrom;     // that file (the first one, when several)
        qint64 stepsRemoved = 0;
    };
    // Begins the transaction. If a source with the same content hash exists, isDuplicate()
    // is true and nothing may be written. Without a hash, the source is written with a
    // placeholder that setContentHash() replaces before commit.
    //
    // With `exclusiveWhenAlone`, and only while no other connection has the workspace open,
    // the transaction runs in rollback-journal mode instead of WAL: new pages are written to
    // the file once, where WAL writes them to the log and copies them again at the
    // checkpoint. A large import commits in half the time; as with any rollback journal,
    // a connection opened meanwhile waits for the commit. WAL is restored at the end.
    TrajectoryWriter(Workspace &ws, const SourceInfo &source, bool exclusiveWhenAlone = false);

    // Whether a file of this size was imported before; only then can it be a duplicate, so
    // only then must its hash be known before the import starts.
    static bool sizeSeenBefore(Workspace &ws, qint64 sizeBytes);
    // Gives the hash of a source begun without one. Returns false (and isDuplicate() turns
    // true) when that content was imported before: the caller then drops this writer.
    bool setContentHash(const QString &contentHash, qint64 sizeBytes);
    ~TrajectoryWriter();
    TrajectoryWriter(const TrajectoryWriter &) = delete;
    TrajectoryWriter &operator=(const TrajectoryWriter &) = delete;

    bool isDuplicate() const { return m_existingSource != 0; }
    qint64 existingSourceId() const { return m_existingSource; }

    qint64 begin(const TrajectoryInfo &info);
    void addStep(qint64 handle, const Step &step);
    // The same for a step already in UTF-8; the row's bytes need only live until it returns.
    void addRow(qint64 handle, const StepRow &row)
    {
        const StepRow *one = &row;
        addRows(&handle, &one, 1);
    }
    // Several steps in order, each of the run with the matching handle; the rows' bytes need
    // only live until it returns. Up to kRowsPerInsert of them go into one INSERT into the
    // steps table, which saves most of SQLite's per-statement work on a large import. (The
    // full-text index takes one row per statement: FTS5 is slower with several.)
    static constexpr int kRowsPerInsert = 32;
    void addRows(const qint64 *handles, const StepRow *const *rows, int count);
    // A run's text columns in UTF-8, in the order its row binds them. A caller on another
    // thread (PipelinedSink) makes them there, off the writer's thread, which limits an import.
    enum RunTextColumn { TextExternalId, TextWorkflow, TextTask, TextAgent, TextModel, TextOutcome, TextVerdictNotes,
                         TextReviewer, TextPlaybookSource, TextCwd, kRunTextColumns };
    using RunText = std::array<QByteArray, kRunTextColumns>;
    static RunText runText(const TrajectoryInfo &info);
    void finish(qint64 handle, const TrajectoryInfo &info) { finish(handle, TrajectoryInfo(info)); }
    void finish(qint64 handle, TrajectoryInfo &&info) { finish(handle, std::move(info), runText(info)); }
    void finish(qint64 handle, TrajectoryInfo &&info, RunText &&text);

    // How much of the file was read and the XXH3-128 of those bytes, for its next import.
    void setImported(qint64 bytes, qint64 lines, const QString &prefixHash);
    // Writes the per-source counts and commits. Returns the new source id.
    qint64 commit();

    int trajectoryCount() const { return int(m_runs.size() + m_newRuns.size()); }   // runs the file held
    qint64 stepCount() const { return m_stepTotal; }             // steps written
    const Outcome &outcome() const { return m_outcome; }

    // The latest import of the file at `path` as `format`; id 0 when there is none.
    struct PreviousImport {
        qint64 id = 0;
        qint64 importedBytes = -1;   // -1: imported before schema 7
        qint64 importedLines = 0;
        QString prefixHash;
    };
    static PreviousImport previousImport(Workspace &ws, const QString &path, const QString &format);

private:
    struct Run {
        qint64 rowId = 0;
        int nextSeq = 0;
        int errors = 0;
        QString externalId;
        // A run stored before this import:
        bool existing = false;
        bool comparing = false;   // the file's steps are compared with the stored ones
        bool touched = false;     // steps written or removed
        bool changed = false;     // stored steps removed
        bool unwritten = false;   // a new run whose row finish() writes
        int storedCount = 0;
        qint64 sourceId = 0;      // the source it was stored from
        std::shared_ptr<QHash<QByteArray, QByteArray>> storedTools;   // call id -> tool, on need
    };

    // Connection settings for the time of one import; restored when it ends, however it ends.
    class ImportSettings;

    Workspace &m_ws;
    std::unique_ptr<ImportSettings> m_settings;   // outlives m_tx: restored after the rollback
    std::unique_ptr<sql::Transaction> m_tx;
    qint64 m_sourceId = 0;
    qint64 m_existingSource = 0;
    bool m_hashPending = false;
    bool m_attributionColumns = false;   // playbook_source and cwd (schema 6)
    bool m_identity = false;             // trajectories.format and the rest of schema 7
    bool m_mayExist = false;             // runs of this format are stored: look each one up
    bool m_continues = false;
    bool m_anyExisting = false;          // a stored run takes part: rows take the slow path
    QString m_format;
    Outcome m_outcome;
    QHash<qint64, QString> m_sourcePaths;   // other sources met, for Outcome::storedFrom
    QList<qint64> m_movedFrom;              // sources whose runs now belong to this one
    // A file of short runs begins a run every few steps: new runs are found by their row id's
    // place in a deque (which never moves them), stored runs in a hash.
    QHash<qint64, Run> m_runs;              // stored runs
    std::deque<Run> m_newRuns;              // row ids m_firstNewRowId, m_firstNewRowId + 1, ...
    qint64 m_firstNewRowId = 1;
    Run &runOf(qint64 handle)
    {
        return handle >= m_firstNewRowId ? m_newRuns[std::size_t(handle - m_firstNewRowId)] : m_runs[handle];
    }
    // Finished new runs wait here for one INSERT of kRunsPerInsert rows: at the end of a file
    // of short runs, tens of thousands finish at once.
    static constexpr int kRunsPerInsert = 16;
    struct FinishedRun {
        Run *run = nullptr;
        TrajectoryInfo info;
        RunText text;
    };
    std::vector<FinishedRun> m_finished;
    void writeFinished();
    int bindRun(sql::Statement &st, int at, const Run &run, const FinishedRun &finished);
    QByteArray m_formatUtf8;
    // The file's runs so far, by the hash of their id: a set of strings cost a cache miss and
    // a string comparison per entry of a bucket's chain at every begin(), on the thread that
    // limits an import. Only a matching hash compares the ids themselves (holdsRun()).
    QSet<std::size_t> m_externalIdHashes;
    bool holdsRun(const QString &externalId) const;
    qint64 m_stepTotal = 0;
    sql::Statement m_insertTrajectory;    // one row
    sql::Statement m_insertTrajectories;  // kRunsPerInsert rows
    sql::Statement &insertSteps(int rows);   // prepared once per row count
    void addChunk(const qint64 *handles, const StepRow *const *rows, int count);
    // Runs stored before this import (TrajectoryWriterMerge.cpp).
    qint64 beginExisting(const TrajectoryInfo &info);   // 0: not stored
    void addToExisting(Run &run, const StepRow &row);
    bool sameAsStored(Run &run, const StepRow &row);
    void removeSteps(Run &run, int fromSeq);
    QByteArray storedTool(Run &run, std::string_view callId);
    void finishExisting(Run &run, const TrajectoryInfo &info);
    QByteArray mergedExtra(const Run &run, const QByteArray &incoming);
    void updateSourceCounts();
    sql::Statement m_findRun, m_storedStep, m_updateExisting;
    // The first import into a workspace builds the run table's indexes once, at the end.
    DeferredIndexes m_deferredIndexes;

    // On a server: steps stream to one COPY as they come (TrajectoryWriterCopy.cpp), sent a
    // megabyte at a time so the server stores them while the file is still being read; the
    // copy ends before any other statement runs on the connection, and at commit.
    bool m_server = false;
    bool m_copyOpen = false;
    QByteArray m_copyBuffer;
    void copyStep(qint64 stepId, const Run &run, int seq, const StepRow &row);
    void sendCopy();    // sends what is buffered, starting the copy when none is under way
    void flushCopy();   // sends the rest and ends the copy under way, if any
    void abandonCopy() noexcept;

    std::array<sql::Statement, kRowsPerInsert> m_insertSteps;
    sql::Statement m_insertFts;
};

} // namespace reverie::store
