#include "core/ingest/formats/OtelGenAiImporter.h"

#include "core/ingest/PlaybookAttribution.h"
#include "core/ingest/formats/JsonProbe.h"
#include "core/ingest/formats/OtelSpans.h"

#include <QFile>

#include <QHash>
#include <QSet>

#include <algorithm>
#include <deque>
#include <map>

namespace reverie::ingest {

using json::Json;
using otel::Span;

namespace {

struct Trace {
    QString id;
    std::vector<Span> spans;
};

// Gathers spans from any number of export requests. A trace's spans may be spread over the
// whole file (exporters batch by time, not by trace), so all spans are held until the end.
class Collector {
public:
    Collector(const QString &path, const ImportContext &ctx) : m_path(path), m_ctx(ctx) {}

    // line > 0: the request is that line of a JSONL file; otherwise `where` locates it.
    // `firstIndex`: the number of resourceSpans of this request read before (streamed ones).
    void add(const Json &request, qint64 line, const QString &where, std::size_t firstIndex = 0);
    std::vector<Trace> traces;

private:
    ImportError fail(qint64 line, const QString &where, const QString &what) const
    {
        const QString msg = where.isEmpty() ? what : QStringLiteral("%1: %2").arg(where, what);
        return line > 0 ? ImportError::atLine(m_path, line, msg) : ImportError::inFile(m_path, msg);
    }
    const Json *arrayField(const Json &obj, const char *key, qint64 line, const QString &where) const
    {
        const Json *v = json::find(obj, key);
        if (v && !v->is_array())
            throw fail(line, where, QStringLiteral("\"%1\" must be an array").arg(QLatin1String(key)));
        return v;
    }

    QString m_path;
    const ImportContext &m_ctx;
    std::map<QString, std::size_t> m_byId;
    std::deque<Json> m_resources;   // a deque keeps the addresses spans point to
    int m_order = 0;
};

void Collector::add(const Json &request, qint64 line, const QString &where, std::size_t firstIndex)
{
    const Json *rss = json::find(request, "resourceSpans");
    if (!rss || !rss->is_array())
        throw fail(line, where, QStringLiteral("expected an OTLP trace export: {\"resourceSpans\": [...]}"));
    for (std::size_t r = 0; r < rss->size(); ++r) {
        const Json &rs = (*rss)[r];
        const QString rsWhere = QStringLiteral("%1resourceSpans[%2]").arg(where.isEmpty() ? QString() : where + QLatin1Char('.')).arg(firstIndex + r);
        const Json *resource = json::find(rs, "resource");
        m_resources.push_back(otel::attributes(resource ? json::find(*resource, "attributes") : nullptr));
        const Json *scopes = arrayField(rs, "scopeSpans", line, rsWhere);
        if (!scopes)
            scopes = arrayField(rs, "instrumentationLibrarySpans", line, rsWhere);   // before OTLP 0.15
        for (std::size_t s = 0; scopes && s < scopes->size(); ++s) {
            const QString ssWhere = QStringLiteral("%1.scopeSpans[%2]").arg(rsWhere).arg(s);
            const Json *scope = json::find((*scopes)[s], "scope");
            const QString scopeName = scope ? json::str(*scope, "name") : QString();
            const Json *spans = arrayField((*scopes)[s], "spans", line, ssWhere);
            for (std::size_t k = 0; spans && k < spans->size(); ++k) {
                const Json &raw = (*spans)[k];
                const QString spanWhere = QStringLiteral("%1.spans[%2]").arg(ssWhere).arg(k);
                const Json *traceId = json::find(raw, "traceId");
                if (!traceId || !traceId->is_string() || traceId->get_ref<const std::string &>().empty())
                    throw fail(line, spanWhere, QStringLiteral("a span needs a \"traceId\" string"));
                Span span;
                span.raw = raw;
                span.traceId = json::toText(*traceId);
                span.spanId = json::str(raw, "spanId");
                span.parentId = json::str(raw, "parentSpanId");
                span.name = json::str(raw, "name");
                span.startNs = otel::nanos(json::find(raw, "startTimeUnixNano"));
                span.endNs = otel::nanos(json::find(raw, "endTimeUnixNano"));
                span.attrs = otel::attributes(json::find(raw, "attributes"));
                span.resource = &m_resources.back();
                span.scope = scopeName;
                if (const Json *status = json::find(raw, "status"); status && status->is_object()) {
                    const QString code = json::str(*status, "code");
                    span.statusCode = code == QLatin1String("STATUS_CODE_ERROR") || code == QLatin1String("ERROR") ? 2
                                      : code == QLatin1String("STATUS_CODE_OK") || code == QLatin1String("OK") ? 1
                                                                                                                : code.toInt();
                    span.statusMessage = json::str(*status, "message");
                }
                span.order = m_order++;
                auto it = m_byId.find(span.traceId);
                if (it == m_byId.end()) {
                    it = m_byId.emplace(span.traceId, traces.size()).first;
                    traces.push_back(Trace{span.traceId, {}});
                }
                traces[it->second].spans.push_back(std::move(span));
            }
        }
        if (m_ctx.cancelled())
            throw ImportCancelled();
    }
}

qint64 toMs(qint64 ns) { return ns < 0 ? -1 : ns / 1000000; }

// Turns one trace into a run: spans in start order, model calls as messages, tool spans as
// call + result, agent and other spans as Other steps. Nothing is dropped: the first step of
// every span holds the span's JSON.
class TraceWriter {
public:
    explicit TraceWriter(Trace &trace) : m_trace(trace) {}
    Trajectory build();

private:
    void message(const otel::ChatMessage &m, qint64 ts);
    Step &push(StepKind kind, const QString &text, qint64 ts)
    {
        Step s;
        s.kind = kind;
        s.text = text;
        s.timestampMs = ts;
        m_t.steps.push_back(std::move(s));
        return m_t.steps.back();
    }

