#pragma once

// Runs for the transcript's tests, written through the store's writer as an import would:
// exact step texts, no format in between.

#include "UiTestSupport.h"

#include "core/model/Step.h"
#include "core/model/Trajectory.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QStringList>

#include <vector>

namespace reverie::test {

inline Step makeStep(StepKind kind, const QString &text, const QString &tool = {}, const QString &role = {},
                     bool error = false)
{
    Step s;
    s.kind = kind;
    s.text = text;
    s.tool = tool;
    s.role = role;
    s.isError = error;
    return s;
}

// Writes one run through the store's writer, the way an import does; returns its row id.
inline qint64 writeRun(const QString &path, const QString &externalId, const std::vector<Step> &steps)
{
    store::Workspace ws(path);
    store::TrajectoryWriter::SourceInfo source;
    source.path = QStringLiteral("test:") + externalId;
    source.format = QStringLiteral("reverie-jsonl");
    source.contentHash =
        QString::fromLatin1(QCryptographicHash::hash(source.path.toUtf8(), QCryptographicHash::Sha256).toHex());
    store::TrajectoryWriter writer(ws, source);
    TrajectoryInfo info;
    info.externalId = externalId;
    info.workflow = QStringLiteral("transcript");
    info.task = steps.empty() ? QString() : steps.front().text;
    const qint64 handle = writer.begin(info);
    int seq = 0;
    for (Step s : steps) {
        s.seq = seq++;
        writer.addStep(handle, s);
    }
    writer.finish(handle, info);
    writer.commit();
    return test::trajectoryRowId(path, externalId);
}

inline QString longOutput()
{
    QStringList lines;
    for (int i = 1; i <= 60; ++i)
        lines << QStringLiteral("FAILED test_parser.py::test_case_%1 - AssertionError").arg(i);
    return lines.join(QLatin1Char('\n'));
}

// A small run whose texts try to be Markdown and markup.
inline std::vector<Step> chatRun()
{
    return {
        makeStep(StepKind::Task, QStringLiteral("Fix the *bug* in [parser](http://x)")),
        makeStep(StepKind::Plan, QStringLiteral("# Plan\n1. read\n2. fix")),
        makeStep(StepKind::ToolCall, QStringLiteral("cat parser.py"), QStringLiteral("bash")),
        makeStep(StepKind::Observation, QStringLiteral("```\n## injected heading\n```"), QStringLiteral("bash")),
        makeStep(StepKind::ToolCall, QStringLiteral("pytest -q"), QStringLiteral("py_test")),
        makeStep(StepKind::Observation, longOutput(), QStringLiteral("py_test"), {}, true),
        makeStep(StepKind::Message, QStringLiteral("<b>done</b> — the parser is fixed, see `parser.py`"), {},
                 QStringLiteral("assistant")),
    };
}

} // namespace reverie::test

