#include "core/ingest/formats/TauBenchImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/HeadScan.h"
#include "core/ingest/formats/RecordRaw.h"
#include "core/ingest/formats/TauBenchText.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <algorithm>

namespace reverie::ingest {

using json::Json;

namespace {

using namespace taubench;

class RunMapper {
public:
    RunMapper(const QString &path, const FileFacts &facts) : m_path(path), m_facts(facts) {}
    QString fileModel() const { return m_facts.model; }

    Trajectory map(const Json &run, qint64 index)
    {
        if (!run.is_object())
            throw fail(index, QStringLiteral("expected a run object {task_id, reward, traj, ...}"));
        const Json *traj = json::find(run, "traj");
        if (!traj || !traj->is_array())
            throw fail(index, QStringLiteral("\"traj\" must be an array of chat messages"));

        m_toolByCallId.clear();   // call ids are only unique within a run, if at all
        m_unansweredCall = -1;
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
        // "function" is the legacy OpenAI role for a result; tau2-bench names the call by "id".
        if (role == QLatin1String("tool") || role == QLatin1String("function")) {
            QString callId = json::str(msg, "tool_call_id");
            if (callId.isEmpty() && role == QLatin1String("tool"))
                callId = json::str(msg, "id");
            const Json *error = json::find(msg, "error");
            const bool failed = (error && error->is_boolean() && error->get<bool>()) || looksLikeToolError(text);
            addObservation(t, raw.take(msg), role, text, callId, json::str(msg, "name"), failed);
            return;
        }
        if (mapAnthropicBlocks(msg, role, t))
            return;
        if (role == QLatin1String("system") && domainFromPrompt.isEmpty())
            domainFromPrompt = domainFromSystemPrompt(text);

        const Json *calls = json::find(msg, "tool_calls");
        if (calls && !calls->is_null() && !calls->is_array())
            throw fail(index, QStringLiteral("message %1: \"tool_calls\" must be an array").arg(m));
        const Json *legacyCall = json::find(msg, "function_call");
        if (legacyCall && legacyCall->is_null())
            legacyCall = nullptr;
        const bool hasCalls = (calls && calls->is_array() && !calls->empty()) || legacyCall;
        if (!text.isEmpty() || !hasCalls) {
            const bool known = role == QLatin1String("system") || role == QLatin1String("user")
                               || role == QLatin1String("assistant");
            Step s = makeStep(known ? StepKind::Message : StepKind::Other, text, raw.take(msg));
            s.role = role;
            t.steps.push_back(s);
        }
        if (!hasCalls)
            return;
        if (legacyCall) {
            QString name, arguments;
            if (legacyCall->is_string()) {
                if (!parseFunctionRepr(json::toText(*legacyCall), name, arguments))
                    throw fail(index, QStringLiteral("message %1: \"function_call\" is neither an object nor "
                                                     "\"Function(arguments=..., name=...)\"").arg(m));
            } else {
                name = json::str(*legacyCall, "name");
                arguments = json::str(*legacyCall, "arguments");
            }
            addCall(t, raw.take(*legacyCall), role, name, arguments, QString());
        }
        if (!calls || !calls->is_array())
            return;
        for (const Json &call : *calls) {
            // OpenAI: {id, function: {name, arguments}}; tau2-bench: {id, name, arguments: {...}}.
            const Json *fn = json::find(call, "function");
            const Json &holder = fn ? *fn : call;
            addCall(t, raw.take(call), role, json::str(holder, "name"), json::str(holder, "arguments"), json::str(call, "id"));
        }
    }

    void addCall(Trajectory &t, const QByteArray &raw, const QString &role, const QString &tool, const QString &args,
                 const QString &callId)
    {
        Step s = makeStep(StepKind::ToolCall, args, raw);
        s.role = role;
        s.tool = tool;
        s.callId = callId;
        if (!s.callId.isEmpty())
            m_toolByCallId.insert(s.callId, s.tool);
        else
            m_unansweredCall = qint64(t.steps.size());
        t.steps.push_back(s);
    }

