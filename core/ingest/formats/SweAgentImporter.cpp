#include "core/ingest/formats/SweAgentImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/HeadScan.h"
#include "core/ingest/formats/RecordRaw.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace reverie::ingest {

using json::Json;

namespace {

Json slice(const Json &record, const char *key)
{
    const Json *v = json::find(record, key);
    return Json{{key, v ? *v : Json()}};
}

// SWE-agent records no per-step success flag, so an observation counts as an error when it
// reads like one: a Python traceback, the editor's syntax-check rejection, a shell error.
bool observationLooksLikeError(const QString &observation)
{
    static const QLatin1String prefixes[] = {
        QLatin1String("Traceback"), QLatin1String("Error"), QLatin1String("ERROR"), QLatin1String("error:"),
        QLatin1String("Exception"), QLatin1String("/bin/bash:"), QLatin1String("bash:"),
        QLatin1String("Your proposed edit has introduced new syntax error"),
    };
    const QString t = observation.trimmed();
    for (const QLatin1String &p : prefixes) {
        if (t.startsWith(p))
            return true;
    }
    return t.contains(QLatin1String("Traceback (most recent call last)"))
           || t.contains(QLatin1String(": command not found"));
}

// "submitted" is the normal end; exit_cost, exit_context, exit_format, exit_error and the like
// (alone or as "submitted (exit_cost)") mean the run hit a limit or broke.
bool exitStatusIsError(const QString &status)
{
    const QString s = status.toLower();
    return s.contains(QLatin1String("error")) || s.contains(QLatin1String("exit_"));
}

QString firstWord(const QString &command)
{
    const QString t = command.trimmed();
    const int end = t.indexOf(QRegularExpression(QStringLiteral("\\s")));
    return end < 0 ? t : t.left(end);
}

// The issue text inside SWE-agent's instance template ("ISSUE:\n...\n\nINSTRUCTIONS:").
QString issueFromPrompt(const QString &content)
{
    static const QLatin1String open("ISSUE:\n");
    int start = content.indexOf(open);
    if (start < 0)
        return {};
    start += open.size();
    int end = content.indexOf(QLatin1String("\n\nINSTRUCTIONS:"), start);
    if (end < 0)
        end = int(content.size());
    return content.mid(start, end - start).trimmed();
}

// "owner__repo-123" (SWE-bench instance ids) -> "owner/repo".
QString repoFromInstanceId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z0-9_.-]+?)__([A-Za-z0-9_.-]+)-i?\\d+$"));
    const auto m = re.match(id);
    return m.hasMatch() ? m.captured(1) + QLatin1Char('/') + m.captured(2) : QString();
}

QString repoFromGithubUrl(const QString &url)
{
    const QStringList parts = QUrl(url).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.size() >= 2 ? parts.at(0) + QLatin1Char('/') + parts.at(1) : QString();
}

// SWE-agent 0.x wrote runs to trajectories/<user>/<model>__<data>__<config>__t-<temp>__p-<top_p>
// __c-<cost limit>__install-<n>/ and kept no replay_config with the model in the file.
QString modelFromRunFolder(const QString &path)
{
    static const QRegularExpression re(
        QStringLiteral("^([^_][^/]*?)__.+__t-[0-9.]+__p-[0-9.]+__c-[0-9.]+__install-[0-9]+$"));
    const auto m = re.match(QFileInfo(path).absoluteDir().dirName());
    return m.hasMatch() ? m.captured(1) : QString();
}

const Json *at(const Json *obj, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        if (!obj)
            return nullptr;
        obj = json::find(*obj, k);
    }
    return obj;
}

QString textAt(const Json &root, std::initializer_list<const char *> keys)
{
    const Json *v = at(&root, keys);
    return v ? json::toText(*v) : QString();
}

class TrajMapper {
public:
    explicit TrajMapper(const QString &path) : m_path(path) {}

