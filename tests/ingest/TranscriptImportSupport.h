#pragma once

// Shared by the format suites for Claude Code, ReAct logs, chat transcripts, OpenTelemetry
// and ATIF: a throwaway workspace with a runner, plus the queries those suites repeat.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QVariantMap>

#include <algorithm>
#include <map>

namespace reverie::test {

// A workspace in a temporary folder and an import runner over the built-in formats.
struct ImportBench {
    QTemporaryDir dir;
    store::Workspace ws{dir.filePath(QStringLiteral("w.reverie"))};
    ingest::ImportRunner runner{ws, ingest::FormatRegistry::builtin()};

    ingest::FileResult import(const QString &path, const QString &format = {})
    {
        ingest::ImportRunner::Options o;
        o.forcedFormat = format;
        return runner.importFile(path, o);
    }
    qint64 count(const char *sqlText)
    {
        sql::Statement st(ws.db(), sqlText);
        return st.step() ? st.int64(0) : -1;
    }
    bool empty() { return count("SELECT count(*) FROM sources") == 0 && count("SELECT count(*) FROM steps") == 0; }
    std::vector<TrajectorySummary> runs()
    {
        store::TrajectoryFilter f;
        f.sort = store::TrajectoryFilter::Sort::ExternalId;
        f.descending = false;
        return store::TrajectoryQueries(ws).list(f, 0, 100000);
    }
    TrajectorySummary run(const QString &externalId)
    {
        const auto found = store::TrajectoryQueries(ws).findByExternalId(externalId);
        return found.empty() ? TrajectorySummary() : found.front();
    }
    // The run's extra JSON object, read straight from the table.
    QVariantMap extra(const TrajectorySummary &t)
    {
        sql::Statement st(ws.db(), "SELECT extra FROM trajectories WHERE id = ?");
        st.bind(1, t.id);
        return st.step() ? QJsonDocument::fromJson(st.bytes(0)).toVariant().toMap() : QVariantMap();
    }
    std::vector<Step> steps(const TrajectorySummary &t)
    {
        std::vector<Step> out;
        for (const store::StoredStep &s : store::TrajectoryQueries(ws).steps(t.id))
            out.push_back(s.step);
        return out;
    }
};

// The format the registry picks for a file from its first 64 KiB, as the runner does.
inline QString detectedFormat(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<unreadable>");
    const ingest::Importer *imp = ingest::FormatRegistry::builtin().detect(path, f.read(64 * 1024));
    return imp ? imp->name() : QString();
}

inline int countKind(const std::vector<Step> &steps, StepKind kind)
{
    return int(std::count_if(steps.begin(), steps.end(), [kind](const Step &s) { return s.kind == kind; }));
}

inline int countErrors(const std::vector<Step> &steps)
{
    return int(std::count_if(steps.begin(), steps.end(), [](const Step &s) { return s.isError; }));
}

// Every tool call has an observation with its call id and tool, and the other way round.
inline bool toolCallsPaired(const std::vector<Step> &steps, QString *why)
{
    std::map<QString, QString> calls, results;
    for (const Step &s : steps) {
        if (s.kind == StepKind::ToolCall)
            calls[s.callId] = s.tool;
        else if (s.kind == StepKind::Observation)
            results[s.callId] = s.tool;
    }
    for (const auto &[id, tool] : calls) {
        auto it = results.find(id);
        if (id.isEmpty() || it == results.end() || it->second != tool) {
            *why = QStringLiteral("call %1 (%2) has no matching observation").arg(id, tool);
            return false;
        }
    }
    if (calls.size() != results.size()) {
        *why = QStringLiteral("%1 calls but %2 observations").arg(calls.size()).arg(results.size());
        return false;
    }
    return true;
}

// The folder of one real sample format; empty when the shared samples are absent.
inline QString sampleFolder(const QString &name)
{
    const QString root = samplesDir();
    return root.isEmpty() ? QString() : QDir(root).filePath(name);
}

} // namespace reverie::test
