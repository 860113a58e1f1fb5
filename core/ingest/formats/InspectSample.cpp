#include "core/ingest/formats/InspectSample.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/RecordRaw.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <optional>

namespace reverie::ingest::inspect {

using json::Json;

namespace {

constexpr QLatin1String kAttachmentScheme("attachment://");

// Inspect moves long strings out of messages and events into the sample's "attachments" map
// and leaves "attachment://<hash>" in their place; put them back so steps read as written.
void resolveAttachments(Json &value, const Json &attachments)
{
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        if (s.rfind("attachment://", 0) == 0) {
            const auto it = attachments.find(s.substr(std::size_t(kAttachmentScheme.size())));
            if (it != attachments.end() && it->is_string())
                value = *it;
        }
    } else if (value.is_structured()) {
        for (Json &child : value)
            resolveAttachments(child, attachments);
    }
}

// Message content is a string or a list of typed parts; text and reasoning are kept apart.
void splitContent(const Json *content, QString &text, QString &reasoning)
{
    if (!content || content->is_null())
        return;
    if (!content->is_array()) {
        text = json::toText(*content);
        return;
    }
    QStringList texts, thoughts;
    for (const Json &part : *content) {
        const QString type = json::str(part, "type");
        if (part.is_string())
            texts << json::toText(part);
        else if (type == QLatin1String("reasoning"))
            thoughts << json::str(part, "reasoning");
        else if (type == QLatin1String("text"))
            texts << json::str(part, "text");
        else if (!type.isEmpty())
            texts << QStringLiteral("[%1]").arg(type);   // images, audio...: the raw step keeps them
    }
    text = texts.join(QLatin1Char('\n'));
    reasoning = thoughts.join(QLatin1Char('\n'));
}

Step makeStep(StepKind kind, const QString &text, const QByteArray &raw, const QString &role = {})
{
    Step s;
    s.kind = kind;
    s.text = text;
    s.raw = raw;
    s.role = role;
    return s;
}

// C/I are Inspect's correct/incorrect; 1/0 and true/false mean the same. Anything else
// (P for partial, N for no answer, a dict of values) is left for a person to judge.
std::optional<Verdict> verdictFromScore(const Json &value)
{
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        if (s == "C")
            return Verdict::Success;
        if (s == "I")
            return Verdict::Failure;
    } else if (value.is_boolean()) {
        return value.get<bool>() ? Verdict::Success : Verdict::Failure;
    } else if (value.is_number()) {
        const double v = value.get<double>();
        if (v == 1.0)
            return Verdict::Success;
        if (v == 0.0)
            return Verdict::Failure;
    }
    return std::nullopt;
}

} // namespace

LogFacts readLogFacts(const Json &header)
{
    LogFacts f;
    const Json *eval = json::find(header, "eval");
    if (eval && eval->is_object()) {
        f.task = json::str(*eval, "task");
        f.model = json::str(*eval, "model");
        f.evalKey = json::str(*eval, "eval_id");
        f.agent = json::str(*eval, "solver");
        if (const Json *scorers = json::find(*eval, "scorers"); scorers && scorers->is_array() && !scorers->empty())
            f.scorer = json::str(scorers->front(), "name");
    }
    if (f.evalKey.isEmpty())
        f.evalKey = f.task.isEmpty() ? QStringLiteral("inspect") : f.task;
    if (f.agent.isEmpty()) {
        // Without a named solver, the plan's steps ("system_message+generate") say what ran.
        QStringList solvers;
        if (const Json *plan = json::find(header, "plan"))
            if (const Json *steps = json::find(*plan, "steps"); steps && steps->is_array())
                for (const Json &s : *steps)
                    solvers << json::str(s, "solver");
        solvers.removeAll(QString());
        f.agent = solvers.join(QLatin1Char('+'));
    }
    if (const Json *results = json::find(header, "results")) {
        if (const Json *scores = json::find(*results, "scores"); scores && scores->is_array() && !scores->empty())
            f.scorer = json::str(scores->front(), "name");
        else if (const Json *scorer = json::find(*results, "scorer"))   // version 1: one scorer
            f.scorer = json::str(*scorer, "name");
    }
    f.version = json::integer(header, "version");
    f.status = json::str(header, "status");
    f.headerJson = json::dump(header);
    return f;
}

QString refusedShape(const LogFacts &log)
{
    if (log.version < 0 || log.version == 1 || log.version == 2)
        return {};   // a log without "version" is read as the current one
    return QStringLiteral("an Inspect eval log of version %1; this shape is not read (Inspect has written versions 1 and 2)")
        .arg(log.version);
}

namespace {

class SampleMapper {
public:
    explicit SampleMapper(const LogFacts &log) : m_log(log) {}

