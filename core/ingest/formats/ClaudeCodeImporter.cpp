#include "core/ingest/formats/ClaudeCodeImporter.h"

#include "core/ingest/formats/ChatContent.h"
#include "core/ingest/formats/ClaudeCodeText.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <map>

namespace reverie::ingest {

using json::Json;
using claudecode::commandPrompt;
using claudecode::isPrompt;
using claudecode::markSidechain;
using claudecode::roleFor;

namespace {

// An assistant message still collecting the lines Claude Code streamed it in (one per block).
struct OpenMessage {
    std::vector<Json> blocks;
    std::vector<int> blockLine;   // which of the session's lines each block came from
    qint64 timestampMs = -1;
    bool sidechain = false;
};

// A slot in the session's timeline: finished steps, or an assistant message expanded at the end.
struct Entry {
    std::vector<Step> steps;
    int message = -1;
};

struct Session {
    QString id;
    std::vector<std::string> lines;   // only the assistant lines, which raw needs at the end
    std::vector<OpenMessage> messages;
    std::vector<Entry> entries;
    QHash<QString, int> messageById;
    QHash<QString, QString> toolByCallId;
    TrajectoryInfo info;
    QString sidechainTask, sidechainModel;
    bool sawMainChain = false;
    Json extra = Json::object();
    std::map<std::string, int> typeCounts;
    double costUsd = 0;   // Claude Code before 1.0 wrote costUSD on each assistant line
    bool sawCost = false;
};

const Json kNull;   // so `p ? *p : kNull` binds a reference instead of copying into a temporary

std::vector<const Json *> blockPointers(const Json &content, Json &holder)
{
    std::vector<const Json *> out;
    if (content.is_array()) {
        for (const Json &b : content)
            out.push_back(&b);
    } else if (!content.is_null()) {
        holder = Json{{"type", "text"}, {"text", content.is_string() ? content : Json(json::dump(content).toStdString())}};
        out.push_back(&holder);
    }
    return out;
}

// What a non-message record says, as one step: hooks, subagent progress, system notes, summaries.
Step otherStep(const Json &rec, const QString &type)
{
    Step s;
    s.kind = StepKind::Other;
    s.role = type;
    if (type == QLatin1String("progress")) {
        const Json *data = json::find(rec, "data");
        const QString dataType = data ? json::str(*data, "type") : QString();
        const Json *inner = data ? json::find(*data, "message") : nullptr;
        const Json *innerMsg = inner ? json::find(*inner, "message") : nullptr;
        if (dataType == QLatin1String("agent_progress") && innerMsg) {
            // A subagent's turn mirrored into the parent session. Its own transcript
            // (subagents/agent-*.jsonl) is where its tool calls and errors count, so here it
            // stays an Other step and never adds to this session's errors.
            Json holder;
            const Json *content = json::find(*innerMsg, "content");
            QHash<QString, QString> ownTools;
            const QString role = json::str(*innerMsg, "role");
            const auto pieces = chat::anthropicBlocks(blockPointers(content ? *content : kNull, holder), role, ownTools);
            QStringList parts;
            for (const chat::Piece &p : pieces) {
                if (s.tool.isEmpty())
                    s.tool = p.step.tool;
                parts << (p.step.tool.isEmpty() ? p.step.text : p.step.tool + QLatin1String(": ") + p.step.text);
            }
            s.role = QLatin1String("subagent:") + role;
            s.text = parts.join(QLatin1Char('\n'));
        } else if (data) {
            s.text = QStringList{dataType, json::str(*data, "hookName"), json::str(*data, "command")}.join(QLatin1Char(' '))
                         .trimmed();
        }
    } else if (type == QLatin1String("system")) {
        s.text = json::str(rec, "content");
        if (s.text.isEmpty())
            s.text = json::str(rec, "subtype");
    } else if (type == QLatin1String("summary")) {
        s.text = json::str(rec, "summary");
    } else if (type == QLatin1String("queue-operation")) {
        s.text = (json::str(rec, "operation") + QLatin1Char(' ') + json::str(rec, "content")).trimmed();
    } else {
        s.text = type;
    }
    return s;
}

// Adds an assistant line's blocks to the message it continues, or opens a new one.
void addAssistantLine(Session &ses, const Json &message, std::string &&line, qint64 ts, bool sidechain)
{
    const int lineIndex = int(ses.lines.size());
    ses.lines.push_back(std::move(line));
    const QString id = json::str(message, "id");
    int index = id.isEmpty() ? -1 : ses.messageById.value(id, -1);
    if (index < 0) {
        index = int(ses.messages.size());
        ses.messages.push_back(OpenMessage{{}, {}, ts, sidechain});
        Entry e;
        e.message = index;
        ses.entries.push_back(std::move(e));
        if (!id.isEmpty())
            ses.messageById.insert(id, index);
    }
    OpenMessage &m = ses.messages[std::size_t(index)];
    const Json *content = json::find(message, "content");
    Json holder;
    for (const Json *b : blockPointers(content ? *content : kNull, holder)) {
        m.blocks.push_back(*b);
        m.blockLine.push_back(lineIndex);
        if (json::str(*b, "type") == QLatin1String("tool_use"))
            ses.toolByCallId.insert(json::str(*b, "id"), json::str(*b, "name"));
    }
    const QString model = json::str(message, "model");
    if (!model.isEmpty() && model != QLatin1String("<synthetic>")) {
        if (!sidechain && ses.info.model.isEmpty())
            ses.info.model = model;
        else if (sidechain && ses.sidechainModel.isEmpty())
            ses.sidechainModel = model;
    }
}

std::vector<Step> userSteps(Session &ses, const Json &rec, const Json &message, const std::string &line)
{
    const Json *content = json::find(message, "content");
    std::vector<Step> steps;
    if (content && content->is_array()) {
        std::vector<const Json *> blocks;
        for (const Json &b : *content)
            blocks.push_back(&b);
        auto pieces = chat::anthropicBlocks(blocks, QStringLiteral("user"), ses.toolByCallId);
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            Json arr = Json::array();
            for (int part : pieces[i].parts)
                arr.push_back(*blocks[std::size_t(part)]);
            // The first step of a line carries the line; the others the blocks they came from.
            pieces[i].step.raw = i == 0 ? QByteArray::fromStdString(line) : json::dump(arr.size() == 1 ? arr[0] : arr);
            steps.push_back(std::move(pieces[i].step));
        }
    } else {
        Step s;
        s.kind = StepKind::Message;
        s.role = QStringLiteral("user");
        s.text = content ? json::toText(*content) : QString();
        s.raw = QByteArray::fromStdString(line);
        steps.push_back(std::move(s));
    }
    const Json *meta = json::find(rec, "isMeta");
    if (meta && meta->is_boolean() && meta->get<bool>())
        return steps;
    for (const Step &s : steps) {
        if (s.kind == StepKind::Message && isPrompt(s.text)) {
            const bool side = json::find(rec, "isSidechain") && rec["isSidechain"] == true;
            QString &task = side ? ses.sidechainTask : ses.info.task;
            if (task.isEmpty())
                task = commandPrompt(s.text.trimmed());
            break;
        }
    }
    return steps;
}

// Expands the merged assistant messages and hands the whole session to the sink.
void writeSession(Session &ses, const QString &path, TrajectorySink &sink)
{
    TrajectoryInfo &info = ses.info;
    info.externalId = ses.id.isEmpty() ? QFileInfo(path).completeBaseName() : ses.id;
    if (info.task.isEmpty())
        info.task = ses.sidechainTask;
    if (info.model.isEmpty())
        info.model = ses.sidechainModel;
    // The project folder names the kind of work; Windows paths use backslashes.
    const QString cwd = QDir::cleanPath(json::str(ses.extra, "cwd").replace(QLatin1Char('\\'), QLatin1Char('/')));
    info.cwd = json::str(ses.extra, "cwd");   // as recorded: attribution by folder compares it
    info.workflow = QFileInfo(cwd).fileName();
    if (info.workflow.isEmpty())
        info.workflow = QStringLiteral("claude-code");
    info.agent = ses.sawMainChain ? QStringLiteral("claude-code") : QStringLiteral("claude-code subagent");
    Json counts = Json::object();
    for (const auto &[type, count] : ses.typeCounts)
        counts[type] = count;
    ses.extra["record_types"] = std::move(counts);
    if (ses.sawCost)
        ses.extra["costUSD"] = ses.costUsd;
    info.extra = json::dump(ses.extra);
    const qint64 handle = sink.begin(info);
    for (Entry &e : ses.entries) {
        if (e.message < 0) {
            for (const Step &s : e.steps)
                sink.addStep(handle, s);
            continue;
        }
        OpenMessage &m = ses.messages[std::size_t(e.message)];
        std::vector<const Json *> blocks;
        for (const Json &b : m.blocks)
            blocks.push_back(&b);
        auto pieces = chat::anthropicBlocks(blocks, QStringLiteral("assistant"), ses.toolByCallId);
        for (chat::Piece &p : pieces) {
            std::vector<int> lines;
            for (int part : p.parts) {
                const int l = m.blockLine[std::size_t(part)];
                if (std::find(lines.begin(), lines.end(), l) == lines.end())
                    lines.push_back(l);
            }
            std::sort(lines.begin(), lines.end());
            // Several streamed lines make one step: their original text, side by side in an array.
            QByteArray raw = lines.size() == 1 ? QByteArray() : QByteArrayLiteral("[");
            for (std::size_t i = 0; i < lines.size(); ++i)
                raw += (i ? QByteArrayLiteral(",") : QByteArray()) + QByteArray::fromStdString(ses.lines[std::size_t(lines[i])]);
            p.step.raw = lines.size() == 1 ? raw : raw + ']';
            p.step.timestampMs = m.timestampMs;
            if (m.sidechain)
                p.step.role = QLatin1String("sidechain:") + roleFor(p.step);
            sink.addStep(handle, p.step);
        }
    }
    sink.finish(handle, info);
}

} // namespace

