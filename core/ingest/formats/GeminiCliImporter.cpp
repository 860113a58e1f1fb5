#include "core/ingest/formats/GeminiCliImporter.h"

#include "core/ingest/formats/GeminiCheckpoint.h"
#include "core/ingest/formats/JsonProbe.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace reverie::ingest {

using json::Json;

namespace {

// One saved session: user and gemini messages; a gemini message carries its thoughts (plan
// steps), its text, and the tool calls it made with their results (one call and one
// observation step each). Messages are streamed in, so memory stays bounded by one message.
class SessionReader {
public:
    SessionReader(const QString &path, TrajectorySink &sink, TrajectoryInfo info, Json extra)
        : m_path(path), m_sink(sink), m_info(std::move(info)), m_extra(std::move(extra))
    {
        m_handle = m_sink.begin(m_info);
    }

    void message(const Json &m, qint64 index);
    void finish();

private:
    ImportError fail(const QString &what) const
    {
        return ImportError::inFile(m_path, QStringLiteral("messages[%1]: %2").arg(m_index).arg(what));
    }
    qint64 timeOf(const Json &obj, const char *key, qint64 fallback) const;
    void toolCall(const Json &call, std::size_t k, qint64 ts, std::vector<Step> &steps) const;

    QString m_path;
    TrajectorySink &m_sink;
    TrajectoryInfo m_info;
    Json m_extra;
    qint64 m_handle = 0;
    qint64 m_index = 0;
    qint64 m_first = -1;
    qint64 m_last = -1;
    QStringList m_models;
    std::map<std::string, qint64> m_tokens;   // summed over the messages
};

qint64 SessionReader::timeOf(const Json &obj, const char *key, qint64 fallback) const
{
    const Json *stamp = json::find(obj, key);
    if (!stamp || stamp->is_null())
        return fallback;
    const qint64 ts = json::parseTimestamp(*stamp);
    if (ts < 0)
        throw fail(QStringLiteral("\"%1\" is not an ISO 8601 time").arg(QLatin1String(key)));
    return ts;
}

void SessionReader::message(const Json &m, qint64 index)
{
    m_index = index;
    if (!m.is_object())
        throw fail(QStringLiteral("expected a message object {id, timestamp, type, content, ...}"));
    const Json *typeValue = json::find(m, "type");
    if (!typeValue || !typeValue->is_string())
        throw fail(QStringLiteral("\"type\" must be a string such as \"user\" or \"gemini\""));
    const QString type = json::toText(*typeValue);
    const qint64 ts = timeOf(m, "timestamp", -1);
    if (ts >= 0) {
        m_first = m_first < 0 ? ts : qMin(m_first, ts);
        m_last = qMax(m_last, ts);
    }
    const Json *content = json::find(m, "content");
    if (content && !content->is_null() && !content->is_string() && !content->is_array() && !content->is_object())
        throw fail(QStringLiteral("\"content\" must be a string or an array of parts"));
    const Json *thoughts = json::find(m, "thoughts");
    if (thoughts && !thoughts->is_null() && !thoughts->is_array())
        throw fail(QStringLiteral("\"thoughts\" must be an array"));
    const Json *calls = json::find(m, "toolCalls");
    if (calls && !calls->is_null() && !calls->is_array())
        throw fail(QStringLiteral("\"toolCalls\" must be an array"));
    if (const QString model = json::str(m, "model"); !model.isEmpty() && !m_models.contains(model))
        m_models << model;
    if (const Json *tokens = json::find(m, "tokens"); tokens && tokens->is_object()) {
        for (auto it = tokens->begin(); it != tokens->end(); ++it) {
            if (it.value().is_number_integer() || it.value().is_number_unsigned())
                m_tokens[it.key()] += it.value().get<qint64>();
        }
    }

    const bool user = type == QLatin1String("user");
    const bool assistant = type == QLatin1String("gemini") || type == QLatin1String("model");
    const QString role = user ? QStringLiteral("user") : assistant ? QStringLiteral("assistant") : QStringLiteral("system");
    std::vector<Step> steps;
    for (std::size_t k = 0; thoughts && thoughts->is_array() && k < thoughts->size(); ++k) {
        const Json &t = (*thoughts)[k];
        Step s;
        s.kind = StepKind::Plan;
        s.role = role;
        s.timestampMs = t.is_object() ? timeOf(t, "timestamp", ts) : ts;
        s.text = t.is_object() ? QStringList{json::str(t, "subject"), json::str(t, "description")}.join(QLatin1Char('\n')).trimmed()
                               : json::toText(t);
        s.raw = json::dump(t);
        steps.push_back(std::move(s));
    }
    const bool hasCalls = calls && calls->is_array() && !calls->empty();
    const QString text = content ? gemini::partsText(*content) : QString();
    if (!text.isEmpty() || (!hasCalls && steps.empty()) || user) {
        Step s;
        // "info", "warning" and "error" messages are the CLI's own notes, not the model's.
        s.kind = user || assistant ? StepKind::Message : StepKind::Other;
        s.role = role;
        s.timestampMs = ts;
        s.text = text;
        s.isError = type == QLatin1String("error");
        if (!steps.empty()) {   // after the thoughts: the message without the parts they hold
            Json own = m;
            own.erase("thoughts");
            own.erase("toolCalls");
            s.raw = json::dump(own);
        }
        if (user && m_info.task.isEmpty())
            m_info.task = text.trimmed();
        steps.push_back(std::move(s));
    }
    for (std::size_t k = 0; hasCalls && k < calls->size(); ++k)
        toolCall((*calls)[k], k, ts, steps);
    steps.front().raw = json::dump(m);   // the first step of a message holds all of it
    for (const Step &s : steps)
        m_sink.addStep(m_handle, s);
}

void SessionReader::toolCall(const Json &call, std::size_t k, qint64 ts, std::vector<Step> &steps) const
{
    if (!call.is_object())
        throw fail(QStringLiteral("toolCalls[%1] must be an object {id, name, args, result, status}").arg(k));
    const Json *name = json::find(call, "name");
    if (!name || !name->is_string())
        throw fail(QStringLiteral("toolCalls[%1]: \"name\" must be a string").arg(k));
    const Json *result = json::find(call, "result");
    if (result && !result->is_null() && !result->is_array())
        throw fail(QStringLiteral("toolCalls[%1]: \"result\" must be an array of parts").arg(k));

    Step c;
    c.kind = StepKind::ToolCall;
    c.tool = json::toText(*name);
    c.callId = json::str(call, "id");
    if (c.callId.isEmpty())
        c.callId = QStringLiteral("messages[%1].toolCalls[%2]").arg(m_index).arg(k);
    c.timestampMs = timeOf(call, "timestamp", ts);
    const Json *args = json::find(call, "args");
    c.text = args && !args->is_null() ? json::toText(*args) : QString();
    Json callRaw = call;   // the call without its outcome; the observation holds that
    Json resultRaw = Json::object();
    for (const char *key : {"id", "status", "result", "resultDisplay"}) {
        if (const Json *v = json::find(call, key))
            resultRaw[key] = *v;
        if (std::string_view(key) != "id")
            callRaw.erase(key);
    }
    c.raw = json::dump(callRaw);

    Step o;
    o.kind = StepKind::Observation;
    o.tool = c.tool;
    o.callId = c.callId;
    o.timestampMs = c.timestampMs;
    o.raw = json::dump(resultRaw);
    const QString status = json::str(call, "status");
    QStringList texts;
    for (std::size_t i = 0; result && result->is_array() && i < result->size(); ++i) {
        const Json &part = (*result)[i];
        if (const Json *fr = json::find(part, "functionResponse"); fr && fr->is_object()) {
            const gemini::ToolResult r = gemini::functionResult(*fr);
            o.isError = o.isError || r.isError;
            texts << r.text;
        } else {
            texts << gemini::partsText(part);
        }
    }
    o.text = texts.join(QLatin1Char('\n')).trimmed();
    if (o.text.isEmpty())
        o.text = json::str(call, "resultDisplay");
    // "error" and "cancelled" (the user declined the call) are failures; so is an unknown status.
    if (!status.isEmpty() && status != QLatin1String("success")) {
        o.isError = true;
        if (o.text.isEmpty())
            o.text = status;
    }
    steps.push_back(std::move(c));
    steps.push_back(std::move(o));
}

void SessionReader::finish()
{
    if (m_info.startedMs < 0)
        m_info.startedMs = m_first;
    if (m_info.endedMs < 0)
        m_info.endedMs = m_last;
    if (!m_models.isEmpty())
        m_info.model = m_models.front();
    if (m_models.size() > 1)
        m_extra["models"] = m_models.join(QLatin1Char(',')).toStdString();
    if (!m_tokens.empty())
        m_extra["tokens"] = m_tokens;
    m_info.extra = json::dump(m_extra);
    m_sink.finish(m_handle, m_info);
}

void importSession(const QString &path, const ImportContext &ctx, TrajectorySink &sink, Json header)
{
    TrajectoryInfo info;
    const Json *id = json::find(header, "sessionId");
    if (id && !id->is_string())
        throw ImportError::inFile(path, QStringLiteral("\"sessionId\" must be a string"));
    info.externalId = id ? json::toText(*id) : QFileInfo(path).completeBaseName();
    info.workflow = gemini::workflowName();
    info.agent = gemini::agentName();
    for (const char *key : {"startTime", "lastUpdated"}) {
        const Json *stamp = json::find(header, key);
        const qint64 ms = stamp && !stamp->is_null() ? json::parseTimestamp(*stamp) : -1;
        if (stamp && !stamp->is_null() && ms < 0)
            throw ImportError::inFile(path, QStringLiteral("\"%1\" is not an ISO 8601 time").arg(QLatin1String(key)));
        (std::string_view(key) == "startTime" ? info.startedMs : info.endedMs) = ms;
    }
    for (const char *mapped : {"sessionId", "startTime", "lastUpdated"})
        header.erase(mapped);

    SessionReader reader(path, sink, info, std::move(header));
    json::forEachElementOf(path, ctx, "messages", [&](Json &&m, qint64 index) {
        try {
            reader.message(m, index);
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("messages[%1]: unexpected value: %2").arg(index).arg(QString::fromUtf8(e.what())));
        }
    });
    reader.finish();
}

} // namespace

