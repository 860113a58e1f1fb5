#pragma once

#include "core/model/Error.h"
#include "core/model/StepRow.h"
#include "core/model/Trajectory.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace reverie::ingest {

// A file that cannot be imported: names the file and where in it (line, or byte offset).
class ImportError : public reverie::Error {
public:
    // line > 0: a 1-based line; otherwise offset >= 0: a byte offset; otherwise no position.
    ImportError(const QString &file, qint64 line, qint64 offset, const QString &what);
    static ImportError atLine(const QString &file, qint64 line, const QString &what)
    {
        return ImportError(file, line, -1, what);
    }
    static ImportError atOffset(const QString &file, qint64 offset, const QString &what)
    {
        return ImportError(file, 0, offset, what);
    }
    static ImportError inFile(const QString &file, const QString &what) { return ImportError(file, 0, -1, what); }

    QString file() const { return m_file; }
    qint64 line() const { return m_line; }
    qint64 offset() const { return m_offset; }
    QString reason() const { return m_reason; }

private:
    QString m_file;
    qint64 m_line;
    qint64 m_offset;
    QString m_reason;
};

// Thrown when the user cancelled; the file's transaction is rolled back.
class ImportCancelled : public reverie::Error {
public:
    ImportCancelled() : reverie::Error(QStringLiteral("import cancelled")) {}
};

// Where an importer delivers what it reads. The store's writer implements it, inside
// the one transaction that holds the whole file.
class TrajectorySink {
public:
    virtual ~TrajectorySink() = default;
    // Starts a run and returns its handle. Steps may then be added in order; runs may interleave.
    virtual qint64 begin(const TrajectoryInfo &info) = 0;
    // Appends the next step (its seq is assigned by the sink, in call order).
    virtual void addStep(qint64 handle, const Step &step) = 0;
    // The same for an importer that reads UTF-8 and keeps it so; the row's bytes need only
    // live until the call returns. By default the row becomes a Step.
    virtual void addRow(qint64 handle, const StepRow &row);
    // Final metadata for the run (importers may learn the verdict only at the end).
    virtual void finish(qint64 handle, const TrajectoryInfo &info) = 0;

    // Convenience for importers that build whole runs in memory (one at a time).
    void write(const Trajectory &t)
    {
        const qint64 h = begin(t.info);
        for (const Step &s : t.steps)
            addStep(h, s);
        finish(h, t.info);
    }
};

// Progress and cancellation for one file. Importers call tick() every so often.
class ImportContext {
public:
    using Progress = std::function<void(qint64 bytesDone, qint64 bytesTotal)>;
    ImportContext() = default;
    ImportContext(Progress progress, const std::atomic_bool *cancel)
        : m_progress(std::move(progress)), m_cancel(cancel) {}

    // Reports progress and throws ImportCancelled if the user cancelled.
    void tick(qint64 bytesDone, qint64 bytesTotal) const
    {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed))
            throw ImportCancelled();
        if (m_progress)
            m_progress(bytesDone, bytesTotal);
    }
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    // Where reading starts, for an importer that readsFromOffset(): a file that grew is read
    // from the end of what was imported before (a byte offset at a line start, and the
    // number of lines before it, so that errors still name the file's own line numbers).
    qint64 startOffset() const { return m_startOffset; }
    qint64 startLine() const { return m_startLine; }
    void setStart(qint64 offset, qint64 lines)
    {
        m_startOffset = offset;
        m_startLine = lines;
    }
    // How much of the file the importer read completely. A line-based importer leaves a last
    // line without its newline that is not a whole record for next time (an agent is still
    // writing it). Unset (-1): the whole file.
    void setConsumed(qint64 bytes, qint64 lines) const
    {
        m_consumedBytes = bytes;
        m_consumedLines = lines;
    }
    qint64 consumedBytes() const { return m_consumedBytes; }
    qint64 consumedLines() const { return m_consumedLines; }

private:
    Progress m_progress;
    const std::atomic_bool *m_cancel = nullptr;
    qint64 m_startOffset = 0;
    qint64 m_startLine = 0;
    mutable qint64 m_consumedBytes = -1;
    mutable qint64 m_consumedLines = -1;
};

// One trajectory format. Stateless: import() may run on any thread.
class Importer {
public:
    virtual ~Importer() = default;
    // Short stable name used by --format and stored in sources.format, e.g. "tau-bench".
    virtual QString name() const = 0;
    // One line for `reverie formats` and the import dialog.
    virtual QString description() const = 0;
    // How sure the importer is that this is its format, from 0 (no) to 100 (certain),
    // judged from the file's first bytes (up to 64 KiB) and its path.
    virtual int sniff(const QString &path, const QByteArray &head) const = 0;
    // Reads the file and delivers every run to the sink; throws ImportError.
    virtual void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const = 0;
    // Whether import() honours ctx.startOffset(): every line names its run, so the lines a
    // file gained can be read on their own and their steps appended to the runs stored.
    virtual bool readsFromOffset() const { return false; }
};

} // namespace reverie::ingest