QString ClaudeCodeImporter::description() const
{
    return QStringLiteral("Claude Code session JSONL (~/.claude/projects/*/<session>.jsonl): one run per session");
}

int ClaudeCodeImporter::sniff(const QString &path, const QByteArray &head) const
{
    static const QStringList weak = {QStringLiteral("summary"), QStringLiteral("file-history-snapshot"),
                                     QStringLiteral("system"), QStringLiteral("progress"),
                                     QStringLiteral("queue-operation")};
    int best = 0;
    qsizetype start = 0;
    for (int n = 0; n < 40 && start < head.size(); ++n) {
        qsizetype end = head.indexOf('\n', start);
        if (end < 0)
            end = head.size();   // the last line may be cut; a failed parse then just ends the scan
        const std::string_view line(head.constData() + start, std::size_t(end - start));
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        if (json::findExcessiveNesting(line) >= 0)
            break;
        const Json rec = Json::parse(line.begin(), line.end(), nullptr, false);
        if (!rec.is_object()) {
            // A first record longer than the head (a big snapshot or pasted prompt) is cut
            // mid-line; its opening keys still say what it is.
            const bool cut = end == head.size() && n == 0 && line.front() == '{';
            const bool known = line.find("\"type\":\"file-history-snapshot\"") != std::string_view::npos
                               || (line.find("\"parentUuid\":") != std::string_view::npos
                                   && line.find("\"sessionId\":\"") != std::string_view::npos);
            return cut && known ? 75 : best;
        }
        const QString type = json::str(rec, "type");
        const bool session = rec.contains("sessionId");
        if ((type == QLatin1String("user") || type == QLatin1String("assistant")) && session && rec.contains("uuid")
            && json::find(rec, "message") && rec["message"].is_object())
            return path.endsWith(QLatin1String(".jsonl")) ? 96 : 95;
        if (weak.contains(type) && (session || rec.contains("leafUuid") || rec.contains("snapshot")))
            best = 80;
        else if (!rec.contains("sessionId"))
            break;   // some other JSONL
    }
    return best;
}

void ClaudeCodeImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    json::LineReader reader(path, ctx.startOffset(), ctx.startLine());
    std::vector<Session> sessions(1);   // sessions[0] also takes records seen before any sessionId
    std::map<QString, std::size_t> byId;
    std::size_t current = 0;
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0xff) == 0)
            ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const Json rec = json::parse(line, path, n);
        try {
            if (!rec.is_object())
                throw ImportError::atLine(path, n, QStringLiteral("expected a JSON object, one record per line"));
            const QString type = json::str(rec, "type");
            if (type.isEmpty())
                throw ImportError::atLine(path, n, QStringLiteral("missing \"type\" (user, assistant, system, ...)"));
            if (const QString sid = json::str(rec, "sessionId"); !sid.isEmpty()) {
                auto it = byId.find(sid);
                if (it == byId.end()) {
                    if (byId.empty())
                        sessions[0].id = sid;
                    else
                        sessions.emplace_back().id = sid;
                    it = byId.emplace(sid, sessions.size() - 1).first;
                }
                current = it->second;
            }
            Session &ses = sessions[current];
            ++ses.typeCounts[type.toStdString()];
            const qint64 ts = json::find(rec, "timestamp") ? json::parseTimestamp(rec["timestamp"]) : -1;
            if (ts >= 0) {
                ses.info.startedMs = ses.info.startedMs < 0 ? ts : qMin(ses.info.startedMs, ts);
                ses.info.endedMs = qMax(ses.info.endedMs, ts);
            }
            const Json *side = json::find(rec, "isSidechain");
            const bool sidechain = side && side->is_boolean() && side->get<bool>();
            for (const char *key : {"cwd", "version", "gitBranch", "slug", "agentId"}) {
                if (rec.contains(key) && (!ses.extra.contains(key) || (!sidechain && !ses.sawMainChain)))
                    ses.extra[key] = rec[key];
            }
            if (!sidechain && (type == QLatin1String("user") || type == QLatin1String("assistant")))
                ses.sawMainChain = true;

            Entry entry;
            if (type == QLatin1String("user") || type == QLatin1String("assistant")) {
                const Json *message = json::find(rec, "message");
                if (!message || !message->is_object())
                    throw ImportError::atLine(path, n, QStringLiteral("a \"%1\" record needs a \"message\" object").arg(type));
                if (type == QLatin1String("assistant")) {
                    if (const Json *cost = json::find(rec, "costUSD"); cost && cost->is_number()) {
                        ses.costUsd += cost->get<double>();
                        ses.sawCost = true;
                    }
                    addAssistantLine(ses, *message, std::move(line), ts, sidechain);
                    continue;
                }
                entry.steps = userSteps(ses, rec, *message, line);
            } else {
                Step s = otherStep(rec, type);
                s.raw = QByteArray::fromStdString(line);
                entry.steps.push_back(std::move(s));
            }
            for (Step &s : entry.steps)
                s.timestampMs = ts;
            if (sidechain)
                markSidechain(entry.steps);
            ses.entries.push_back(std::move(entry));
        } catch (const Json::exception &e) {
            throw ImportError::atLine(path, n, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    ctx.tick(reader.offset(), reader.size());
    if (ctx.consumedBytes() < 0)
        ctx.setConsumed(reader.offset(), reader.lineNumber());
    for (Session &ses : sessions) {
        if (!ses.entries.empty())
            writeSession(ses, path, sink);
    }
}

} // namespace reverie::ingest
