#include "core/ingest/formats/CodexRollout.h"

#include "core/ingest/formats/ChatContent.h"
#include "core/ingest/formats/CodexToolOutput.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <limits>

namespace reverie::ingest::codex {

namespace {

// A queued observation waits this many lines for its exec_command_end before it is handed over.
constexpr qint64 kEventWindow = 64;

// Text the harness puts into the conversation as a "user" message: instructions and context,
// not something a person asked.
bool isInjectedContext(const QString &text)
{
    static const QLatin1String prefixes[] = {
        QLatin1String("<environment_context>"), QLatin1String("<user_instructions>"),
        QLatin1String("# AGENTS.md instructions"), QLatin1String("<permissions instructions>"),
        QLatin1String("<INSTRUCTIONS>"), QLatin1String("<user_shell_command>"),
    };
    const QString t = text.trimmed();
    for (const QLatin1String &p : prefixes) {
        if (t.startsWith(p))
            return true;
    }
    return false;
}

QString joined(const Json &value)
{
    if (!value.is_array())
        return json::toText(value);
    QStringList parts;
    for (const Json &v : value)
        parts << json::toText(v);
    return parts.join(QLatin1Char(' '));
}

QString nonEmpty(const QString &a, const QString &b) { return a.isEmpty() ? b : a; }

} // namespace

RunBuilder::RunBuilder(const QString &path, TrajectorySink &sink, QString shape) : m_path(path), m_sink(sink)
{
    m_extra["shape"] = shape.toStdString();
    m_info.agent = QStringLiteral("codex-cli");
}

void RunBuilder::seeTime(qint64 ts)
{
    if (ts < 0)
        return;
    m_info.startedMs = m_info.startedMs < 0 ? ts : qMin(m_info.startedMs, ts);
    m_info.endedMs = qMax(m_info.endedMs, ts);
}

void RunBuilder::push(Step &&s, bool awaiting)
{
    m_queue.push_back(Pending{std::move(s), m_line, awaiting});
}

void RunBuilder::emitStep(const Step &s)
{
    if (m_handle < 0) {
        if (m_info.externalId.isEmpty()) {
            // rollout-2025-09-24T20-12-23-<uuid>.jsonl: the uuid is the session id.
            static const QRegularExpression uuid(QStringLiteral("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                                                                "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
            const QString base = QFileInfo(m_path).completeBaseName();
            const auto m = uuid.match(base);
            m_info.externalId = m.hasMatch() ? m.captured(0) : base;
        }
        m_handle = m_sink.begin(m_info);
    }
    if (s.kind == StepKind::Observation && !s.isError)
        m_passedCalls.insert(s.callId);
    m_sink.addStep(m_handle, s);
}

void RunBuilder::advance(qint64 line)
{
    m_line = line;
    while (!m_queue.empty()) {
        const Pending &p = m_queue.front();
        if (p.awaiting && line - p.line < kEventWindow)
            break;
        emitStep(p.step);
        m_queue.pop_front();
    }
}

void RunBuilder::noteTask(const QString &text, bool fromEvent)
{
    // The user_message event holds what the person typed; a response item's user message is
    // the fallback for versions that wrote no events.
    QString t = text.trimmed();
    if (t.isEmpty() || isInjectedContext(t) || m_taskFromEvent || (!fromEvent && !m_info.task.isEmpty()))
        return;
    // The IDE extension prefixes open tabs and the active file; the request follows this heading.
    const QLatin1String request("## My request for Codex:");
    if (const qsizetype at = t.lastIndexOf(request); at >= 0)
        t = t.mid(at + request.size()).trimmed();
    m_info.task = t;
    m_taskFromEvent = fromEvent;
}

void RunBuilder::sessionMeta(const Json &meta, QByteArray &&raw, qint64 ts)
{
    const Json *metaTime = json::find(meta, "timestamp");
    const qint64 when = ts >= 0 || !metaTime ? ts : json::parseTimestamp(*metaTime);
    seeTime(when);
    Step s;
    s.timestampMs = when;
    s.raw = std::move(raw);
    const QString instructions = json::str(meta, "instructions");
    if (!instructions.trimmed().isEmpty()) {
        // Where Codex recorded the instructions it ran with: a published playbook shows up here.
        s.kind = StepKind::Message;
        s.role = QStringLiteral("system");
        s.text = instructions;
    } else {
        s.kind = StepKind::Other;
        s.role = QStringLiteral("session_meta");
        s.text = QStringList{QStringLiteral("session"), json::str(meta, "originator"), json::str(meta, "cli_version")}
                     .join(QLatin1Char(' ')).trimmed();
    }
    if (!m_sawMeta) {
        m_sawMeta = true;
        m_info.externalId = json::str(meta, "id");
        m_info.cwd = json::str(meta, "cwd");
        for (const char *key : {"cli_version", "originator", "source", "model_provider", "git"}) {
            if (const Json *v = json::find(meta, key); v && !v->is_null())
                m_extra[key] = *v;
        }
    } else if (const QString id = json::str(meta, "id"); !id.isEmpty() && id != m_info.externalId) {
        // A resumed or forked session repeats an earlier session's header: the run stays this file's.
        m_extra["other_sessions"].push_back(id.toStdString());
    }
    push(std::move(s));
}

void RunBuilder::turnContext(const Json &context, QByteArray &&raw, qint64 ts)
{
    seeTime(ts);
    const QString model = json::str(context, "model");
    if (!model.isEmpty()) {
        if (m_info.model.isEmpty())
            m_info.model = model;
        if (std::find(m_models.begin(), m_models.end(), model.toStdString()) == m_models.end())
            m_models.push_back(model.toStdString());
    }
    if (m_info.cwd.isEmpty())
        m_info.cwd = json::str(context, "cwd");
    Step s;
    s.kind = StepKind::Other;
    s.role = QStringLiteral("turn_context");
    s.timestampMs = ts;
    s.text = QStringLiteral("model %1, approval %2").arg(model, json::str(context, "approval_policy"));
    s.raw = std::move(raw);
    push(std::move(s));
}

void RunBuilder::responseItem(const Json &item, QByteArray &&raw, qint64 ts)
{
    seeTime(ts);
    const QString type = json::str(item, "type");
    ++m_typeCounts["response_item/" + type.toStdString()];
    Step s;
    s.timestampMs = ts;
    s.raw = std::move(raw);
    bool awaiting = false;
    const QString callId = json::str(item, "call_id");
    if (type == QLatin1String("message")) {
        s.kind = StepKind::Message;
        const Json *content = json::find(item, "content");
        s.text = content ? chat::contentText(*content) : QString();
        s.role = json::str(item, "role");
        if (s.role == QLatin1String("developer") || (s.role == QLatin1String("user") && isInjectedContext(s.text)))
            s.role = QStringLiteral("system");
        if (s.role == QLatin1String("user"))
            noteTask(s.text, false);
    } else if (type == QLatin1String("reasoning")) {
        s.kind = StepKind::Plan;
        s.role = QStringLiteral("assistant");
        const Json *summary = json::find(item, "summary");
        const Json *content = json::find(item, "content");
        s.text = nonEmpty(summary ? chat::contentText(*summary) : QString(),
                          content ? chat::contentText(*content) : QString());
    } else if (type == QLatin1String("function_call") || type == QLatin1String("custom_tool_call")
               || type == QLatin1String("local_shell_call") || type == QLatin1String("web_search_call")) {
        s.kind = StepKind::ToolCall;
        s.role = QStringLiteral("assistant");
        s.callId = nonEmpty(callId, json::str(item, "id"));
        const Json *action = json::find(item, "action");
        if (type == QLatin1String("local_shell_call")) {
            s.tool = QStringLiteral("local_shell");
            const Json *command = action ? json::find(*action, "command") : nullptr;
            s.text = command ? joined(*command) : QString();
        } else if (type == QLatin1String("web_search_call")) {
            s.tool = QStringLiteral("web_search");
            s.text = action ? json::str(*action, "query") : QString();
        } else {
            s.tool = json::str(item, "name");
            const Json *input = json::find(item, type == QLatin1String("function_call") ? "arguments" : "input");
            s.text = input ? json::toText(*input) : QString();
        }
        if (!s.callId.isEmpty())
            m_toolByCallId.insert(s.callId, s.tool);
    } else if (type == QLatin1String("function_call_output") || type == QLatin1String("custom_tool_call_output")) {
        s.kind = StepKind::Observation;
        s.role = QStringLiteral("tool");
        s.callId = callId;
        s.tool = m_toolByCallId.value(callId);
        const Json *output = json::find(item, "output");
        const ToolOutput out = readToolOutput(output ? *output : Json());
        s.text = out.text;
        s.isError = out.failed;
        if (!out.decided) {
            if (const auto it = m_endedBeforeOutput.constFind(callId); it != m_endedBeforeOutput.cend())
                s.isError = it.value();
            else
                awaiting = !callId.isEmpty();
        }
        m_endedBeforeOutput.remove(callId);
    } else {
        // ghost_snapshot (the CLI's undo commit), compaction summaries, and kinds added later.
        s.kind = StepKind::Other;
        s.role = type;
        const Json *ghost = json::find(item, "ghost_commit");
        s.text = ghost ? QStringLiteral("ghost snapshot %1").arg(json::str(*ghost, "id")) : type;
    }
    push(std::move(s), awaiting);
}

// An exec_command_end / patch_apply_end: the command's own verdict, applied to its observation.
void RunBuilder::commandEnded(const QString &callId, bool failed, Step &event)
{
    if (callId.isEmpty())
        return;
    for (auto it = m_queue.rbegin(); it != m_queue.rend(); ++it) {
        if (it->step.kind == StepKind::Observation && it->step.callId == callId) {
            if (it->awaiting)
                it->step.isError = failed;
            it->awaiting = false;
            return;
        }
    }
    if (m_passedCalls.contains(callId))
        event.isError = failed;   // its output was handed over already: the failure stays on record here
    else
        m_endedBeforeOutput.insert(callId, failed);
}

void RunBuilder::eventMsg(const Json &event, QByteArray &&raw, qint64 ts)
{
    seeTime(ts);
    const QString type = json::str(event, "type");
    ++m_typeCounts["event_msg/" + type.toStdString()];
    Step s;
    s.kind = StepKind::Other;
    s.role = type;
    s.timestampMs = ts;
    s.raw = std::move(raw);
    s.text = type;
    // user_message, agent_message and agent_reasoning repeat response items for the UI: they stay
    // Other steps so that nothing counts twice, but they name the task best.
    if (type == QLatin1String("user_message")) {
        s.text = json::str(event, "message");
        noteTask(s.text, true);
    } else if (type == QLatin1String("agent_message") || type == QLatin1String("agent_reasoning")) {
        s.text = nonEmpty(json::str(event, "message"), json::str(event, "text"));
    } else if (type == QLatin1String("token_count")) {
        const Json *info = json::find(event, "info");
        const Json *total = info ? json::find(*info, "total_token_usage") : nullptr;
        if (total && total->is_object()) {
            m_extra["token_usage"] = *total;
            s.text = QStringLiteral("token_count %1").arg(json::integer(*total, "total_tokens", 0));
        }
    } else if (type == QLatin1String("exec_command_end") || type == QLatin1String("patch_apply_end")) {
        const QString callId = json::str(event, "call_id");
        s.callId = callId;
        s.tool = m_toolByCallId.value(callId);
        bool failed = false;
        if (type == QLatin1String("exec_command_end")) {
            const qint64 code = json::integer(event, "exit_code", 0);
            failed = code != 0;
            s.text = QStringLiteral("exit code %1").arg(code);
        } else {
            const Json *ok = json::find(event, "success");
            failed = ok && ok->is_boolean() && !ok->get<bool>();
            s.text = failed ? QStringLiteral("patch failed: %1").arg(json::str(event, "stderr")) : QStringLiteral("patch applied");
        }
        commandEnded(callId, failed, s);
    } else if (type == QLatin1String("task_complete")) {
        s.kind = StepKind::Outcome;
        s.text = nonEmpty(json::str(event, "last_agent_message"), QStringLiteral("task complete"));
        m_info.outcome = QStringLiteral("completed");
    } else if (type == QLatin1String("turn_aborted")) {
        s.kind = StepKind::Outcome;
        const QString reason = json::str(event, "reason");
        s.text = QStringLiteral("turn aborted: %1").arg(nonEmpty(reason, QStringLiteral("unknown reason")));
        m_info.outcome = reason.isEmpty() ? QStringLiteral("aborted") : QStringLiteral("aborted (%1)").arg(reason);
    }
    push(std::move(s));
}

void RunBuilder::other(const QString &type, const QString &label, QByteArray &&raw, qint64 ts)
{
    seeTime(ts);
    ++m_typeCounts[type.toStdString()];
    Step s;
    s.kind = StepKind::Other;
    s.role = type;
    s.text = label;
    s.timestampMs = ts;
    s.raw = std::move(raw);
    push(std::move(s));
}

void RunBuilder::finish()
{
    advance(std::numeric_limits<qint64>::max());
    if (m_handle < 0)
        return;
    // The project folder names the kind of work, as for Claude Code; Windows paths use backslashes.
    QString folder = m_info.cwd;
    folder.replace(QLatin1Char('\\'), QLatin1Char('/'));
    m_info.workflow = QFileInfo(QDir::cleanPath(folder)).fileName();
    if (m_info.workflow.isEmpty())
        m_info.workflow = QStringLiteral("codex-cli");
    Json counts = Json::object();
    for (const auto &[type, count] : m_typeCounts)
        counts[type] = count;
    m_extra["record_types"] = std::move(counts);
    if (!m_models.empty())
        m_extra["models"] = m_models;
    m_info.extra = json::dump(m_extra);
    m_sink.finish(m_handle, m_info);
}

} // namespace reverie::ingest::codex
