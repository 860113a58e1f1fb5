#pragma once

// Small helpers shared by the dream suites.

#include "core/dream/SyntheticTrajectories.h"
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

inline const Proposal *findText(const std::vector<Proposal> &ps, const QString &text)
{
    for (const Proposal &p : ps) {
        if (p.text == text)
            return &p;
    }
    return nullptr;
}

} // namespace reverie::test