    void addObservation(Trajectory &t, const QByteArray &raw, const QString &role, const QString &text,
                        const QString &callId, const QString &tool, bool failed)
    {
        // Calls written without an id (the first release) take the id of the result that follows.
        if (!callId.isEmpty() && !m_toolByCallId.contains(callId) && m_unansweredCall >= 0) {
            Step &call = t.steps[std::size_t(m_unansweredCall)];
            call.callId = callId;
            m_toolByCallId.insert(callId, call.tool);
        }
        m_unansweredCall = -1;
        Step s = makeStep(StepKind::Observation, text, raw);
        s.role = role;
        s.callId = callId;
        s.tool = tool.isEmpty() ? m_toolByCallId.value(callId) : tool;
        s.isError = failed;
        t.steps.push_back(s);
    }

    // The first release's Claude agent kept Anthropic content blocks: tool_use in the assistant
    // turn, tool_result in the user turn that answers it.
    bool mapAnthropicBlocks(const Json &msg, const QString &role, Trajectory &t)
    {
        const Json *content = json::find(msg, "content");
        if (!content || !content->is_array())
            return false;
        const bool blocks = std::any_of(content->begin(), content->end(), [](const Json &part) {
            const QString type = json::str(part, "type");
            return type == QLatin1String("tool_use") || type == QLatin1String("tool_result");
        });
        if (!blocks)
            return false;
        RecordRaw raw(msg);
        for (const Json &part : *content) {
            const QString type = json::str(part, "type");
            if (type == QLatin1String("tool_use")) {
                const Json *input = json::find(part, "input");
                addCall(t, raw.take(part), role, json::str(part, "name"), input ? json::toText(*input) : QString(),
                        json::str(part, "id"));
            } else if (type == QLatin1String("tool_result")) {
                const QString text = contentText(json::find(part, "content"));
                const Json *isError = json::find(part, "is_error");
                const bool failed = (isError && isError->is_boolean() && isError->get<bool>()) || looksLikeToolError(text);
                addObservation(t, raw.take(part), QStringLiteral("tool"), text, json::str(part, "tool_use_id"), QString(), failed);
            } else if (const QString text = contentText(&part); !text.isEmpty()) {
                Step s = makeStep(StepKind::Message, text, raw.take(part));
                s.role = role;
                t.steps.push_back(s);
            }
        }
        return true;
    }

