#include "core/ingest/formats/TauBenchImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/HeadScan.h"
#include "core/ingest/formats/RecordRaw.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QStringList>

namespace reverie::ingest {

using json::Json;

namespace {

// The benchmark's environments; the results file name usually says which one ran.
const QStringList &knownDomains()
{
    static const QStringList domains = {QStringLiteral("airline"), QStringLiteral("retail"),
                                        QStringLiteral("telecom"), QStringLiteral("mock")};
    return domains;
}

// OpenAI content is a string or a list of parts; only the text parts are for reading.
QString contentText(const Json *content)
{
    if (!content || content->is_null())
        return {};
    if (!content->is_array())
        return json::toText(*content);
    QStringList parts;
    for (const Json &part : *content) {
        if (part.is_string())
            parts << json::toText(part);
        else if (const QString text = json::str(part, "text"); !text.isEmpty())
            parts << text;
    }
    return parts.join(QLatin1Char('\n'));
}

// "# Airline Agent Policy" opens the system prompt of every tau-bench domain.
QString domainFromSystemPrompt(const QString &prompt)
{
    static const QLatin1String suffix(" Agent Policy");
    if (!prompt.startsWith(QLatin1String("# ")))
        return {};
    const int end = prompt.indexOf(suffix);
    const int eol = prompt.indexOf(QLatin1Char('\n'));
    if (end < 2 || (eol >= 0 && end > eol))
        return {};
    return prompt.mid(2, end - 2).trimmed().toLower();
}

bool looksLikeToolError(const QString &text)
{
    // tau-bench tools report failures as a plain string result starting with "Error".
    return text.startsWith(QLatin1String("Error")) || text.startsWith(QLatin1String("error:"));
}

struct FileFacts {
    QString baseName;
    QString domain;   // from the file name, when it says
    QString model;    // the part of the file name before "-<domain>", e.g. "gpt-4o"
};

FileFacts factsFromPath(const QString &path)
{
    FileFacts f;
    f.baseName = QFileInfo(path).completeBaseName();
    const QString lower = f.baseName.toLower();
    for (const QString &d : knownDomains()) {
        const int at = lower.indexOf(d);
        if (at < 0)
            continue;
        f.domain = d;
        if (at > 1 && (lower.at(at - 1) == QLatin1Char('-') || lower.at(at - 1) == QLatin1Char('_')))
            f.model = f.baseName.left(at - 1);
        break;
    }
    return f;
}

class RunMapper {
public:
    RunMapper(const QString &path, const FileFacts &facts) : m_path(path), m_facts(facts) {}

    Trajectory map(const Json &run, qint64 index)
    {
        if (!run.is_object())
            throw fail(index, QStringLiteral("expected a run object {task_id, reward, traj, ...}"));
        const Json *traj = json::find(run, "traj");
        if (!traj || !traj->is_array())
            throw fail(index, QStringLiteral("\"traj\" must be an array of chat messages"));

        m_toolByCallId.clear();   // call ids are only unique within a run, if at all
        Trajectory t;
        TrajectoryInfo &info = t.info;
        const QString taskId = json::str(run, "task_id");
        const QString trial = json::find(run, "trial") ? json::str(run, "trial") : QString::number(index);
        info.externalId = QStringLiteral("tau-bench:%1:%2:%3").arg(m_facts.baseName, taskId, trial);
        if (m_seenIds.contains(info.externalId))
            info.externalId += QStringLiteral("#%1").arg(index);   // ids must stay unique per file
        m_seenIds.insert(info.externalId);
        info.agent = json::str(run, "agent");
        info.model = json::str(run, "model");
        if (info.model.isEmpty())
            info.model = m_facts.model;

        const Json *runInfo = json::find(run, "info");
        const Json *task = runInfo ? json::find(*runInfo, "task") : nullptr;
        if (task && task->is_object()) {
            info.task = json::str(*task, "instruction");
            if (!info.task.isEmpty())
                t.steps.push_back(makeStep(StepKind::Task, info.task, json::dump(*task)));
        }

        QString domainFromPrompt;
        for (std::size_t m = 0; m < traj->size(); ++m)
            mapMessage((*traj)[m], index, qint64(m), t, domainFromPrompt);

        if (info.task.isEmpty()) {
            // Without the simulator's instruction, what the user first asked is the task.
            for (const Step &s : t.steps) {
                if (s.kind == StepKind::Message && s.role == QLatin1String("user")) {
                    info.task = s.text;
                    break;
                }
            }
        }
        info.workflow = !m_facts.domain.isEmpty() ? m_facts.domain
                        : !domainFromPrompt.isEmpty() ? domainFromPrompt
                                                      : QStringLiteral("tau-bench");
        if (const QString env = runInfo ? json::str(*runInfo, "env") : QString(); !env.isEmpty())
            info.workflow = env;

        mapOutcome(run, runInfo, index, t);

        Json extra = run;
        extra.erase("traj");
        info.extra = json::dump(extra);
        return t;
    }

private:
    ImportError fail(qint64 index, const QString &what) const
    {
        return ImportError::inFile(m_path, QStringLiteral("record %1 of the top-level array: %2").arg(index).arg(what));
    }

