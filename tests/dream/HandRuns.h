#pragma once

// Small hand-written workspaces for the dream suites: every run and every count is visible in
// the test that builds it.

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>

#include <vector>

namespace reverie::test {

// One run: its tool calls in order (each answered "ok"), its outcome, and whether a reviewer
// judged it (an unjudged run has no verdict).
struct HandRun {
    QString id;
    QString workflow;
    std::vector<const char *> tools;
    bool success = true;
    qint64 startMs = 0;
    bool judged = true;
};

// The run in the native JSONL format.
inline QByteArray handRunJsonl(const HandRun &r)
{
    QByteArray out;
    const auto line = [&](const QString &json) { out += json.toUtf8() + '\n'; };
    line(QStringLiteral(R"({"trajectory": "%1", "type": "task", "ts": %2, "title": "%1", "workflow": "%3", "model": "m"})")
             .arg(r.id)
             .arg(r.startMs)
             .arg(r.workflow));
    int n = 0;
    for (const char *tool : r.tools) {
        ++n;
        line(QStringLiteral(R"({"trajectory": "%1", "type": "tool_call", "ts": %2, "tool": "%3", "input": {}, "call_id": "c%4"})")
                 .arg(r.id)
                 .arg(r.startMs + 2 * n)
                 .arg(QLatin1String(tool))
                 .arg(n));
        line(QStringLiteral(R"({"trajectory": "%1", "type": "observation", "ts": %2, "call_id": "c%3", "output": "ok"})")
                 .arg(r.id)
                 .arg(r.startMs + 2 * n + 1)
                 .arg(n));
    }
    line(QStringLiteral(R"({"trajectory": "%1", "type": "outcome", "ts": %2, "status": "%3"})")
             .arg(r.id)
             .arg(r.startMs + 100)
             .arg(r.success ? QStringLiteral("success") : QStringLiteral("failed")));
    if (r.judged)
        line(QStringLiteral(R"({"trajectory": "%1", "type": "verdict", "ts": %2, "success": %3, "reviewer": "dana"})")
                 .arg(r.id)
                 .arg(r.startMs + 200)
                 .arg(r.success ? QStringLiteral("true") : QStringLiteral("false")));
    return out;
}

// A workspace at `dir/name` holding `runs`, imported in the order given (so row ids follow
// that order, whatever the start times say).
inline QString handWorkspace(const QTemporaryDir &dir, const QString &name, const std::vector<HandRun> &runs)
{
    QByteArray jsonl;
    for (const HandRun &r : runs)
        jsonl += handRunJsonl(r);
    const QString file = writeFile(dir, name + QStringLiteral(".jsonl"), jsonl);
    const QString path = dir.filePath(name);
    store::Workspace ws(path);
    const auto imported = ingest::ImportRunner(ws, ingest::FormatRegistry::builtin()).importFile(file);
    if (!imported.ok())
        qFatal("import failed: %s", qPrintable(imported.error));
    return path;
}

} // namespace reverie::test
