#include "core/ingest/NativeJsonlImporter.h"

#include "core/ingest/FlatJson.h"
#include "core/ingest/FlatScan.h"
#include "core/ingest/JsonSupport.h"
#include "core/ingest/PlaybookAttribution.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace reverie::ingest {

using json::Json;

namespace {

// The members of an event Reverie reads; the rest stay in the step's raw line.
enum Key : std::size_t {
    kTrajectory, kType, kTs, kTitle, kDescription, kWorkflow, kAgent, kModel, kText, kTool, kCallId, kRole,
    kStatus, kSummary, kReviewer, kNotes, kIsError, kSuccess, kSeq, kDurationMs, kPlaybookVersion, kInput, kOutput,
    kCwd, kKeyCount
};
constexpr std::array<std::string_view, kKeyCount> kKeyNames = {
    "trajectory", "type", "ts", "title", "description", "workflow", "agent", "model", "text", "tool", "call_id", "role",
    "status", "summary", "reviewer", "notes", "is_error", "success", "seq", "duration_ms", "playbook_version", "input",
    "output", "cwd"};
using json::Member;

std::string_view viewOf(const std::string &s) { return s; }
QString qstr(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }

// The members of one event. Most lines are read by the fast scanner straight from their
// bytes; what it leaves (fractions, escapes inside nested values, anything invalid) goes to
// the full parser, which gives the same members, or the exact error.
class EventReader {
public:
    EventReader() : m_scanner(kKeyNames), m_full(kKeyNames) {}

    // Throws ImportError on invalid JSON; false when the line is valid JSON but not an object.
    bool read(std::string_view line, const QString &path, qint64 n)
    {
        m_fast = m_scanner.scan(line);
        if (m_fast)
            return true;
        if (!m_full.read(line, path, n))
            return false;
        for (std::size_t i = 0; i < kKeyCount; ++i)
            m_slow[i] = fromJson(m_full.get(i), m_dumps[i]);
        return true;
    }
    const Member &operator[](Key key) const { return m_fast ? m_scanner.get(key) : m_slow[key]; }

private:
    static Member fromJson(const Json *v, std::string &dump)
    {
        Member m;
        if (!v)
            return m;
        auto dumped = [&] {
            dump = v->dump(-1, ' ', false, Json::error_handler_t::replace);
            return viewOf(dump);
        };
        if (v->is_null()) {
            m.type = Member::Null;
        } else if (v->is_boolean()) {
            m.type = Member::Bool;
            m.boolean = v->get<bool>();
            m.text = m.boolean ? "true" : "false";
        } else if (v->is_number_integer() || v->is_number_unsigned()) {
            m.type = Member::Integer;
            m.integer = v->get<qint64>();
            m.number = v->get<double>();
            m.text = dumped();
        } else if (v->is_number()) {
            m.type = Member::Float;
            m.number = v->get<double>();
            m.integer = qint64(m.number);
            m.text = dumped();
        } else if (v->is_string()) {
            m.type = Member::String;
            m.text = v->get_ref<const std::string &>();
        } else {
            m.type = Member::Nested;
            m.text = dumped();
        }
        return m;
    }