    static Step makeStep(StepKind kind, const QString &text, const QByteArray &raw)
    {
        Step s;
        s.kind = kind;
        s.text = text;
        s.raw = raw;
        return s;
    }

    void mapMessage(const Json &msg, qint64 index, qint64 m, Trajectory &t, QString &domainFromPrompt)
    {
        if (!msg.is_object())
            throw fail(index, QStringLiteral("message %1 of \"traj\" is not a JSON object").arg(m));
        RecordRaw raw(msg);
        const QString role = json::str(msg, "role");
        const QString text = contentText(json::find(msg, "content"));
        if (role == QLatin1String("tool")) {
            Step s = makeStep(StepKind::Observation, text, raw.take(msg));
            s.role = role;
            s.callId = json::str(msg, "tool_call_id");
            s.tool = json::str(msg, "name");
            if (s.tool.isEmpty())
                s.tool = m_toolByCallId.value(s.callId);
            s.isError = looksLikeToolError(text);
            t.steps.push_back(s);
            return;
        }
        if (role == QLatin1String("system") && domainFromPrompt.isEmpty())
            domainFromPrompt = domainFromSystemPrompt(text);

        const Json *calls = json::find(msg, "tool_calls");
        if (calls && !calls->is_null() && !calls->is_array())
            throw fail(index, QStringLiteral("message %1: \"tool_calls\" must be an array").arg(m));
        const bool hasCalls = calls && calls->is_array() && !calls->empty();
        if (!text.isEmpty() || !hasCalls) {
            const bool known = role == QLatin1String("system") || role == QLatin1String("user")
                               || role == QLatin1String("assistant");
            Step s = makeStep(known ? StepKind::Message : StepKind::Other, text, raw.take(msg));
            s.role = role;
            t.steps.push_back(s);
        }
        if (!hasCalls)
            return;
        for (const Json &call : *calls) {
            const Json *fn = json::find(call, "function");
            Step s = makeStep(StepKind::ToolCall, fn ? json::str(*fn, "arguments") : QString(), raw.take(call));
            s.role = role;
            s.tool = fn ? json::str(*fn, "name") : QString();
            s.callId = json::str(call, "id");
            if (!s.callId.isEmpty())
                m_toolByCallId.insert(s.callId, s.tool);
            t.steps.push_back(s);
        }
    }

    void mapOutcome(const Json &run, const Json *runInfo, qint64 index, Trajectory &t)
    {
        TrajectoryInfo &info = t.info;
        // A run that crashed records the exception in info.error (with a traceback).
        if (const QString error = runInfo ? json::str(*runInfo, "error") : QString(); !error.isEmpty()) {
            info.outcome = QStringLiteral("error");
            Step s = makeStep(StepKind::Outcome, error, json::dump(Json{{"error", *json::find(*runInfo, "error")}}));
            s.isError = true;
            t.steps.push_back(s);
        }
        const Json *reward = json::find(run, "reward");
        if (!reward || reward->is_null())
            return;
        double value = 0;
        if (reward->is_number())
            value = reward->get<double>();
        else if (reward->is_boolean())
            value = reward->get<bool>() ? 1.0 : 0.0;
        else
            throw fail(index, QStringLiteral("\"reward\" must be a number, not %1").arg(QString::fromUtf8(reward->type_name())));
        // Rewards are 1.0 or 0.0; anything in between is a partial score a person should judge.
        if (value >= 1.0 - 1e-9)
            info.verdict = Verdict::Success;
        else if (value <= 1e-9)
            info.verdict = Verdict::Failure;
        else
            info.verdictNotes = QStringLiteral("partial reward %1").arg(value);
        const QString rewardText = QStringLiteral("reward %1").arg(value);
        if (info.outcome.isEmpty())
            info.outcome = rewardText;
        const Json *rewardInfo = runInfo ? json::find(*runInfo, "reward_info") : nullptr;
        t.steps.push_back(makeStep(StepKind::Verdict, rewardText,
                                   json::dump(rewardInfo ? *rewardInfo : Json{{"reward", *reward}})));
    }

    QString m_path;
    FileFacts m_facts;
    QSet<QString> m_seenIds;
    QHash<QString, QString> m_toolByCallId;
};

} // namespace

QString TauBenchImporter::description() const
{
    return QStringLiteral("tau-bench results: a JSON array of runs {task_id, trial, reward, info, traj}");
}

int TauBenchImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonHead h(head);
    if (h.top() != '[')
        return 0;
    const bool taskId = h.has(2, QLatin1String("task_id"));
    const bool traj = h.has(2, QLatin1String("traj"));
    const bool reward = h.has(2, QLatin1String("reward"));
    int score = 0;
    if (traj && (taskId || reward))
        score = 90;
    else if (taskId && reward)
        score = 80;   // "traj" may lie beyond the head, after a long "info"
    else
        return 0;
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? score + 2 : score;
}

void TauBenchImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    RunMapper mapper(path, factsFromPath(path));
    json::forEachArrayElement(path, ctx, [&](Json &&run, qint64 index) {
        Trajectory t;
        try {
            t = mapper.map(run, index);
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("record %1 of the top-level array: unexpected field type: %2")
                                                .arg(index)
                                                .arg(QString::fromUtf8(e.what())));
        }
        sink.write(t);
    });
}

} // namespace reverie::ingest