    // `fail` names the sample in errors: "samples[2]: ..." or "ZIP entry "...": ...".
    Trajectory map(const Json &sample, const Fail &fail)
    {
        if (!sample.is_object())
            throw fail(QStringLiteral("expected a sample object {id, epoch, messages, scores, ...}"));
        static const Json kNoAttachments = Json::object();
        // Logs of 2024 kept events and attachments under "transcript": {events, content}.
        const Json *transcript = json::find(sample, "transcript");
        const Json *att = json::find(sample, "attachments");
        if (!att && transcript)
            att = json::find(*transcript, "content");
        const Json &attachments = att && att->is_object() ? *att : kNoAttachments;
        const Json *messagesIn = json::find(sample, "messages");
        if (messagesIn && !messagesIn->is_null() && !messagesIn->is_array())
            throw fail(QStringLiteral("\"messages\" must be an array"));

        Trajectory t;
        TrajectoryInfo &info = t.info;
        info.externalId = QStringLiteral("%1:%2:%3")
                              .arg(m_log.evalKey, json::str(sample, "id"))
                              .arg(json::integer(sample, "epoch", 1));
        info.workflow = m_log.task.isEmpty() ? QStringLiteral("inspect") : m_log.task;
        info.model = m_log.model;
        info.agent = m_log.agent;

        if (const Json *input = json::find(sample, "input")) {
            Json resolved = *input;
            resolveAttachments(resolved, attachments);
            if (resolved.is_array()) {
                QStringList parts;
                for (const Json &m : resolved) {
                    QString text, reasoning;
                    splitContent(json::find(m, "content"), text, reasoning);
                    parts << text;
                }
                info.task = parts.join(QLatin1Char('\n'));
            } else {
                info.task = json::toText(resolved);
            }
        }

        if (messagesIn && messagesIn->is_array()) {
            Json messages = *messagesIn;
            resolveAttachments(messages, attachments);
            for (std::size_t i = 0; i < messages.size(); ++i) {
                if (!messages[i].is_object())
                    throw fail(QStringLiteral("messages[%1] is not an object").arg(i));
                mapMessage(messages[i], t);
            }
        }
        mapTimes(sample, info);
        if (transcript && !json::find(sample, "events"))
            mapTimes(*transcript, info);
        mapOutcome(sample, t);
        mapScores(sample, t, fail);

        // The header is the same for every sample: splice its JSON in rather than copy the tree.
        Json rest = sample;
        rest.erase("messages");
        info.extra = "{\"log\":" + m_log.headerJson + ",\"sample\":" + json::dump(rest) + '}';
        return t;
    }

private:
    void mapMessage(const Json &msg, Trajectory &t)
    {
        RecordRaw raw(msg);
        const QString role = json::str(msg, "role");
        QString text, reasoning;
        splitContent(json::find(msg, "content"), text, reasoning);
        if (role == QLatin1String("tool")) {
            Step s = makeStep(StepKind::Observation, text, raw.take(msg), role);
            s.callId = json::str(msg, "tool_call_id");
            s.tool = json::str(msg, "function");   // older logs name only the call id
            if (s.tool.isEmpty())
                s.tool = m_toolByCallId.value(s.callId);
            const Json *error = json::find(msg, "error");
            if (!error || error->is_null())
                error = json::find(msg, "tool_error");   // before ToolCallError: a plain string
            if (error && !error->is_null()) {
                s.isError = true;
                const QString why = error->is_object() ? json::str(*error, "message") : json::toText(*error);
                s.text = text.isEmpty() ? why : text + QLatin1Char('\n') + why;
            }
            t.steps.push_back(s);
            return;
        }
        // Before ContentReasoning parts, an assistant message carried its reasoning as a field.
        if (const QString field = json::str(msg, "reasoning"); !field.isEmpty())
            reasoning = reasoning.isEmpty() ? field : field + QLatin1Char('\n') + reasoning;
        const Json *calls = json::find(msg, "tool_calls");
        const bool hasCalls = calls && calls->is_array() && !calls->empty();
        if (!reasoning.isEmpty())
            t.steps.push_back(makeStep(StepKind::Plan, reasoning, raw.take(Json{{"reasoning", reasoning.toStdString()}}), role));
        const bool known = role == QLatin1String("system") || role == QLatin1String("user")
                           || role == QLatin1String("assistant");
        if (!text.isEmpty() || !hasCalls) {
            const Json *content = json::find(msg, "content");
            t.steps.push_back(makeStep(known ? StepKind::Message : StepKind::Other, text,
                                       raw.take(Json{{"content", content ? *content : Json()}}), role));
        }
        if (!hasCalls)
            return;
        for (const Json &call : *calls) {
            const Json *args = json::find(call, "arguments");
            Step s = makeStep(StepKind::ToolCall, args ? json::toText(*args) : QString(), raw.take(call), role);
            s.tool = json::str(call, "function");
            s.callId = json::str(call, "id");
            m_toolByCallId.insert(s.callId, s.tool);
            t.steps.push_back(s);
        }
    }