    json::FlatScanner m_scanner;
    json::FlatObject<kKeyCount> m_full;
    std::array<Member, kKeyCount> m_slow;
    std::array<std::string, kKeyCount> m_dumps;
    bool m_fast = false;
};

// What json::toText() gives: a string's characters, nothing for null, JSON for the rest.
std::string_view text(const Member &m) { return m.type == Member::Null ? std::string_view() : m.text; }

struct RunState {
    qint64 handle = 0;
    TrajectoryInfo info;
    std::unordered_map<std::string, std::string> toolByCallId;   // so an observation knows its tool
};

std::string_view joinNonEmpty(std::string_view a, std::string_view b, std::string_view sep, std::string &out)
{
    if (a.empty())
        return b;
    if (b.empty())
        return a;
    out.assign(a).append(sep).append(b);
    return out;
}

bool isFailureStatus(std::string_view status)
{
    static constexpr std::string_view failures[] = {"error", "failed", "failure", "crashed", "timeout"};
    for (std::string_view f : failures) {
        if (f.size() == status.size()
            && std::equal(f.begin(), f.end(), status.begin(), [](char a, char b) {
                   return a == ((b >= 'A' && b <= 'Z') ? char(b - 'A' + 'a') : b);
               }))
            return true;
    }
    return false;
}

// The native format has a specification, so a field of the wrong type is an error, not a guess.
void checkTypes(const EventReader &ev, const QString &path, qint64 line)
{
    for (const Key key : {kTitle, kDescription, kWorkflow, kAgent, kModel, kText, kTool, kCallId, kRole, kStatus,
                          kSummary, kReviewer, kNotes, kCwd}) {
        const Member::Type t = ev[key].type;
        if (t != Member::Absent && t != Member::String && t != Member::Null)
            throw ImportError::atLine(path, line, QStringLiteral("\"%1\" must be a string").arg(QLatin1String(kKeyNames[key])));
    }
    for (const Key key : {kIsError, kSuccess}) {
        const Member::Type t = ev[key].type;
        if (t != Member::Absent && t != Member::Bool && t != Member::Null)
            throw ImportError::atLine(path, line,
                                      QStringLiteral("\"%1\" must be true or false").arg(QLatin1String(kKeyNames[key])));
    }
    for (const Key key : {kSeq, kDurationMs, kPlaybookVersion}) {
        const Member::Type t = ev[key].type;
        if (t != Member::Absent && t != Member::Integer && t != Member::Null)
            throw ImportError::atLine(path, line,
                                      QStringLiteral("\"%1\" must be a whole number").arg(QLatin1String(kKeyNames[key])));
    }
}

// As json::parseTimestamp() reads the same value.
qint64 timestampOf(const Member &ts)
{
    switch (ts.type) {
    case Member::Integer: return ts.number < 1e11 ? qint64(ts.number * 1000.0) : qint64(ts.number);
    case Member::Float: return json::parseTimestamp(QString::number(ts.number, 'f', 3));
    case Member::String:
        if (const auto ms = json::parseRfc3339(ts.text))
            return *ms;
        return json::parseTimestamp(qstr(ts.text));
    default: return -1;
    }
}

qint64 wholeNumber(const Member &m) { return m.type == Member::Integer ? m.integer : -1; }

// Builds one step's row from an event; its views point into the event, the run and `joined`.
class StepBuilder {
public:
    StepRow build(const EventReader &ev, StepKind kind, RunState &run, const QString &path, qint64 line)
    {
        checkTypes(ev, path, line);
        StepRow step;
        if (const Member &ts = ev[kTs]; ts.type != Member::Absent) {
            step.timestampMs = timestampOf(ts);
            if (step.timestampMs < 0 && ts.type != Member::Null)
                throw ImportError::atLine(path, line, QStringLiteral("\"ts\" is neither RFC 3339 nor Unix milliseconds"));
        }
        step.durationMs = wholeNumber(ev[kDurationMs]);
        step.kind = kind;
        switch (kind) {
        case StepKind::Task: {
            const std::string_view title = text(ev[kTitle]);
            step.text = joinNonEmpty(title, text(ev[kDescription]), "\n\n", m_joined);
            if (!title.empty())
                run.info.task = qstr(title);
            else if (run.info.task.isEmpty())
                run.info.task = qstr(text(ev[kDescription]));
            if (const std::string_view wf = text(ev[kWorkflow]); !wf.empty())
                run.info.workflow = qstr(wf);
            if (const std::string_view agent = text(ev[kAgent]); !agent.empty())
                run.info.agent = qstr(agent);
            if (const std::string_view model = text(ev[kModel]); !model.empty())
                run.info.model = qstr(model);
            if (const qint64 v = wholeNumber(ev[kPlaybookVersion]); v >= 0) {
                run.info.playbookVersion = int(qMin<qint64>(v, std::numeric_limits<int>::max()));
                run.info.playbookSource = v > 0 ? playbook_source::explicitly() : QString();
            }
            if (const std::string_view cwd = text(ev[kCwd]); !cwd.empty())
                run.info.cwd = qstr(cwd);
            break;
        }
        case StepKind::Plan: step.text = text(ev[kText]); break;
        case StepKind::ToolCall:
            step.tool = text(ev[kTool]);
            step.callId = text(ev[kCallId]);
            step.text = text(ev[kInput]);
            if (!step.callId.empty())
                run.toolByCallId[std::string(step.callId)] = std::string(step.tool);
            break;
        case StepKind::Observation: {
            step.callId = text(ev[kCallId]);
            step.tool = text(ev[kTool]);
            if (step.tool.empty()) {
                m_key.assign(step.callId);
                const auto it = run.toolByCallId.find(m_key);
                if (it != run.toolByCallId.end())
                    step.tool = it->second;
            }
            step.text = text(ev[kOutput]);
            const Member &err = ev[kIsError];
            step.isError = err.type == Member::Bool && err.boolean;
            break;
        }
        case StepKind::Message:
            step.role = text(ev[kRole]);
            step.text = text(ev[kText]);
            break;
        case StepKind::Outcome: {
            const std::string_view status = text(ev[kStatus]);
            run.info.outcome = qstr(status);
            step.text = joinNonEmpty(status, text(ev[kSummary]), ": ", m_joined);
            step.isError = isFailureStatus(status);
            break;
        }
        case StepKind::Verdict: {
            const Member &success = ev[kSuccess];
            if (success.type == Member::Bool)
                run.info.verdict = success.boolean ? Verdict::Success : Verdict::Failure;
            run.info.reviewer = qstr(text(ev[kReviewer]));
            run.info.verdictNotes = qstr(text(ev[kNotes]));
            m_verdict = verdictName(run.info.verdict).toStdString();
            step.text = joinNonEmpty(m_verdict, text(ev[kNotes]), ": ", m_joined);
            step.role = text(ev[kReviewer]);
            break;
        }
        case StepKind::Other: step.text = text(ev[kText]); break;
        }
        if (step.timestampMs >= 0) {
            if (run.info.startedMs < 0 || step.timestampMs < run.info.startedMs)
                run.info.startedMs = step.timestampMs;
            run.info.endedMs = qMax(run.info.endedMs, step.timestampMs + qMax<qint64>(0, step.durationMs));
        }
        return step;
    }

private:
    std::string m_joined, m_verdict, m_key;
};

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
    json::LineReader reader(path, ctx.startOffset(), ctx.startLine());
    EventReader ev;
    StepBuilder builder;
    std::unordered_map<std::string, RunState> runs;   // never moves its values
    std::vector<RunState *> order;   // first-seen order, for finishing deterministically
    RunState *current = nullptr;     // the run of the last event, whose id is `key`
    std::string line, key;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0x3ff) == 0)
            ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        if (!ev.read(line, path, n))
            throw ImportError::atLine(path, n, QStringLiteral("expected a JSON object, one event per line"));
        const Member &id = ev[kTrajectory];
        if (id.type != Member::String || id.text.empty())
            throw ImportError::atLine(path, n, QStringLiteral("missing \"trajectory\" (a non-empty string id)"));
        const Member &type = ev[kType];
        if (type.type != Member::String)
            throw ImportError::atLine(path, n, QStringLiteral("missing \"type\" (a string such as \"tool_call\")"));

        // A run's events mostly come one after another: one lookup per run, not per line.
        if (!current || id.text != key) {
            key.assign(id.text);
            auto it = runs.find(key);
            if (it == runs.end()) {
                RunState state;
                state.info.externalId = qstr(key);
                state.handle = sink.begin(state.info);
                it = runs.emplace(key, std::move(state)).first;
                order.push_back(&it->second);
            }
            current = &it->second;
        }
        StepRow row = builder.build(ev, stepKindFromName(type.text).value_or(StepKind::Other), *current, path, n);
        row.raw = line;
        sink.addRow(current->handle, row);
    }
    ctx.tick(reader.offset(), reader.size());
    if (ctx.consumedBytes() < 0)
        ctx.setConsumed(reader.offset(), reader.lineNumber());
    for (const RunState *run : order)
        sink.finish(run->handle, run->info);
}

} // namespace reverie::ingest