    Trajectory map(const Json &doc)
    {
        const Json *steps = arrayField(doc, "trajectory");
        const Json *history = arrayField(doc, "history");
        const Json *info = json::find(doc, "info");
        if (info && !info->is_null() && !info->is_object())
            throw fail(QStringLiteral("\"info\" must be an object"));
        if ((!steps || steps->empty()) && (!history || history->empty()))
            throw fail(QStringLiteral("neither \"trajectory\" nor \"history\" holds any step"));

        // Older files store replay_config as a JSON string, newer ones as an object.
        Json replay;
        if (const Json *rc = json::find(doc, "replay_config"); rc && rc->is_object())
            replay = *rc;
        else if (rc && rc->is_string() && json::findExcessiveNesting(rc->get_ref<const std::string &>()) < 0)
            replay = Json::parse(rc->get<std::string>(), nullptr, false);   // unreadable: kept in extra only

        Trajectory t;
        TrajectoryInfo &ti = t.info;
        const QString base = QFileInfo(m_path).completeBaseName();
        ti.externalId = QStringLiteral("swe-agent:%1").arg(base);
        ti.agent = QStringLiteral("swe-agent");
        const Json *problem = at(&replay, {"problem_statement"});
        ti.model = textAt(replay, {"agent", "model", "name"});
        if (ti.model.isEmpty())
            ti.model = modelFromRunFolder(m_path);
        ti.workflow = repoFromGithubUrl(textAt(replay, {"env", "repo", "github_url"}));
        if (ti.workflow.isEmpty())
            ti.workflow = repoFromInstanceId(problem ? json::str(*problem, "id") : QString());
        if (ti.workflow.isEmpty())
            ti.workflow = repoFromInstanceId(base);
        if (ti.workflow.isEmpty())
            ti.workflow = QStringLiteral("swe-agent");

        // The task: the problem statement if the run recorded it, else the issue in the prompt.
        QByteArray taskRaw;
        if (problem && problem->is_object() && !json::str(*problem, "text").isEmpty()) {
            ti.task = json::str(*problem, "text");
            taskRaw = json::dump(*problem);
        } else if (history) {
            for (const Json &m : *history) {
                const Json *demo = json::find(m, "is_demo");
                if (json::str(m, "role") != QLatin1String("user") || (demo && demo->is_boolean() && demo->get<bool>()))
                    continue;
                ti.task = issueFromPrompt(json::str(m, "content"));
                if (!ti.task.isEmpty()) {
                    taskRaw = json::dump(m);
                    break;
                }
            }
        }

        if (steps && !steps->empty()) {
            if (!ti.task.isEmpty())
                t.steps.push_back(makeStep(StepKind::Task, ti.task, taskRaw));
            for (std::size_t i = 0; i < steps->size(); ++i)
                mapEntry((*steps)[i], i, t);
        } else {
            for (std::size_t i = 0; i < history->size(); ++i)
                mapMessage((*history)[i], i, t);
        }

        if (info && info->is_object()) {
            ti.outcome = json::str(*info, "exit_status");
            if (!ti.outcome.isEmpty()) {
                Step s = makeStep(StepKind::Outcome, ti.outcome, json::dump(*info));
                s.isError = exitStatusIsError(ti.outcome);
                t.steps.push_back(s);
            }
        }
        // SWE-agent has no pass/fail judgement of its own: the verdict stays Unknown.
        Json extra = doc;
        extra.erase(steps && !steps->empty() ? "trajectory" : "history");
        ti.extra = json::dump(extra);
        return t;
    }

private:
    ImportError fail(const QString &what) const { return ImportError::inFile(m_path, what); }

    const Json *arrayField(const Json &doc, const char *key) const
    {
        const Json *v = json::find(doc, key);
        if (v && !v->is_null() && !v->is_array())
            throw fail(QStringLiteral("\"%1\" must be an array, not %2").arg(QLatin1String(key), QString::fromUtf8(v->type_name())));
        return v && v->is_array() ? v : nullptr;
    }

    static Step makeStep(StepKind kind, const QString &text, const QByteArray &raw)
    {
        Step s;
        s.kind = kind;
        s.text = text;
        s.raw = raw;
        return s;
    }

    void mapEntry(const Json &entry, std::size_t i, Trajectory &t)
    {
        if (!entry.is_object())
            throw fail(QStringLiteral("trajectory[%1]: expected an object {thought, action, observation}").arg(i));
        RecordRaw raw(entry);
        QString thought = json::str(entry, "thought");
        const char *thoughtKey = "thought";
        if (thought.isEmpty()) {
            thought = json::str(entry, "response");
            thoughtKey = "response";
        }
        if (!thought.isEmpty())
            t.steps.push_back(makeStep(StepKind::Plan, thought, raw.take(slice(entry, thoughtKey))));

        const QString callId = QStringLiteral("trajectory[%1]").arg(i);
        const QString action = json::str(entry, "action");
        Step call = makeStep(StepKind::ToolCall, action, raw.take(slice(entry, "action")));
        call.tool = firstWord(action);
        call.callId = callId;
        if (const Json *secs = json::find(entry, "execution_time"); secs && secs->is_number())
            call.durationMs = qint64(secs->get<double>() * 1000.0);
        t.steps.push_back(call);

        const QString observation = json::str(entry, "observation");
        Step obs = makeStep(StepKind::Observation, observation, raw.take(slice(entry, "observation")));
        obs.tool = call.tool;
        obs.callId = callId;
        obs.isError = observationLooksLikeError(observation);
        t.steps.push_back(obs);
    }