    static void mapTimes(const Json &sample, TrajectoryInfo &info)
    {
        if (const Json *v = json::find(sample, "started_at"))
            info.startedMs = json::parseTimestamp(*v);
        if (const Json *v = json::find(sample, "completed_at"))
            info.endedMs = json::parseTimestamp(*v);
        // Older logs keep times only on events.
        if (const Json *events = json::find(sample, "events"); events && events->is_array()) {
            for (const Json &e : *events) {
                const Json *ts = json::find(e, "timestamp");
                const qint64 ms = ts ? json::parseTimestamp(*ts) : -1;
                if (ms < 0)
                    continue;
                if (info.startedMs < 0 || ms < info.startedMs)
                    info.startedMs = ms;
                if (ms > info.endedMs)
                    info.endedMs = ms;
            }
        }
        const Json *total = json::find(sample, "total_time");
        if (info.startedMs >= 0 && total && total->is_number())
            info.endedMs = std::max(info.endedMs, info.startedMs + qint64(total->get<double>() * 1000.0));
    }

    static void mapOutcome(const Json &sample, Trajectory &t)
    {
        TrajectoryInfo &info = t.info;
        const Json *error = json::find(sample, "error");
        const Json *limit = json::find(sample, "limit");
        if (error && !error->is_null()) {
            const QString why = error->is_object() ? json::str(*error, "message") : json::toText(*error);
            info.outcome = QStringLiteral("error");
            Step s = makeStep(StepKind::Outcome, why, json::dump(Json{{"error", *error}}));
            s.isError = true;
            t.steps.push_back(s);
        } else if (limit && !limit->is_null()) {
            info.outcome = QStringLiteral("limit: %1").arg(limit->is_object() ? json::str(*limit, "type") : json::toText(*limit));
            Step s = makeStep(StepKind::Outcome, info.outcome, json::dump(Json{{"limit", *limit}}));
            s.isError = true;
            t.steps.push_back(s);
        } else if (const Json *output = json::find(sample, "output")) {
            if (const Json *choices = json::find(*output, "choices"); choices && choices->is_array() && !choices->empty())
                info.outcome = json::str(choices->front(), "stop_reason");
        }
    }

    void mapScores(const Json &sample, Trajectory &t, const Fail &fail) const
    {
        const Json *scores = json::find(sample, "scores");
        Json single;
        if ((!scores || scores->is_null()) && json::find(sample, "score")) {
            // Version 1: one "score" per sample, named by the results' one scorer.
            const std::string name = m_log.scorer.isEmpty() ? std::string("score") : m_log.scorer.toStdString();
            single = Json{{name, sample.at("score")}};
            if (!sample.at("score").is_null())
                scores = &single;
        }
        if (!scores || scores->is_null())
            return;
        if (!scores->is_object())
            throw fail(QStringLiteral("\"scores\" must be an object of scorer name to score"));
        if (scores->empty())
            return;
        auto it = scores->find(m_log.scorer.toStdString());
        if (it == scores->end())
            it = scores->begin();
        const QString scorer = QString::fromStdString(it.key());
        const Json *value = json::find(*it, "value");
        const QString valueText = value ? json::toText(*value) : QString();
        const QString explanation = json::str(*it, "explanation");
        TrajectoryInfo &info = t.info;
        info.reviewer = scorer;
        const std::optional<Verdict> verdict = value ? verdictFromScore(*value) : std::nullopt;
        info.verdict = verdict.value_or(Verdict::Unknown);
        info.verdictNotes = explanation;
        if (!verdict) {
            const QString note = QStringLiteral("score %1 = %2 (not C/I or 1/0)").arg(scorer, valueText);
            info.verdictNotes = explanation.isEmpty() ? note : note + QLatin1Char('\n') + explanation;
        }
        QString text = QStringLiteral("%1: %2").arg(scorer, valueText);
        if (!explanation.isEmpty())
            text += QLatin1Char('\n') + explanation;
        Step s = makeStep(StepKind::Verdict, text, json::dump(*scores));
        s.role = scorer;
        t.steps.push_back(s);
    }

    const LogFacts &m_log;
    QHash<QString, QString> m_toolByCallId;
};

} // namespace

// nlohmann throws type_error when a field has a type the format does not allow.
Trajectory mapSample(const Json &sample, const LogFacts &log, const Fail &fail)
{
    try {
        return SampleMapper(log).map(sample, fail);
    } catch (const Json::exception &e) {
        throw fail(QStringLiteral("unexpected field type: %1").arg(QString::fromUtf8(e.what())));
    }
}


} // namespace reverie::ingest::inspect