QString GeminiCliImporter::description() const
{
    return QStringLiteral("Gemini CLI saved session (session-*.json: {sessionId, messages}) or /chat save checkpoint");
}

int GeminiCliImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonProbe p = JsonProbe::of(std::string_view(head.constData(), std::size_t(head.size())));
    const QString file = QFileInfo(path).fileName();
    if (p.shape == JsonProbe::Shape::Object) {
        const auto top = [&](const char *key) { return p.topKeys.contains(QLatin1String(key)); };
        if (top("sessionId") && top("messages")) {
            // Gemini messages are {type, content}; a "role" means some other chat format.
            if (p.firstMessageKeys.contains(QStringLiteral("role")))
                return 0;
            const int score = top("projectHash") ? 96 : 88;
            return file.startsWith(QLatin1String("session-")) ? score + 2 : score;
        }
        if (top("sessionId") && top("projectHash") && top("startTime"))
            return 85;   // the messages lie beyond the head
        // A newer checkpoint: {"history": [{role, parts}], ...}; OpenHands output has instance_id.
        if (top("history") && !top("instance_id") && p.keys.contains(QStringLiteral("parts")) && p.roles.contains(QStringLiteral("model")))
            return 80;
        return 0;
    }
    if (p.shape != JsonProbe::Shape::Array || !p.firstElementKeys.contains(QStringLiteral("role"))
        || !p.firstElementKeys.contains(QStringLiteral("parts")) || p.firstElementKeys.contains(QStringLiteral("content")))
        return 0;
    // {role, parts} is the Gemini API's Content; "model" and camelCase function parts are its own.
    if (p.roles.contains(QStringLiteral("model")) || p.keys.contains(QStringLiteral("functionCall"))
        || p.keys.contains(QStringLiteral("functionResponse")))
        return 85;
    return file.startsWith(QLatin1String("checkpoint-")) ? 70 : 0;
}

void GeminiCliImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    QByteArray head = file.peek(4096);
    file.close();
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    if (head.trimmed().startsWith('[')) {
        gemini::importCheckpoint(path, ctx, sink, nullptr);
        return;
    }
    Json::value_t messages = Json::value_t::discarded;
    Json header = json::parseFileWithout(path, ctx, "messages", messages);
    if (messages == Json::value_t::array) {
        importSession(path, ctx, sink, std::move(header));
        return;
    }
    if (messages != Json::value_t::discarded)
        throw ImportError::inFile(path, QStringLiteral("\"messages\" must be an array of messages"));
    if (const Json *history = json::find(header, "history"); history && history->is_array()) {
        gemini::importCheckpoint(path, ctx, sink, history);
        return;
    }
    throw ImportError::atOffset(path, 0, QStringLiteral("expected a Gemini CLI session {\"sessionId\", \"messages\": [...]} "
                                                        "or a /chat save checkpoint (an array of {\"role\", \"parts\"})"));
}

} // namespace reverie::ingest
