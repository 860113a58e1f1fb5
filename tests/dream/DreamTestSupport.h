#pragma once

// Small helpers shared by the dream suites.

#include "synthetic/SyntheticTrajectories.h"
#include "core/model/Playbook.h"
#include "core/store/Workspace.h"

#include <QTemporaryDir>

#include <vector>

namespace reverie::test {

// A workspace file in `dir` holding the synthetic corpus (default options but `trajectories`).
inline QString syntheticWorkspace(const QTemporaryDir &dir, const QString &name, int trajectories = 1400)
{
    const QString path = dir.filePath(name);
    store::Workspace ws(path);
    dream::SyntheticOptions o;
    o.trajectories = trajectories;
    dream::SyntheticTrajectories(o).writeTo(ws);
    return path;
}

inline int countRows(store::Workspace &ws, const char *sql, qint64 arg)
{
    sql::Statement st(ws.db(), sql);
    st.bind(1, arg);
    return st.step() ? int(st.int64(0)) : -1;
}

inline Rule rule(const QString &id, const QString &text, const QString &workflow, const QStringList &tools = {})
{
    Rule r;
    r.id = id;
    r.text = text;
    r.scope.workflows = {workflow};
    r.scope.tools = tools;
    r.origin = QStringLiteral("manual");
    return r;
}

struct Call {
    const char *tool;
    bool error = false;
    const char *input = "{}";
};

// One run in the native JSONL format: a task, its calls with their observations, the outcome
// and the reviewer's verdict (with `note` when given).
inline QByteArray nativeRun(const QString &id, const QString &workflow, const std::vector<Call> &calls, bool success,
                     qint64 ts, const QString &note = {})
{
    QByteArray out;
    const auto line = [&](const QString &json) { out += json.toUtf8() + '\n'; };
    line(QStringLiteral(R"({"trajectory": "%1", "type": "task", "ts": %2, "title": "%1", "workflow": "%3", "model": "m"})")
             .arg(id)
             .arg(ts)
             .arg(workflow));
    int n = 0;
    for (const Call &c : calls) {
        ++n;
        line(QStringLiteral(R"({"trajectory": "%1", "type": "tool_call", "ts": %2, "tool": "%3", "input": %5, "call_id": "c%4"})")
                 .arg(id)
                 .arg(ts + 2 * n)
                 .arg(QLatin1String(c.tool))
                 .arg(n)
                 .arg(QLatin1String(c.input)));
        line(QStringLiteral(R"({"trajectory": "%1", "type": "observation", "ts": %2, "call_id": "c%3", "output": "%4", "is_error": %5})")
                 .arg(id)
                 .arg(ts + 2 * n + 1)
                 .arg(n)
                 .arg(c.error ? QStringLiteral("error: refused") : QStringLiteral("ok"))
                 .arg(c.error ? QStringLiteral("true") : QStringLiteral("false")));
    }
    line(QStringLiteral(R"({"trajectory": "%1", "type": "outcome", "ts": %2, "status": "%3"})")
             .arg(id)
             .arg(ts + 100)
             .arg(success ? QStringLiteral("success") : QStringLiteral("failed")));
    line(QStringLiteral(R"({"trajectory": "%1", "type": "verdict", "ts": %2, "success": %3, "reviewer": "dana"%4})")
             .arg(id)
             .arg(ts + 200)
             .arg(success ? QStringLiteral("true") : QStringLiteral("false"))
             .arg(note.isEmpty() ? QString() : QStringLiteral(R"(, "notes": "%1")").arg(note)));
    return out;
}

inline const Proposal *findText(const std::vector<Proposal> &ps, const QString &text)
{
    for (const Proposal &p : ps) {
        if (p.text == text)
            return &p;
    }
    return nullptr;
}

} // namespace reverie::test
