#include "core/ingest/formats/OpenHandsImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/HeadScan.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <functional>
#include <optional>
#include <utility>

namespace reverie::ingest {

using json::Json;

namespace {

using Fail = std::function<ImportError(const QString &what)>;

// Actions that run something in the sandbox (or a tool) and get an observation back.
bool isToolAction(const QString &action)
{
    static const QSet<QString> tools = {
        QStringLiteral("run"),    QStringLiteral("run_ipython"), QStringLiteral("read"),
        QStringLiteral("write"),  QStringLiteral("edit"),        QStringLiteral("browse"),
        QStringLiteral("browse_interactive"), QStringLiteral("call_tool_mcp"), QStringLiteral("mcp"),
        QStringLiteral("delegate"),
    };
    return tools.contains(action);
}

// finish.args.task_completed is "true", "false" or "partial" (older versions: a bool).
std::optional<Verdict> verdictFromTaskCompleted(const Json &value)
{
    if (value.is_boolean())
        return value.get<bool>() ? Verdict::Success : Verdict::Failure;
    const QString s = json::toText(value).trimmed().toLower();
    if (s == QLatin1String("true"))
        return Verdict::Success;
    if (s == QLatin1String("false"))
        return Verdict::Failure;
    return std::nullopt;
}

qint64 exitCodeOf(const Json &extras)
{
    if (const Json *meta = json::find(extras, "metadata"); meta && meta->is_object())
        if (const qint64 code = json::integer(*meta, "exit_code", 0); code != 0)
            return code;
    return json::integer(extras, "exit_code", 0);
}

// Maps the events of one run onto steps, straight into the sink, and learns the run's info
// on the way. One step per event carries the whole event; a thought split off an action into
// its own plan step carries only {"thought": ...}.
class RunBuilder {
public:
    RunBuilder(TrajectorySink &sink, TrajectoryInfo info) : m_sink(sink), m_info(std::move(info))
    {
        m_handle = m_sink.begin(m_info);
    }

    TrajectoryInfo &info() { return m_info; }

    // pair >= 0: the event is half of history[pair] in the [action, observation] pair shape,
    // whose oldest events (OpenDevin, spring 2024) have no id or cause to pair them by.
    void event(const Json &ev, const Fail &fail, int pair = -1)
    {
        if (!ev.is_object())
            throw fail(QStringLiteral("expected an event object {id, source, action|observation, ...}"));
        Step step;
        const Json *ts = json::find(ev, "timestamp");
        step.timestampMs = ts ? json::parseTimestamp(*ts) : -1;
        if (step.timestampMs >= 0) {
            if (m_info.startedMs < 0 || step.timestampMs < m_info.startedMs)
                m_info.startedMs = step.timestampMs;
            m_info.endedMs = qMax(m_info.endedMs, step.timestampMs);
        }
        const QString source = json::str(ev, "source");
        step.role = source == QLatin1String("agent") ? QStringLiteral("assistant") : source;
        step.raw = json::dump(ev);

        QString toolName, toolCallId;
        if (const Json *meta = json::find(ev, "tool_call_metadata"); meta && meta->is_object()) {
            toolName = json::str(*meta, "function_name");
            toolCallId = json::str(*meta, "tool_call_id");
            if (m_info.model.isEmpty())
                if (const Json *resp = json::find(*meta, "model_response"))
                    m_info.model = json::str(*resp, "model");
        }
        const QString message = json::str(ev, "message");
        if (const Json *action = json::find(ev, "action"); action && action->is_string()) {
            mapAction(ev, json::toText(*action), message, toolName, toolCallId, step, fail, pair);
        } else if (const Json *obs = json::find(ev, "observation"); obs && obs->is_string()) {
            mapObservation(ev, json::toText(*obs), message, toolName, toolCallId, step, fail, pair);
        } else {
            step.kind = StepKind::Other;
            step.text = message;
        }
        m_sink.addStep(m_handle, step);
    }

