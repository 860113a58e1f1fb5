#include "core/ingest/formats/AtifImporter.h"

#include "core/ingest/formats/ChatContent.h"

#include <QFileInfo>
#include <QStringList>

namespace reverie::ingest {

using json::Json;

namespace {

class AtifReader {
public:
    AtifReader(const QString &path, const ImportContext &ctx, TrajectorySink &sink)
        : m_path(path), m_ctx(ctx), m_sink(sink) {}

    // `where` locates the trajectory in the file ("" for the root, "subagent_trajectories[0]"...).
    void trajectory(const Json &t, const QString &parentId, const QString &where);

private:
    ImportError fail(const QString &where, const QString &what) const
    {
        return ImportError::inFile(m_path, where.isEmpty() ? what : QStringLiteral("%1: %2").arg(where, what));
    }
    void step(const Json &s, const QString &where, Trajectory &t, QHash<QString, QString> &toolByCallId);

    QString m_path;
    const ImportContext &m_ctx;
    TrajectorySink &m_sink;
};

void AtifReader::trajectory(const Json &t, const QString &parentId, const QString &where)
{
    if (!t.is_object())
        throw fail(where, QStringLiteral("expected an ATIF trajectory object"));
    if (!json::str(t, "schema_version").startsWith(QLatin1String("ATIF")))
        throw fail(where, QStringLiteral("\"schema_version\" must be a string such as \"ATIF-v1.4\""));
    const Json *agent = json::find(t, "agent");
    if (!agent || !agent->is_object())
        throw fail(where, QStringLiteral("\"agent\" must be an object with \"name\" and \"version\""));
    const Json *steps = json::find(t, "steps");
    if (!steps || !steps->is_array())
        throw fail(where, QStringLiteral("\"steps\" must be an array of steps"));

    Trajectory run;
    TrajectoryInfo &info = run.info;
    QString id = json::str(t, "trajectory_id");
    if (id.isEmpty() && parentId.isEmpty())
        id = json::str(t, "session_id");   // run-scoped: subagents may share it with their parent
    if (id.isEmpty())
        id = parentId.isEmpty() ? QFileInfo(m_path).completeBaseName() : where.section(QLatin1Char('.'), -1);
    info.externalId = parentId.isEmpty() ? id : parentId + QLatin1Char('/') + id;
    info.agent = json::str(*agent, "name");
    info.model = json::str(*agent, "model_name");
    // Everything but the steps has no column of its own (agent version, notes, metrics...).
    Json extra = Json::object();
    for (auto it = t.begin(); it != t.end(); ++it) {
        if (it.key() != "steps" && it.key() != "subagent_trajectories")
            extra[it.key()] = it.value();
    }
    if (!parentId.isEmpty())
        extra["parent_trajectory"] = parentId.toStdString();
    info.extra = json::dump(extra);

    QHash<QString, QString> toolByCallId;
    for (std::size_t i = 0; i < steps->size(); ++i) {
        const QString stepWhere = QStringLiteral("%1steps[%2]").arg(where.isEmpty() ? QString() : where + QLatin1Char('.')).arg(i);
        try {
            step((*steps)[i], stepWhere, run, toolByCallId);
        } catch (const Json::exception &e) {
            throw fail(stepWhere, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
        }
        if ((i & 0xff) == 0xff && m_ctx.cancelled())
            throw ImportCancelled();
    }
    m_sink.write(run);

    const Json *subagents = json::find(t, "subagent_trajectories");
    if (subagents && !subagents->is_null() && !subagents->is_array())
        throw fail(where, QStringLiteral("\"subagent_trajectories\" must be an array"));
    for (std::size_t k = 0; subagents && subagents->is_array() && k < subagents->size(); ++k) {
        const QString subWhere = QStringLiteral("%1subagent_trajectories[%2]").arg(where.isEmpty() ? QString() : where + QLatin1Char('.')).arg(k);
        trajectory((*subagents)[k], info.externalId, subWhere);
    }
}

void AtifReader::step(const Json &s, const QString &where, Trajectory &t, QHash<QString, QString> &toolByCallId)
{
    if (!s.is_object())
        throw fail(where, QStringLiteral("expected a step object"));
    const QString source = json::str(s, "source");
    if (source.isEmpty())
        throw fail(where, QStringLiteral("\"source\" must be \"user\", \"agent\" or \"system\""));
    const Json *message = json::find(s, "message");
    if (message && !message->is_string() && !message->is_array() && !message->is_null())
        throw fail(where, QStringLiteral("\"message\" must be a string or an array of content parts"));
    qint64 ts = -1;
    if (const Json *stamp = json::find(s, "timestamp"); stamp && !stamp->is_null()) {
        ts = json::parseTimestamp(*stamp);
        if (ts < 0)
            throw fail(where, QStringLiteral("\"timestamp\" is not an ISO 8601 time"));
        t.info.startedMs = t.info.startedMs < 0 ? ts : qMin(t.info.startedMs, ts);
        t.info.endedMs = qMax(t.info.endedMs, ts);
    }
    if (t.info.model.isEmpty())
        t.info.model = json::str(s, "model_name");
    const QByteArray whole = json::dump(s);
    const QString role = source == QLatin1String("agent") ? QStringLiteral("assistant") : source;
    auto add = [&](StepKind kind, const QString &text, const QByteArray &raw) -> Step & {
        Step st;
        st.kind = kind;
        st.text = text;
        st.timestampMs = ts;
        st.raw = raw;
        t.steps.push_back(std::move(st));
        return t.steps.back();
    };
    const std::size_t before = t.steps.size();

    if (const QString reasoning = json::str(s, "reasoning_content"); !reasoning.isEmpty())
        add(StepKind::Plan, reasoning, whole).role = role;
    const Json *calls = json::find(s, "tool_calls");
    if (calls && !calls->is_null() && !calls->is_array())
        throw fail(where, QStringLiteral("\"tool_calls\" must be an array"));
    const bool hasCalls = calls && calls->is_array() && !calls->empty();
    const QString text = message ? chat::contentText(*message) : QString();
    if (!text.isEmpty() || !hasCalls) {
        add(StepKind::Message, text, whole).role = role;
        if (t.info.task.isEmpty() && source == QLatin1String("user"))
            t.info.task = text.trimmed();
    }
    for (std::size_t k = 0; hasCalls && k < calls->size(); ++k) {
        const Json &c = (*calls)[k];
        if (!c.is_object())
            throw fail(where, QStringLiteral("tool_calls[%1] must be an object").arg(k));
        const Json *args = json::find(c, "arguments");
        Step &st = add(StepKind::ToolCall, args ? json::toText(*args) : QString(), json::dump(c));
        st.tool = json::str(c, "function_name");
        st.callId = json::str(c, "tool_call_id");
        toolByCallId.insert(st.callId, st.tool);
    }
    if (const Json *obs = json::find(s, "observation"); obs && !obs->is_null()) {
        const Json *results = json::find(*obs, "results");
        if (!results || !results->is_array())
            throw fail(where, QStringLiteral("\"observation\" must be an object with a \"results\" array"));
        for (const Json &r : *results) {
            const Json *content = json::find(r, "content");
            QString out = content ? chat::contentText(*content) : QString();
            // A delegated subagent is named so a reader can find its run.
            if (const Json *refs = json::find(r, "subagent_trajectory_ref"); refs && refs->is_array()) {
                QStringList names;
                for (const Json &ref : *refs)
                    names << QStringList{json::str(ref, "trajectory_id"), json::str(ref, "trajectory_path")}.join(QLatin1Char(' ')).trimmed();
                out += (out.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("subagent: ") + names.join(QLatin1String(", "));
            }
            Step &st = add(StepKind::Observation, out, json::dump(r));
            st.callId = json::str(r, "source_call_id");
            st.tool = toolByCallId.value(st.callId);
            // ATIF has no error flag of its own; producers that mark one put it in the result's extra.
            const Json *rx = json::find(r, "extra");
            const Json *err = rx ? json::find(*rx, "is_error") : nullptr;
            st.isError = err && err->is_boolean() && err->get<bool>();
        }
    }
    t.steps[before].raw = whole;   // the first step of every ATIF step holds all of it
}

} // namespace

QString AtifImporter::description() const
{
    return QStringLiteral("Agent Trajectory Interchange Format (ATIF, harbor): {schema_version, agent, steps}");
}

int AtifImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonProbe probe = JsonProbe::of(std::string_view(head.constData(), std::size_t(head.size())));
    if (probe.shape != JsonProbe::Shape::Object)
        return 0;
    const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (probe.topStrings.value(QStringLiteral("schema_version")).startsWith(QLatin1String("ATIF")))
        return json ? 98 : 97;
    // The version string may lie beyond a cut head; the three required keys still tell.
    if (!probe.topStrings.contains(QStringLiteral("schema_version")) && probe.topKeys.contains(QStringLiteral("schema_version"))
        && probe.topKeys.contains(QStringLiteral("agent")) && probe.topKeys.contains(QStringLiteral("steps")))
        return 70;
    return 0;
}

void AtifImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    const Json doc = json::parseFile(path, ctx);
    AtifReader(path, ctx, sink).trajectory(doc, QString(), QString());
}

} // namespace reverie::ingest
