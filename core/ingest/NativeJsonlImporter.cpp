#include "core/ingest/NativeJsonlImporter.h"

#include "core/ingest/JsonSupport.h"

#include <QHash>

#include <unordered_map>

namespace reverie::ingest {

using json::Json;

namespace {

struct RunState {
    qint64 handle = 0;
    TrajectoryInfo info;
    QHash<QString, QString> toolByCallId;   // so an observation knows its tool
};

QString joinNonEmpty(const QString &a, const QString &b, QLatin1String sep)
{
    if (a.isEmpty())
        return b;
    if (b.isEmpty())
        return a;
    return a + sep + b;
}

bool isFailureStatus(const QString &status)
{
    static const QStringList failures = {QStringLiteral("error"), QStringLiteral("failed"), QStringLiteral("failure"),
                                         QStringLiteral("crashed"), QStringLiteral("timeout")};
    return failures.contains(status.toLower());
}

// The native format has a specification, so a field of the wrong type is an error, not a guess.
void checkTypes(const Json &ev, const QString &path, qint64 line)
{
    static const char *const strings[] = {"title", "description", "workflow", "agent", "model", "text", "tool",
                                          "call_id", "role", "status", "summary", "reviewer", "notes"};
    for (const char *key : strings) {
        const Json *v = json::find(ev, key);
        if (v && !v->is_string() && !v->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
    }
    for (const char *key : {"is_error", "success"}) {
        const Json *v = json::find(ev, key);
        if (v && !v->is_boolean() && !v->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(key)));
    }
    for (const char *key : {"seq", "duration_ms", "playbook_version"}) {
        const Json *v = json::find(ev, key);
        if (v && !v->is_number_integer() && !v->is_number_unsigned() && !v->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"%1\" must be a whole number").arg(QLatin1String(key)));
    }
}

Step toStep(const Json &ev, const QString &type, RunState &run, const QString &path, qint64 line)
{
    checkTypes(ev, path, line);
    Step step;
    if (const Json *ts = json::find(ev, "ts")) {
        step.timestampMs = json::parseTimestamp(*ts);
        if (step.timestampMs < 0 && !ts->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"ts\" is neither RFC 3339 nor Unix milliseconds"));
    }
    step.durationMs = json::integer(ev, "duration_ms", -1);

    const auto kind = stepKindFromName(type);
    step.kind = kind.value_or(StepKind::Other);
    switch (step.kind) {
    case StepKind::Task: {
        const QString title = json::str(ev, "title");
        step.text = joinNonEmpty(title, json::str(ev, "description"), QLatin1String("\n\n"));
        if (!title.isEmpty())
            run.info.task = title;
        else if (run.info.task.isEmpty())
            run.info.task = json::str(ev, "description");
        if (const QString wf = json::str(ev, "workflow"); !wf.isEmpty())
            run.info.workflow = wf;
        if (const QString agent = json::str(ev, "agent"); !agent.isEmpty())
            run.info.agent = agent;
        if (const QString model = json::str(ev, "model"); !model.isEmpty())
            run.info.model = model;
        if (const qint64 v = json::integer(ev, "playbook_version", -1); v >= 0)
            run.info.playbookVersion = int(v);
        break;
    }
    case StepKind::Plan: step.text = json::str(ev, "text"); break;
    case StepKind::ToolCall: {
        step.tool = json::str(ev, "tool");
        step.callId = json::str(ev, "call_id");
        const QString input = json::str(ev, "input");
        step.text = input;
        if (!step.callId.isEmpty())
            run.toolByCallId.insert(step.callId, step.tool);
        break;
    }
    case StepKind::Observation: {
        step.callId = json::str(ev, "call_id");
        step.tool = json::str(ev, "tool");
        if (step.tool.isEmpty())
            step.tool = run.toolByCallId.value(step.callId);
        step.text = json::str(ev, "output");
        const Json *err = json::find(ev, "is_error");
        step.isError = err && err->is_boolean() && err->get<bool>();
        break;
    }
    case StepKind::Message:
        step.role = json::str(ev, "role");
        step.text = json::str(ev, "text");
        break;
    case StepKind::Outcome: {
        const QString status = json::str(ev, "status");
        run.info.outcome = status;
        step.text = joinNonEmpty(status, json::str(ev, "summary"), QLatin1String(": "));
        step.isError = isFailureStatus(status);
        break;
    }
    case StepKind::Verdict: {
        const Json *success = json::find(ev, "success");
        if (success && success->is_boolean())
            run.info.verdict = success->get<bool>() ? Verdict::Success : Verdict::Failure;
        run.info.reviewer = json::str(ev, "reviewer");
        run.info.verdictNotes = json::str(ev, "notes");
        step.text = joinNonEmpty(verdictName(run.info.verdict), run.info.verdictNotes, QLatin1String(": "));
        step.role = run.info.reviewer;
        break;
    }
    case StepKind::Other: step.text = json::str(ev, "text"); break;
    }
    if (step.timestampMs >= 0) {
        if (run.info.startedMs < 0 || step.timestampMs < run.info.startedMs)
            run.info.startedMs = step.timestampMs;
        run.info.endedMs = qMax(run.info.endedMs, step.timestampMs + qMax<qint64>(0, step.durationMs));
    }
    return step;
}

} // namespace

