#include "core/ingest/formats/CodexCliImporter.h"

#include "core/ingest/formats/CodexRollout.h"
#include "core/ingest/formats/HeadScan.h"

#include <QFileInfo>
#include <QStringList>

namespace reverie::ingest {

using json::Json;

namespace {

bool isRolloutType(const QString &type)
{
    return type == QLatin1String("session_meta") || type == QLatin1String("response_item")
           || type == QLatin1String("event_msg") || type == QLatin1String("turn_context")
           || type == QLatin1String("compacted");
}

bool isResponseItemType(const QString &type)
{
    static const QStringList types = {
        QStringLiteral("message"),          QStringLiteral("reasoning"),
        QStringLiteral("function_call"),    QStringLiteral("function_call_output"),
        QStringLiteral("custom_tool_call"), QStringLiteral("custom_tool_call_output"),
        QStringLiteral("local_shell_call"), QStringLiteral("web_search_call"),
    };
    return types.contains(type);
}

// {timestamp, type, payload} with a type Codex writes.
bool isRolloutLine(const Json &rec)
{
    const Json *payload = json::find(rec, "payload");
    return payload && payload->is_object() && isRolloutType(json::str(rec, "type"));
}

// The header line of rollouts written before session_meta existed: {id, timestamp, instructions, git}.
bool isLegacyHeader(const Json &rec)
{
    if (!rec.is_object() || rec.contains("type") || json::str(rec, "id").isEmpty() || !rec.contains("timestamp"))
        return false;
    for (const auto &[key, value] : rec.items()) {
        if (key != "id" && key != "timestamp" && key != "instructions" && key != "git")
            return false;
    }
    return true;
}

// A line of a legacy rollout after its header: a bare response item or a {"record_type": "state"} marker.
bool isLegacyItem(const Json &rec)
{
    return rec.is_object() && (rec.contains("record_type") || isResponseItemType(json::str(rec, "type")));
}

bool isLegacyDocument(const Json &rec)
{
    const Json *session = json::find(rec, "session");
    const Json *items = json::find(rec, "items");
    return session && session->is_object() && items && items->is_array();
}

// Names what a refused record looks like, so the message says which shape was found.
QString describe(const Json &rec)
{
    if (!rec.is_object())
        return QStringLiteral("a JSON %1, not an object").arg(QString::fromUtf8(rec.type_name()));
    QStringList keys;
    for (const auto &[key, value] : rec.items()) {
        if (keys.size() == 8) {
            keys << QStringLiteral("...");
            break;
        }
        keys << QString::fromStdString(key);
    }
    const QString type = json::str(rec, "type");
    return (type.isEmpty() ? QStringLiteral("an object") : QStringLiteral("a \"%1\" record").arg(type))
           + QStringLiteral(" with keys {%1}").arg(keys.join(QLatin1String(", ")));
}

std::string_view lineAt(const QByteArray &head, qsizetype &start, bool &cut)
{
    while (start < head.size() && (head.at(start) == '\n' || head.at(start) == '\r' || head.at(start) == ' '))
        ++start;
    qsizetype end = head.indexOf('\n', start);
    cut = end < 0;
    if (end < 0)
        end = head.size();
    const std::string_view line(head.constData() + start, std::size_t(end - start));
    start = end + 1;
    return line;
}

Json parseQuietly(std::string_view line)
{
    if (line.empty() || line.front() != '{' || json::findExcessiveNesting(line) >= 0)
        return Json();
    return Json::parse(line.begin(), line.end(), nullptr, false);
}

void importLegacyDocument(const QString &path, const ImportContext &ctx, TrajectorySink &sink)
{
    const Json doc = json::parseFile(path, ctx);
    if (!isLegacyDocument(doc))
        throw ImportError::inFile(path, QStringLiteral("not a Codex CLI session: expected {\"session\": {...}, \"items\": [...]}, "
                                                       "found %1").arg(describe(doc)));
    codex::RunBuilder run(path, sink, QStringLiteral("legacy-json"));
    try {
        run.sessionMeta(doc["session"], json::dump(doc["session"]), -1);
        qint64 index = 0;
        for (const Json &item : doc["items"]) {
            if (!item.is_object() || json::str(item, "type").isEmpty())
                throw ImportError::inFile(path, QStringLiteral("items[%1]: expected a response item with a \"type\", found %2")
                                                    .arg(index).arg(describe(item)));
            run.responseItem(item, json::dump(item), -1);
            run.advance(++index);
        }
    } catch (const Json::exception &e) {
        throw ImportError::inFile(path, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
    }
    run.finish();
}

} // namespace

QString CodexCliImporter::description() const
{
    return QStringLiteral("OpenAI Codex CLI session rollout (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl): one run per session");
}

int CodexCliImporter::sniff(const QString &path, const QByteArray &head) const
{
    const QString fileName = QFileInfo(path).fileName();
    const bool rolloutName = fileName.startsWith(QLatin1String("rollout-"));
    qsizetype start = 0;
    bool cut = false;
    const std::string_view first = lineAt(head, start, cut);
    if (first.empty())
        return 0;
    const Json rec = parseQuietly(first);
    if (rec.is_object()) {
        if (isRolloutLine(rec)) {
            if (json::str(rec, "type") == QLatin1String("session_meta"))
                return rolloutName ? 97 : 96;
            return rolloutName ? 90 : 85;   // a rollout whose header is missing
        }
        if (isLegacyDocument(rec))
            return 90;
        if (isLegacyHeader(rec)) {
            const Json next = parseQuietly(lineAt(head, start, cut));
            if (isLegacyItem(next))
                return 88;
            return rolloutName && next.is_discarded() ? 70 : 0;
        }
        return 0;
    }
    // A first line longer than the head (instructions can be long) is cut; its opening says what it is.
    const std::string_view opening = first.substr(0, 300);
    if (cut && opening.find("\"type\":\"session_meta\"") != std::string_view::npos
        && opening.find("\"payload\":{") != std::string_view::npos)
        return 90;
    if (first.find_first_not_of(" \t\r{") == std::string_view::npos) {
        // The TypeScript CLI's pretty-printed {session, items} document.
        const JsonHead doc(head);
        if (doc.top() == '{' && doc.has(1, QLatin1String("session")) && doc.has(2, QLatin1String("id"), QLatin1String("session"))
            && (doc.has(1, QLatin1String("items")) || !doc.complete()))
            return 85;
    }
    return 0;
}

void CodexCliImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    enum class Shape { Unknown, Rollout, LegacyLines };
    Shape shape = Shape::Unknown;
    json::LineReader reader(path);
    std::unique_ptr<codex::RunBuilder> run;
    std::string line;
    while (reader.next(line)) {
        const qint64 n = reader.lineNumber();
        if ((n & 0xff) == 0)
            ctx.tick(reader.offset(), reader.size());
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        if (shape == Shape::Unknown && line.find_first_not_of(" \t\r{") == std::string::npos) {
            importLegacyDocument(path, ctx, sink);
            return;
        }
        const Json rec = json::parse(line, path, n);
        try {
            if (!rec.is_object())
                throw ImportError::atLine(path, n, QStringLiteral("expected a JSON object, one record per line, found %1")
                                                       .arg(describe(rec)));
            if (shape == Shape::Unknown) {
                if (isLegacyDocument(rec)) {
                    importLegacyDocument(path, ctx, sink);
                    return;
                }
                if (isRolloutLine(rec)) {
                    shape = Shape::Rollout;
                    run = std::make_unique<codex::RunBuilder>(path, sink, QStringLiteral("rollout"));
                } else if (isLegacyHeader(rec)) {
                    shape = Shape::LegacyLines;
                    run = std::make_unique<codex::RunBuilder>(path, sink, QStringLiteral("legacy-jsonl"));
                    run->sessionMeta(rec, QByteArray::fromStdString(line), -1);
                    run->advance(n);
                    continue;
                } else {
                    throw ImportError::atLine(
                        path, n,
                        QStringLiteral("unknown Codex CLI rollout shape: the first record is %1; expected "
                                       "{timestamp, type: \"session_meta\", payload} or a legacy header "
                                       "{id, timestamp, instructions}")
                            .arg(describe(rec)));
                }
            }
            QByteArray raw = QByteArray::fromStdString(line);
            if (shape == Shape::LegacyLines) {
                if (rec.contains("record_type"))
                    run->other(QStringLiteral("state"), json::str(rec, "record_type"), std::move(raw), -1);
                else if (!json::str(rec, "type").isEmpty())
                    run->responseItem(rec, std::move(raw), -1);
                else
                    throw ImportError::atLine(path, n, QStringLiteral("a legacy Codex rollout line needs a \"type\" "
                                                                      "(message, function_call, ...), found %1")
                                                           .arg(describe(rec)));
                run->advance(n);
                continue;
            }
            const QString type = json::str(rec, "type");
            if (type.isEmpty())
                throw ImportError::atLine(path, n, QStringLiteral("missing \"type\" (session_meta, response_item, "
                                                                  "event_msg, turn_context), found %1")
                                                       .arg(describe(rec)));
            const Json *payload = json::find(rec, "payload");
            if (!payload || !payload->is_object())
                throw ImportError::atLine(path, n, QStringLiteral("a \"%1\" record needs a \"payload\" object").arg(type));
            const Json *time = json::find(rec, "timestamp");
            const qint64 ts = time ? json::parseTimestamp(*time) : -1;
            if (type == QLatin1String("session_meta"))
                run->sessionMeta(*payload, std::move(raw), ts);
            else if (type == QLatin1String("response_item"))
                run->responseItem(*payload, std::move(raw), ts);
            else if (type == QLatin1String("event_msg"))
                run->eventMsg(*payload, std::move(raw), ts);
            else if (type == QLatin1String("turn_context"))
                run->turnContext(*payload, std::move(raw), ts);
            else if (type == QLatin1String("compacted"))
                run->other(type, json::str(*payload, "message").left(2000), std::move(raw), ts);
            else
                run->other(type, type, std::move(raw), ts);   // a record kind added after this importer
            run->advance(n);
        } catch (const Json::exception &e) {
            throw ImportError::atLine(path, n, QStringLiteral("unexpected value: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    ctx.tick(reader.offset(), reader.size());
    if (!run)
        throw ImportError::inFile(path, QStringLiteral("empty file: no Codex CLI rollout records"));
    run->finish();
}

} // namespace reverie::ingest
