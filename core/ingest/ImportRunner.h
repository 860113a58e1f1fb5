#pragma once

#include "core/ingest/Importer.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ingest {

class FormatRegistry;

// What happened to one file of an import batch.
struct FileResult {
    QString path;
    QString format;             // detected or forced; empty when unknown
    int trajectories = 0;
    qint64 steps = 0;
    bool duplicate = false;     // the same content was imported before: nothing added
    // A run is stored once. Of the runs `trajectories` counts:
    int runsAdded = 0;          // new runs
    int runsExtended = 0;       // stored runs the file continued: only their new steps added
    int runsReplaced = 0;       // stored runs whose earlier steps changed: their steps replaced
    int alreadyStored = 0;      // runs stored from another file, nothing new here: not counted
    QString alreadyStoredFrom;  // that file
    bool resumed = false;       // only the bytes the file gained since its last import were read
    qint64 heldBackBytes = 0;   // a last line without its newline, left for the next import
    QString error;              // empty on success
    bool ok() const { return error.isEmpty(); }
};

// How an import batch reads its files. (At namespace scope: a nested struct with default
// member initialisers cannot be the default argument of its enclosing class's functions.)
struct ImportOptions {
    QString forcedFormat;       // --format: skip detection
    int playbookVersion = 0;    // --playbook-version: for every run that names none itself
};

// Imports files into a workspace, one transaction per file. A failing file leaves nothing
// behind and the batch goes on with the next one.
class ImportRunner {
public:
    using Options = ImportOptions;
    // Called after each file; `index` counts from 0.
    using FileDone = std::function<void(int index, const FileResult &)>;
    // Progress over the whole batch in bytes.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    ImportRunner(store::Workspace &ws, const FormatRegistry &registry);

    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    void setProgress(Progress p) { m_progress = std::move(p); }
    void setFileDone(FileDone f) { m_fileDone = std::move(f); }

    FileResult importFile(const QString &path, const Options &options = {});
    std::vector<FileResult> importFiles(const QStringList &paths, const Options &options = {});

    // Expands folders (recursively) into the files inside them, sorted.
    static QStringList expandPaths(const QStringList &paths);

private:
    FileResult runOne(const QString &path, const Options &options, qint64 batchDone, qint64 batchTotal);

    store::Workspace &m_ws;
    const FormatRegistry &m_registry;
    const std::atomic_bool *m_cancel = nullptr;
    Progress m_progress;
    FileDone m_fileDone;
};

} // namespace reverie::ingest