    void finish(const QString &error, const Json *errorValue)
    {
        if (!error.isEmpty()) {
            // The run itself broke (e.g. "RuntimeError: Agent reached maximum iteration").
            m_info.outcome = error;
            Step s;
            s.kind = StepKind::Outcome;
            s.text = error;
            s.isError = true;
            s.raw = json::dump(Json{{"error", *errorValue}});
            m_sink.addStep(m_handle, s);
        } else if (m_sawFinish) {
            m_info.outcome = QStringLiteral("finished");
        } else if (!m_lastState.isEmpty()) {
            m_info.outcome = m_lastState;
        }
        m_sink.finish(m_handle, m_info);
    }

private:
    void mapAction(const Json &ev, const QString &action, const QString &message, const QString &toolName,
                   const QString &toolCallId, Step &step, const Fail &fail, int pair)
    {
        const Json *argsIn = json::find(ev, "args");
        if (argsIn && !argsIn->is_null() && !argsIn->is_object())
            throw fail(QStringLiteral("\"args\" must be an object"));
        static const Json kNone = Json::object();
        const Json &args = argsIn && argsIn->is_object() ? *argsIn : kNone;
        const QString thought = json::str(args, "thought");
        const QString content = json::str(args, "content");

        if (action == QLatin1String("message") || action == QLatin1String("system")) {
            step.kind = StepKind::Message;
            if (action == QLatin1String("system"))
                step.role = QStringLiteral("system");
            step.text = content.isEmpty() ? message : content;
            if (step.role == QLatin1String("user") && m_info.task.isEmpty())
                m_info.task = step.text;
        } else if (action == QLatin1String("think")) {
            step.kind = StepKind::Plan;
            step.text = thought.isEmpty() ? message : thought;
        } else if (action == QLatin1String("finish")) {
            m_sawFinish = true;
            step.kind = StepKind::Outcome;
            const QString finalThought = json::str(args, "final_thought");
            step.text = finalThought.isEmpty() ? message : finalThought;
            if (const Json *done = json::find(args, "task_completed"); done && !done->is_null()) {
                const std::optional<Verdict> v = verdictFromTaskCompleted(*done);
                m_info.verdict = v.value_or(Verdict::Unknown);
                m_info.verdictNotes = QStringLiteral("task_completed: %1").arg(json::toText(*done));
            }
        } else if (isToolAction(action) || !toolName.isEmpty()) {
            if (!thought.isEmpty()) {
                Step plan;
                plan.kind = StepKind::Plan;
                plan.timestampMs = step.timestampMs;
                plan.role = step.role;
                plan.text = thought;
                plan.raw = json::dump(Json{{"thought", *json::find(args, "thought")}});
                m_sink.addStep(m_handle, plan);
            }
            step.kind = StepKind::ToolCall;
            step.tool = toolName.isEmpty() ? action : toolName;
            const QString id = json::str(ev, "id");
            if (!toolCallId.isEmpty())
                step.callId = toolCallId;
            else if (id.isEmpty() && pair >= 0)
                step.callId = QStringLiteral("pair:%1").arg(pair);
            else
                step.callId = QStringLiteral("event:%1").arg(id);
            if (pair >= 0)
                m_pairCall = {pair, step.callId};
            for (const char *key : {"command", "code", "url", "browser_actions", "path"}) {
                step.text = json::str(args, key);
                if (!step.text.isEmpty())
                    break;
            }
            if (step.text.isEmpty())
                step.text = message;
        } else {
            step.kind = StepKind::Other;   // change_agent_state, recall, ...
            step.text = message;
        }
    }