QString NativeJsonlImporter::description() const
{
    return QStringLiteral("Reverie JSONL: one event per line with \"trajectory\" and \"type\"");
}

int NativeJsonlImporter::sniff(const QString &path, const QByteArray &head) const
{
    // Judge by the first line that is not blank.
    qsizetype start = 0;
    while (start < head.size() && (head.at(start) == '\n' || head.at(start) == '\r' || head.at(start) == ' '))
        ++start;
    qsizetype end = head.indexOf('\n', start);
    if (end < 0)
        end = head.size();
    const std::string_view first(head.constData() + start, std::size_t(end - start));
    if (first.empty() || first.front() != '{' || json::findExcessiveNesting(first) >= 0)
        return 0;
    try {
        const Json ev = Json::parse(first.begin(), first.end());
        if (ev.is_object() && ev.contains("trajectory") && ev["trajectory"].is_string() && ev.contains("type")
            && ev["type"].is_string())
            return path.endsWith(QLatin1String(".jsonl")) ? 95 : 90;
    } catch (const Json::exception &) {
        // Truncated first line of a huge file or not JSON: not ours to claim.
    }
    return 0;
}

void NativeJsonlImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    json::LineReader reader(path);
    std::unordered_map<std::string, RunState> runs;
    std::vector<std::string> order;   // first-seen order, for finishing deterministically
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0x3ff) == 0)
            ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const Json ev = json::parse(line, path, n);
        if (!ev.is_object())
            throw ImportError::atLine(path, n, QStringLiteral("expected a JSON object, one event per line"));
        const Json *id = json::find(ev, "trajectory");
        if (!id || !id->is_string() || id->get_ref<const std::string &>().empty())
            throw ImportError::atLine(path, n, QStringLiteral("missing \"trajectory\" (a non-empty string id)"));
        const Json *type = json::find(ev, "type");
        if (!type || !type->is_string())
            throw ImportError::atLine(path, n, QStringLiteral("missing \"type\" (a string such as \"tool_call\")"));

        const std::string &key = id->get_ref<const std::string &>();
        auto it = runs.find(key);
        if (it == runs.end()) {
            RunState state;
            state.info.externalId = QString::fromStdString(key);
            state.handle = sink.begin(state.info);
            it = runs.emplace(key, std::move(state)).first;
            order.push_back(key);
        }
        Step step = toStep(ev, json::toText(*type), it->second, path, n);
        step.raw = QByteArray(line.data(), qsizetype(line.size()));
        sink.addStep(it->second.handle, step);
    }
    ctx.tick(reader.offset(), reader.size());
    for (const std::string &key : order) {
        const RunState &run = runs.at(key);
        sink.finish(run.handle, run.info);
    }
}

} // namespace reverie::ingest
