#include "core/ingest/NativeJsonlImporter.h"

#include "core/ingest/FlatJson.h"
#include "core/ingest/JsonSupport.h"

#include <QHash>

#include <array>
#include <string_view>
#include <unordered_map>

namespace reverie::ingest {

using json::Json;

namespace {

// The members of an event Reverie reads; the rest stay in the step's raw line.
enum Key : std::size_t {
    kTrajectory, kType, kTs, kTitle, kDescription, kWorkflow, kAgent, kModel, kText, kTool, kCallId, kRole,
    kStatus, kSummary, kReviewer, kNotes, kIsError, kSuccess, kSeq, kDurationMs, kPlaybookVersion, kInput, kOutput,
    kKeyCount
};
constexpr std::array<std::string_view, kKeyCount> kKeyNames = {
    "trajectory", "type", "ts", "title", "description", "workflow", "agent", "model", "text", "tool", "call_id", "role",
    "status", "summary", "reviewer", "notes", "is_error", "success", "seq", "duration_ms", "playbook_version", "input",
    "output"};
using Event = json::FlatObject<kKeyCount>;

QString str(const Event &ev, Key key)
{
    const Json *v = ev.get(key);
    return v ? json::toText(*v) : QString();
}

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
void checkTypes(const Event &ev, const QString &path, qint64 line)
{
    for (const Key key : {kTitle, kDescription, kWorkflow, kAgent, kModel, kText, kTool, kCallId, kRole, kStatus,
                          kSummary, kReviewer, kNotes}) {
        const Json *v = ev.get(key);
        if (v && !v->is_string() && !v->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(kKeyNames[key])));
    }
    for (const Key key : {kIsError, kSuccess}) {
        const Json *v = ev.get(key);
        if (v && !v->is_boolean() && !v->is_null())
            throw ImportError::atLine(path, line,
                                      QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(kKeyNames[key])));
    }
    for (const Key key : {kSeq, kDurationMs, kPlaybookVersion}) {
        const Json *v = ev.get(key);
        if (v && !v->is_number_integer() && !v->is_number_unsigned() && !v->is_null())
            throw ImportError::atLine(path, line,
                                      QStringLiteral("\"%1\" must be a whole number").arg(QLatin1String(kKeyNames[key])));
    }
}

Step toStep(const Event &ev, const QString &type, RunState &run, const QString &path, qint64 line)
{
    checkTypes(ev, path, line);
    Step step;
    if (const Json *ts = ev.get(kTs)) {
        step.timestampMs = json::parseTimestamp(*ts);
        if (step.timestampMs < 0 && !ts->is_null())
            throw ImportError::atLine(path, line, QStringLiteral("\"ts\" is neither RFC 3339 nor Unix milliseconds"));
    }
    step.durationMs = json::integer(ev.get(kDurationMs), -1);

    const auto kind = stepKindFromName(type);
    step.kind = kind.value_or(StepKind::Other);
    switch (step.kind) {
    case StepKind::Task: {
        const QString title = str(ev, kTitle);
        step.text = joinNonEmpty(title, str(ev, kDescription), QLatin1String("\n\n"));
        if (!title.isEmpty())
            run.info.task = title;
        else if (run.info.task.isEmpty())
            run.info.task = str(ev, kDescription);
        if (const QString wf = str(ev, kWorkflow); !wf.isEmpty())
            run.info.workflow = wf;
        if (const QString agent = str(ev, kAgent); !agent.isEmpty())
            run.info.agent = agent;
        if (const QString model = str(ev, kModel); !model.isEmpty())
            run.info.model = model;
        if (const qint64 v = json::integer(ev.get(kPlaybookVersion), -1); v >= 0)
            run.info.playbookVersion = int(v);
        break;
    }
    case StepKind::Plan: step.text = str(ev, kText); break;
    case StepKind::ToolCall: {
        step.tool = str(ev, kTool);
        step.callId = str(ev, kCallId);
        const QString input = str(ev, kInput);
        step.text = input;
        if (!step.callId.isEmpty())
            run.toolByCallId.insert(step.callId, step.tool);
        break;
    }
    case StepKind::Observation: {
        step.callId = str(ev, kCallId);
        step.tool = str(ev, kTool);
        if (step.tool.isEmpty())
            step.tool = run.toolByCallId.value(step.callId);
        step.text = str(ev, kOutput);
        const Json *err = ev.get(kIsError);
        step.isError = err && err->is_boolean() && err->get<bool>();
        break;
    }
    case StepKind::Message:
        step.role = str(ev, kRole);
        step.text = str(ev, kText);
        break;
    case StepKind::Outcome: {
        const QString status = str(ev, kStatus);
        run.info.outcome = status;
        step.text = joinNonEmpty(status, str(ev, kSummary), QLatin1String(": "));
        step.isError = isFailureStatus(status);
        break;
    }
    case StepKind::Verdict: {
        const Json *success = ev.get(kSuccess);
        if (success && success->is_boolean())
            run.info.verdict = success->get<bool>() ? Verdict::Success : Verdict::Failure;
        run.info.reviewer = str(ev, kReviewer);
        run.info.verdictNotes = str(ev, kNotes);
        step.text = joinNonEmpty(verdictName(run.info.verdict), run.info.verdictNotes, QLatin1String(": "));
        step.role = run.info.reviewer;
        break;
    }
    case StepKind::Other: step.text = str(ev, kText); break;
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
    Event ev(kKeyNames);
    std::unordered_map<std::string, RunState> runs;
    std::vector<std::string> order;   // first-seen order, for finishing deterministically
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0x3ff) == 0)
            ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        if (!ev.read(line, path, n))
            throw ImportError::atLine(path, n, QStringLiteral("expected a JSON object, one event per line"));
        const Json *id = ev.get(kTrajectory);
        if (!id || !id->is_string() || id->get_ref<const std::string &>().empty())
            throw ImportError::atLine(path, n, QStringLiteral("missing \"trajectory\" (a non-empty string id)"));
        const Json *type = ev.get(kType);
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