    Trace &m_trace;
    Trajectory m_t;
    QSet<QString> m_executedCalls;          // call ids that have their own execute_tool span
    QString m_instructions;                 // the system instructions last shown
    QHash<QString, QString> m_toolByCallId;
};

void TraceWriter::message(const otel::ChatMessage &m, qint64 ts)
{
    const std::size_t before = m_t.steps.size();
    if (m.role == QLatin1String("tool") || (!m.toolCallId.isEmpty() && m.role != QLatin1String("assistant"))) {
        if (m_executedCalls.contains(m.toolCallId) && !m.toolCallId.isEmpty())
            return;   // the tool's own span tells the same result with timing and status
        Step &s = push(StepKind::Observation, m.text, ts);
        s.callId = m.toolCallId;
        s.tool = m_toolByCallId.value(m.toolCallId);
    } else {
        if (!m.text.isEmpty() || m.calls.empty()) {
            Step &s = push(StepKind::Message, m.text, ts);
            s.role = m.role;
            if (m_t.info.task.isEmpty() && m.role == QLatin1String("user"))
                m_t.info.task = m.text.trimmed();
        }
        for (const otel::ToolRequest &c : m.calls) {
            m_toolByCallId.insert(c.id, c.name);
            if (!c.id.isEmpty() && m_executedCalls.contains(c.id))
                continue;
            Step &s = push(StepKind::ToolCall, c.arguments, ts);
            s.tool = c.name;
            s.callId = c.id;
        }
    }
    for (std::size_t i = before; i < m_t.steps.size(); ++i)
        m_t.steps[i].raw = json::dump(m.raw);
}

Trajectory TraceWriter::build()
{
    std::vector<Span> &spans = m_trace.spans;
    QHash<QString, const Span *> byId;   // only valid until the sort below
    for (const Span &s : spans)
        byId.insert(s.spanId, &s);
    const QSet<QString> ids(byId.keyBegin(), byId.keyEnd());
    for (Span &s : spans) {
        for (const Span *p = byId.value(s.parentId); p && s.depth < int(spans.size()); p = byId.value(p->parentId))
            ++s.depth;   // bounded: a parent cycle in a broken file cannot loop forever
        if (otel::isToolCall(otel::operation(s)))
            m_executedCalls.insert(otel::attr(s, {"gen_ai.tool.call.id", "tool_call.id"}));
    }
    m_executedCalls.remove(QString());
    std::stable_sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        const qint64 sa = a.startNs < 0 ? std::numeric_limits<qint64>::max() : a.startNs;
        const qint64 sb = b.startNs < 0 ? std::numeric_limits<qint64>::max() : b.startNs;
        return sa != sb ? sa < sb : a.depth < b.depth;
    });