    // Files without "trajectory" only have the chat history: assistant turns carry the
    // thought and action, tool turns the observation.
    void mapMessage(const Json &msg, std::size_t i, Trajectory &t)
    {
        if (!msg.is_object())
            throw fail(QStringLiteral("history[%1]: expected a message object {role, content}").arg(i));
        RecordRaw raw(msg);
        const QString role = json::str(msg, "role");
        const QString action = json::str(msg, "action");
        if (role == QLatin1String("assistant") && !action.isEmpty()) {
            if (const QString thought = json::str(msg, "thought"); !thought.isEmpty())
                t.steps.push_back(makeStep(StepKind::Plan, thought, raw.take(slice(msg, "thought"))));
            Step call = makeStep(StepKind::ToolCall, action, raw.take(slice(msg, "action")));
            call.role = role;
            call.tool = firstWord(action);
            m_lastTool = call.tool;
            if (const Json *calls = json::find(msg, "tool_calls"); calls && calls->is_array() && !calls->empty())
                call.callId = json::str(calls->front(), "id");
            t.steps.push_back(call);
            return;
        }
        const QString content = json::str(msg, "content");
        if (role == QLatin1String("tool")) {
            Step obs = makeStep(StepKind::Observation, content, raw.take(msg));
            obs.role = role;
            obs.tool = m_lastTool;
            if (const Json *ids = json::find(msg, "tool_call_ids"); ids && ids->is_array() && !ids->empty())
                obs.callId = json::toText(ids->front());
            obs.isError = observationLooksLikeError(content);
            t.steps.push_back(obs);
            return;
        }
        Step s = makeStep(StepKind::Message, content, raw.take(msg));
        s.role = role;
        t.steps.push_back(s);
    }

    QString m_path;
    QString m_lastTool;
};

} // namespace

QString SweAgentImporter::description() const
{
    return QStringLiteral("SWE-agent .traj: one JSON object {trajectory, history, info} per run");
}

int SweAgentImporter::sniff(const QString &path, const QByteArray &head) const
{
    const JsonHead h(head);
    if (h.top() != '{' || h.has(1, QLatin1String("instance_id")))   // OpenHands output also has "history"
        return 0;
    const JsonHead::Key *traj = h.find(1, QLatin1String("trajectory"));
    const JsonHead::Key *history = h.find(1, QLatin1String("history"));
    const bool trajArray = traj && traj->type == '[';
    const bool historyArray = history && history->type == '[';
    const bool stepKeys = h.has(3, QLatin1String("action"), QLatin1String("trajectory"))
                          || h.has(3, QLatin1String("observation"), QLatin1String("trajectory"));
    const bool envOrInfo = h.has(1, QLatin1String("environment")) || h.has(1, QLatin1String("info"));
    const bool ext = path.endsWith(QLatin1String(".traj"), Qt::CaseInsensitive);
    // A retry loop's running save: {"attempts": [{trajectory, history, info, ...}, ...]}.
    const bool attempts = h.has(3, QLatin1String("trajectory"), QLatin1String("attempts"))
                          && (h.has(3, QLatin1String("history"), QLatin1String("attempts"))
                              || h.has(3, QLatin1String("info"), QLatin1String("attempts")));
    int score = 0;
    if (trajArray && stepKeys)
        score = 90;
    else if ((trajArray || historyArray) && envOrInfo)
        score = 80;
    else if ((trajArray || historyArray) && ext)
        score = 70;
    else if (attempts && !traj && !history)
        score = 85;
    return score > 0 && ext ? score + 5 : score;
}

void SweAgentImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    const Json doc = json::parseFile(path, ctx);
    if (!doc.is_object())
        throw ImportError::atOffset(path, 0, QStringLiteral("expected a SWE-agent .traj object {trajectory, history, info}"));
    try {
        // SWE-agent 1.x's retry loop saves {"attempts": [...]} while it runs, one whole .traj
        // object per attempt; only the final save adds the chosen attempt at the top level.
        const Json *attempts = json::find(doc, "attempts");
        if (attempts && attempts->is_array() && !doc.contains("trajectory") && !doc.contains("history")) {
            if (attempts->empty())
                throw ImportError::inFile(path, QStringLiteral("a SWE-agent retry-loop .traj with no attempts"));
            std::vector<Trajectory> runs;
            for (std::size_t i = 0; i < attempts->size(); ++i) {
                const Json &a = (*attempts)[i];
                if (!a.is_object())
                    throw ImportError::inFile(path, QStringLiteral("attempts[%1]: expected a .traj object").arg(i));
                try {
                    runs.push_back(TrajMapper(path).map(a));
                } catch (const ImportError &e) {
                    throw ImportError::inFile(path, QStringLiteral("attempts[%1]: %2").arg(i).arg(e.reason()));
                }
                runs.back().info.externalId += QStringLiteral("#attempt%1").arg(i + 1);
            }
            for (const Trajectory &t : runs)
                sink.write(t);
            return;
        }
        sink.write(TrajMapper(path).map(doc));
    } catch (const Json::exception &e) {
        throw ImportError::inFile(path, QStringLiteral("unexpected field type: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace reverie::ingest