    void mapOutcome(const Json &run, const Json *runInfo, qint64 index, Trajectory &t)
    {
        TrajectoryInfo &info = t.info;
        // A run that crashed records the exception in info.error (with a traceback); the first
        // release wrote info itself as the string "Error: ...".
        if (runInfo && runInfo->is_string()) {
            info.outcome = QStringLiteral("error");
            Step s = makeStep(StepKind::Outcome, json::toText(*runInfo), json::dump(Json{{"info", *runInfo}}));
            s.isError = true;
            t.steps.push_back(s);
        } else if (const QString error = runInfo ? json::str(*runInfo, "error") : QString(); !error.isEmpty()) {
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
        if (!rewardInfo && runInfo && json::find(*runInfo, "r_actions"))
            rewardInfo = runInfo;   // the first release kept the reward's parts in info itself
        t.steps.push_back(makeStep(StepKind::Verdict, rewardText,
                                   json::dump(rewardInfo ? *rewardInfo : Json{{"reward", *reward}})));
    }

    QString m_path;
    FileFacts m_facts;
    QSet<QString> m_seenIds;
    QHash<QString, QString> m_toolByCallId;
    qint64 m_unansweredCall = -1;   // a call written without an id, waiting for its result
};

} // namespace

QString TauBenchImporter::description() const
{
    return QStringLiteral("tau-bench results: a JSON array of runs {task_id, trial, reward, info, traj}");
}

int TauBenchImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonHead h(head);
    if (h.top() == '{') {
        // tau2-bench: {timestamp, info: {agent_info, user_info, environment_info, ...}, tasks, simulations}.
        const bool runInfo = h.has(2, QLatin1String("agent_info"), QLatin1String("info"))
                             || h.has(2, QLatin1String("environment_info"), QLatin1String("info"));
        return runInfo && (h.has(1, QLatin1String("tasks")) || h.has(1, QLatin1String("simulations"))) ? 88 : 0;
    }
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const QByteArray start = file.peek(4096).trimmed();
    file.close();
    if (start.startsWith('{')) {
        importSimulations(path, ctx, sink);
        return;
    }
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

// tau2-bench keeps the run's settings once, in "info", and each simulation as
// {id, task_id, trial, messages, reward_info, termination_reason, ...}; its messages are
// OpenAI-like, so each simulation is read as a tau-bench run whose traj is "messages".
void TauBenchImporter::importSimulations(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    Json::value_t simulationsType = Json::value_t::discarded;
    const Json results = json::parseFileWithout(path, ctx, "simulations", simulationsType);
    if (simulationsType != Json::value_t::array)
        throw ImportError::inFile(path, QStringLiteral("a tau2-bench results object needs a \"simulations\" array"));
    const Json *info = json::find(results, "info");
    const Json *agentInfo = info ? json::find(*info, "agent_info") : nullptr;
    const Json *envInfo = info ? json::find(*info, "environment_info") : nullptr;
    const QString model = agentInfo ? json::str(*agentInfo, "llm") : QString();
    const QString agent = agentInfo ? json::str(*agentInfo, "implementation") : QString();
    const QString domain = envInfo ? json::str(*envInfo, "domain_name") : QString();
    RunMapper mapper(path, factsFromPath(path));
    json::forEachElementOf(path, ctx, "simulations", [&](Json &&sim, qint64 index) {
        if (!sim.is_object())
            throw ImportError::inFile(path, QStringLiteral("simulations[%1]: expected a simulation object").arg(index));
        Json run = std::move(sim);
        if (const Json *messages = json::find(run, "messages")) {
            run["traj"] = *messages;
            run.erase("messages");
        }
        const Json *rewardInfo = json::find(run, "reward_info");
        run["reward"] = rewardInfo && rewardInfo->is_object() && rewardInfo->contains("reward") ? (*rewardInfo)["reward"] : Json();
        Json runInfo = Json::object();
        if (rewardInfo)
            runInfo["reward_info"] = *rewardInfo;
        if (!domain.isEmpty())
            runInfo["env"] = domain.toStdString();
        run["info"] = std::move(runInfo);
        Trajectory t;
        try {
            t = mapper.map(run, index);
        } catch (const Json::exception &e) {
            throw ImportError::inFile(path, QStringLiteral("simulations[%1]: unexpected field type: %2")
                                                .arg(index)
                                                .arg(QString::fromUtf8(e.what())));
        } catch (const ImportError &e) {
            // The run mapper speaks of "record N of the top-level array"; say where it really is.
            QString why = e.reason();
            why.replace(QStringLiteral("record %1 of the top-level array").arg(index), QStringLiteral("simulations[%1]").arg(index));
            throw ImportError::inFile(path, why);
        }
        if (t.info.model.isEmpty() || t.info.model == mapper.fileModel())
            t.info.model = model.isEmpty() ? t.info.model : model;
        if (t.info.agent.isEmpty())
            t.info.agent = agent;
        if (const QString why = json::str(run, "termination_reason"); !why.isEmpty() && t.info.outcome.startsWith(QLatin1String("reward")))
            t.info.outcome = QStringLiteral("%1 (%2)").arg(t.info.outcome, why);
        sink.write(t);
    });
}

} // namespace reverie::ingest