    TrajectoryInfo &info = m_t.info;
    info.externalId = m_trace.id;
    Json extra = Json::object();
    qint64 inTokens = 0, outTokens = 0;
    QString agentInput, rootStatus;
    QSet<QString> scopes;
    std::size_t history = 0;   // input messages already shown: each model call repeats the chat so far
    for (const Span &s : spans) {
        const QString op = otel::operation(s);
        const std::size_t before = m_t.steps.size();
        const qint64 start = toMs(s.startNs), end = toMs(s.endNs);
        const qint64 duration = start >= 0 && end >= start ? end - start : -1;
        const bool failed = s.statusCode == 2;
        if (info.model.isEmpty())
            info.model = otel::attr(s, {"gen_ai.response.model", "gen_ai.request.model", "llm.model_name"});
        if (info.agent.isEmpty())
            info.agent = otel::attr(s, {"gen_ai.agent.name", "agent.name"});
        if (const int v = info.playbookVersion > 0 ? 0 : otel::playbookVersion(s); v > 0) {
            info.playbookVersion = v;
            info.playbookSource = playbook_source::explicitly();
        }
        if (!extra.contains("provider")) {
            const QString provider = otel::attr(s, {"gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system"});
            if (!provider.isEmpty())
                extra["provider"] = provider.toStdString();
        }
        inTokens += qMax<qint64>(0, otel::attrInt(s, {"gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens",
                                                     "llm.token_count.prompt"}));
        outTokens += qMax<qint64>(0, otel::attrInt(s, {"gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens",
                                                      "llm.token_count.completion"}));
        if (start >= 0)
            info.startedMs = info.startedMs < 0 ? start : qMin(info.startedMs, start);
        info.endedMs = qMax(info.endedMs, qMax(start, end));
        if (!ids.contains(s.parentId) && (failed || rootStatus.isEmpty()))
            rootStatus = failed ? QStringLiteral("error") : s.statusCode == 1 ? QStringLiteral("ok") : rootStatus;

        if (otel::isModelCall(op)) {
            auto ins = otel::inputMessages(s);
            const auto outs = otel::outputMessages(s);
            // Instructions repeat on every call: shown when they change, never counted as history.
            if (!ins.empty() && ins.front().instructions) {
                if (ins.front().text != m_instructions)
                    message(ins.front(), start);
                m_instructions = ins.front().text;
                ins.erase(ins.begin());
            }
            for (std::size_t i = ins.size() >= history ? history : 0; i < ins.size(); ++i)
                message(ins[i], start);
            const std::size_t answerAt = m_t.steps.size();
            for (const auto &m : outs)
                message(m, end);
            history = ins.size() + outs.size();
            if (m_t.steps.size() == answerAt) {
                // Content capture is off by default in OpenTelemetry: the call is still a step.
                Step &st = push(StepKind::Other, s.name, start);
                st.role = QStringLiteral("assistant");
                st.raw = json::dump(s.raw);
            }
            m_t.steps[answerAt].durationMs = duration;
            m_t.steps[answerAt].isError = failed;
        } else if (otel::isToolCall(op)) {
            QString tool = otel::attr(s, {"gen_ai.tool.name", "tool.name"});
            if (tool.isEmpty())
                tool = s.name.section(QLatin1Char(' '), 1).trimmed();
            const QString callId = otel::attr(s, {"gen_ai.tool.call.id", "tool_call.id"});
            Step &call = push(StepKind::ToolCall, otel::attr(s, {"gen_ai.tool.call.arguments", "input.value"}), start);
            call.tool = tool;
            call.callId = callId;
            QString result = otel::attr(s, {"gen_ai.tool.call.result", "output.value"});
            if (failed) {
                QStringList why{result, s.statusMessage};
                if (const Json *events = json::find(s.raw, "events"); events && events->is_array()) {
                    for (const Json &ev : *events) {
                        if (json::str(ev, "name") == QLatin1String("exception"))
                            why << json::str(otel::attributes(json::find(ev, "attributes")), "exception.message");
                    }
                }
                why.removeAll(QString());
                result = why.join(QLatin1Char('\n'));
            }
            Step &obs = push(StepKind::Observation, result, end >= 0 ? end : start);
            obs.tool = tool;
            obs.callId = callId;
            obs.isError = failed;
            obs.durationMs = duration;
            obs.raw = json::dump(s.raw);   // the span is the result's only record
        } else {
            const QString input = otel::attr(s, {"input.value"});
            if (otel::isAgent(op) && agentInput.isEmpty())
                agentInput = input;
            QStringList text{s.name, input, s.statusMessage};
            text.removeAll(QString());
            Step &st = push(StepKind::Other, text.join(QLatin1Char('\n')), start);
            st.role = otel::isAgent(op) ? QStringLiteral("agent") : op;
            st.isError = failed;
            st.durationMs = duration;
        }
        m_t.steps[before].raw = json::dump(s.raw);
        if (!s.scope.isEmpty())
            scopes.insert(s.scope);
        if (s.resource && extra.find("resource") == extra.end())
            extra["resource"] = *s.resource;
    }
    if (info.task.isEmpty())
        info.task = agentInput;
    const Json *resource = extra.contains("resource") ? &extra["resource"] : nullptr;
    info.workflow = resource ? json::str(*resource, "service.name") : QString();
    if (info.workflow.isEmpty())
        info.workflow = info.agent.isEmpty() ? QStringLiteral("otel") : info.agent;
    info.outcome = rootStatus;
    extra["span_count"] = spans.size();
    QStringList scopeNames(scopes.begin(), scopes.end());
    scopeNames.sort();
    for (const QString &name : std::as_const(scopeNames))
        extra["scopes"].push_back(name.toStdString());
    extra["usage"] = {{"input_tokens", inTokens}, {"output_tokens", outTokens}};
    info.extra = json::dump(extra);
    return std::move(m_t);
}