    void mapObservation(const Json &ev, const QString &obs, const QString &message, const QString &toolName,
                        const QString &toolCallId, Step &step, const Fail &fail, int pair)
    {
        const Json *extras = json::find(ev, "extras");
        if (extras && !extras->is_null() && !extras->is_object())
            throw fail(QStringLiteral("\"extras\" must be an object"));
        const QString content = json::str(ev, "content");
        if (obs == QLatin1String("agent_state_changed")) {
            m_lastState = extras ? json::str(*extras, "agent_state") : QString();
            step.kind = StepKind::Other;
            step.text = QStringLiteral("agent state: %1").arg(m_lastState);
            return;
        }
        if (obs == QLatin1String("null") || obs == QLatin1String("think")) {
            step.kind = StepKind::Other;   // "No observation", "Your thought has been logged."
            step.text = content.isEmpty() ? message : content;
            return;
        }
        step.kind = StepKind::Observation;
        step.tool = toolName.isEmpty() ? obs : toolName;
        const QString cause = json::str(ev, "cause");
        step.callId = !toolCallId.isEmpty() ? toolCallId : cause.isEmpty() ? QString() : QStringLiteral("event:%1").arg(cause);
        if (step.callId.isEmpty() && pair >= 0 && m_pairCall.first == pair)
            step.callId = m_pairCall.second;   // the action it is paired with
        step.text = content.isEmpty() ? message : content;
        // exit_code -1 means the command was still running when OpenHands stopped waiting
        // (a server, a long build): not a failure by itself.
        step.isError = obs == QLatin1String("error") || (extras && exitCodeOf(*extras) > 0);
    }

    TrajectorySink &m_sink;
    TrajectoryInfo m_info;
    qint64 m_handle = 0;
    bool m_sawFinish = false;
    QString m_lastState;
    std::pair<int, QString> m_pairCall{-1, QString()};   // the tool call of the current history pair
};

void importEventArray(const QString &path, const ImportContext &ctx, TrajectorySink &sink)
{
    TrajectoryInfo info;
    info.externalId = QStringLiteral("openhands:%1").arg(QFileInfo(path).completeBaseName());
    info.workflow = QStringLiteral("openhands");
    info.agent = QStringLiteral("OpenHands");
    std::optional<RunBuilder> run;
    json::forEachArrayElement(path, ctx, [&](Json &&ev, qint64 index) {
        if (!run)
            run.emplace(sink, info);
        const Fail fail = [&](const QString &what) {
            return ImportError::inFile(path, QStringLiteral("event %1 of the top-level array: %2").arg(index).arg(what));
        };
        try {
            run->event(ev, fail);
        } catch (const Json::exception &e) {
            throw fail(QStringLiteral("unexpected field type: %1").arg(QString::fromUtf8(e.what())));
        }
    });
    if (run)
        run->finish(QString(), nullptr);
}

void importInstance(const Json &rec, const QString &path, qint64 line, QSet<QString> &seenIds, TrajectorySink &sink)
{
    const Fail fail = [&](const QString &what) { return ImportError::atLine(path, line, what); };
    if (!rec.is_object())
        throw fail(QStringLiteral("expected a JSON object, one evaluated instance per line"));
    const Json *history = json::find(rec, "history");
    if (!history || !history->is_array())
        throw fail(QStringLiteral("expected \"history\": an array of OpenHands events"));

    TrajectoryInfo info;
    const QString instance = json::str(rec, "instance_id");
    info.externalId = instance.isEmpty()
                          ? QStringLiteral("openhands:%1:%2").arg(QFileInfo(path).completeBaseName()).arg(line)
                          : QStringLiteral("openhands:%1").arg(instance);
    if (seenIds.contains(info.externalId))
        info.externalId += QStringLiteral("#line%1").arg(line);   // a retried instance: ids stay unique
    seenIds.insert(info.externalId);
    // SWE-bench output of 2024 releases names the instance "swe_instance".
    const Json *inst = json::find(rec, "instance");
    if (!inst || !inst->is_object())
        inst = json::find(rec, "swe_instance");
    info.workflow = inst ? json::str(*inst, "repo") : QString();
    if (info.workflow.isEmpty())
        info.workflow = QStringLiteral("openhands");
    info.task = inst ? json::str(*inst, "problem_statement") : QString();
    if (info.task.isEmpty())
        info.task = json::str(rec, "instruction");
    if (const Json *meta = json::find(rec, "metadata"); meta && meta->is_object()) {
        info.agent = json::str(*meta, "agent_class");
        if (const Json *llm = json::find(*meta, "llm_config"))
            info.model = json::str(*llm, "model");
        if (info.model.isEmpty())
            info.model = json::str(*meta, "model_name");   // metadata of 2024 releases
    }
    if (info.agent.isEmpty())
        info.agent = QStringLiteral("OpenHands");
    Json extra = rec;
    extra.erase("history");
    info.extra = json::dump(extra);

    RunBuilder run(sink, info);
    for (std::size_t i = 0; i < history->size(); ++i) {
        const Json &item = (*history)[i];
        if (!item.is_array()) {
            const Fail eventFail = [&](const QString &what) {
                return ImportError::atLine(path, line, QStringLiteral("history[%1]: %2").arg(i).arg(what));
            };
            run.event(item, eventFail);
            continue;
        }
        // Older evaluation output (and benchmarks that still call
        // compatibility_for_eval_history_pairs) keeps history as [action, observation] pairs.
        if (item.size() != 2)
            throw fail(QStringLiteral("history[%1]: an [action, observation] pair needs 2 events, not %2")
                           .arg(i)
                           .arg(item.size()));
        for (std::size_t k = 0; k < 2; ++k) {
            const Fail eventFail = [&](const QString &what) {
                return ImportError::atLine(path, line, QStringLiteral("history[%1][%2]: %3").arg(i).arg(k).arg(what));
            };
            run.event(item[k], eventFail, int(i));
        }
    }
    const Json *error = json::find(rec, "error");
    run.finish(error && !error->is_null() ? json::toText(*error) : QString(), error);
}

} // namespace

QString OpenHandsImporter::description() const
{
    return QStringLiteral("OpenHands events: UI trajectory export (JSON array) or evaluation output (JSONL)");
}

int OpenHandsImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonHead h(head);
    if (h.top() == '{') {
        // Evaluation output: {"instance_id", "instruction", "history": [events], ...} per line.
        if (!h.has(1, QLatin1String("instance_id")))
            return 0;
        // Events straight in history (depth 3), or in [action, observation] pairs (depth 4).
        const bool events = (h.has(3, QLatin1String("source"), QLatin1String("history"))
                             && (h.has(3, QLatin1String("action"), QLatin1String("history"))
                                 || h.has(3, QLatin1String("observation"), QLatin1String("history"))))
                            || (h.has(4, QLatin1String("action"), QLatin1String("history"))
                                && h.has(4, QLatin1String("args"), QLatin1String("history")));
        int score = 0;
        if (events)
            score = 92;
        else if (h.has(1, QLatin1String("history")) || (h.has(1, QLatin1String("instruction")) && h.has(1, QLatin1String("metadata"))))
            score = 80;   // the first line is longer than the head
        return score > 0 && path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive) ? score + 3 : score;
    }
    if (h.top() != '[')
        return 0;
    // UI export: [{"id", "timestamp", "source", "action": "run" | "observation": "run", ...}]
    const JsonHead::Key *action = h.find(2, QLatin1String("action"));
    const JsonHead::Key *obs = h.find(2, QLatin1String("observation"));
    const bool kind = (action && action->type == '"') || (obs && obs->type == '"');
    if (!kind || !h.has(2, QLatin1String("source")))
        return 0;
    if (!h.has(2, QLatin1String("id")) && !h.has(2, QLatin1String("timestamp")))
        return 0;
    return h.has(2, QLatin1String("extras")) || h.has(2, QLatin1String("args")) ? 90 : 80;
}

void OpenHandsImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray head = file.peek(4096).trimmed();
    file.close();
    if (head.startsWith('[')) {
        importEventArray(path, ctx, sink);
        return;
    }
    json::LineReader reader(path);
    QSet<QString> seenIds;
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const Json rec = json::parse(line, path, n);
        try {
            importInstance(rec, path, n, seenIds, sink);
        } catch (const Json::exception &e) {
            throw ImportError::atLine(path, n, QStringLiteral("unexpected field type: %1").arg(QString::fromUtf8(e.what())));
        }
    }
}

} // namespace reverie::ingest