// JSONL when the first non-blank line is a whole JSON object by itself.
// Whether the file's first non-blank byte opens an array (a list of export requests).
bool startsWithArray(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = file.read(4096).trimmed();
    return head.startsWith('[');
}

bool isJsonLines(const QString &path)
{
    json::LineReader reader(path);
    std::string line;
    while (reader.next(line)) {
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        return line[line.find_first_not_of(" \t")] == '{' && json::findExcessiveNesting(line) < 0 && Json::accept(line);
    }
    return false;
}

} // namespace

QString OtelGenAiImporter::description() const
{
    return QStringLiteral("OpenTelemetry GenAI / OpenInference spans as OTLP JSON or JSONL: one run per trace");
}

int OtelGenAiImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonProbe probe = JsonProbe::of(std::string_view(head.constData(), std::size_t(head.size())));
    if (probe.shape != JsonProbe::Shape::Object || !probe.topKeys.contains(QStringLiteral("resourceSpans")))
        return 0;
    return path.endsWith(QLatin1String(".json")) || path.endsWith(QLatin1String(".jsonl")) ? 96 : 95;
}

void OtelGenAiImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    Collector spans(path, ctx);
    if (isJsonLines(path)) {
        json::LineReader reader(path);
        std::string line;
        while (reader.next(line)) {
            if (line.find_first_not_of(" \t") == std::string::npos)
                continue;
            const qint64 n = reader.lineNumber();
            const Json request = json::parse(line, path, n);
            try {
                spans.add(request, n, QString());
            } catch (const Json::exception &e) {
                throw ImportError::atLine(path, n, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
            }
            ctx.tick(reader.offset(), reader.size());
        }
    } else {
        // The document is streamed, one export request (or one resourceSpans entry) at a time.
        // The spans themselves are kept until the end: a trace's spans may be anywhere in a file.
        try {
            if (startsWithArray(path)) {
                json::forEachArrayElement(path, ctx, [&](Json &&request, qint64 i) {
                    spans.add(request, 0, QStringLiteral("[%1]").arg(i));
                });
            } else {
                const Json::value_t type = json::forEachElementOf(path, ctx, "resourceSpans", [&](Json &&rs, qint64 i) {
                    Json request = Json::object();
                    request["resourceSpans"] = Json::array({std::move(rs)});
                    spans.add(request, 0, QString(), std::size_t(i));
                });
                if (type != Json::value_t::array)
                    throw ImportError::inFile(path, QStringLiteral("expected an OTLP trace export: {\"resourceSpans\": [...]}"));
            }
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    for (Trace &trace : spans.traces)
        sink.write(TraceWriter(trace).build());
}

} // namespace reverie::ingest
