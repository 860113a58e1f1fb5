#include "core/ingest/formats/ChatContent.h"

#include <QRegularExpression>
#include <QStringList>

namespace reverie::ingest::chat {

namespace {

QString partText(const Json &p)
{
    if (!p.is_object())
        return json::toText(p);
    const QString type = json::str(p, "type");
    if (type == QLatin1String("text") || type == QLatin1String("input_text") || type == QLatin1String("output_text"))
        return json::str(p, "text");
    if (type == QLatin1String("image") || type == QLatin1String("image_url") || type == QLatin1String("input_image"))
        return QStringLiteral("[image]");
    if (type == QLatin1String("document") || type == QLatin1String("file"))
        return QStringLiteral("[document]");
    if (type == QLatin1String("input_audio"))
        return QStringLiteral("[audio]");
    if (const Json *t = json::find(p, "text"); t && t->is_string())
        return json::toText(*t);
    if (const Json *c = json::find(p, "content"))
        return contentText(*c);
    return QString::fromUtf8(json::dump(p));
}

Piece makePiece(StepKind kind, const QString &role, const QString &text, int part)
{
    Piece p;
    p.step.kind = kind;
    p.step.role = role;
    p.step.text = text;
    p.parts.push_back(part);
    return p;
}

} // namespace

QString contentText(const Json &content)
{
    if (content.is_string() || content.is_null())
        return json::toText(content);
    if (!content.is_array())
        return partText(content);
    QStringList parts;
    for (const Json &p : content) {
        const QString t = partText(p);
        if (!t.isEmpty())
            parts << t;
    }
    return parts.join(QLatin1Char('\n'));
}

std::vector<Piece> anthropicBlocks(const std::vector<const Json *> &blocks, const QString &role,
                                   QHash<QString, QString> &toolByCallId)
{
    std::vector<Piece> out;
    std::vector<int> blank;   // whitespace-only text waiting for a step to join
    enum class Open { None, Text, Thinking } open = Open::None;
    auto push = [&](Piece &&p) {
        p.parts.insert(p.parts.begin(), blank.begin(), blank.end());
        blank.clear();
        out.push_back(std::move(p));
    };
    for (int i = 0; i < int(blocks.size()); ++i) {
        const Json &b = *blocks[std::size_t(i)];
        const QString type = json::str(b, "type");
        const bool textLike = type == QLatin1String("text") || type == QLatin1String("image")
                              || type == QLatin1String("document");
        const bool thinking = type == QLatin1String("thinking") || type == QLatin1String("redacted_thinking");
        if (textLike || thinking) {
            const QString text = type == QLatin1String("text")       ? json::str(b, "text")
                                 : type == QLatin1String("thinking") ? json::str(b, "thinking")
                                 : thinking                          ? QStringLiteral("[redacted thinking]")
                                                                     : QStringLiteral("[%1]").arg(type);
            const Open kind = textLike ? Open::Text : Open::Thinking;
            if (text.trimmed().isEmpty() && kind == Open::Text) {
                if (open == Open::Text)
                    out.back().parts.push_back(i);
                else
                    blank.push_back(i);
                continue;
            }
            if (open == kind) {
                out.back().step.text += QLatin1String("\n\n") + text;
                out.back().parts.push_back(i);
                continue;
            }
            push(makePiece(textLike ? StepKind::Message : StepKind::Plan, role, text, i));
            open = kind;
            continue;
        }
        open = Open::None;
        if (type == QLatin1String("tool_use") || type == QLatin1String("server_tool_use")
            || type == QLatin1String("mcp_tool_use")) {
            const Json *input = json::find(b, "input");
            Piece p = makePiece(StepKind::ToolCall, QString(), input ? json::toText(*input) : QString(), i);
            p.step.tool = json::str(b, "name");
            p.step.callId = json::str(b, "id");
            if (!p.step.callId.isEmpty())
                toolByCallId.insert(p.step.callId, p.step.tool);
            push(std::move(p));
        } else if (type == QLatin1String("tool_result") || type.endsWith(QLatin1String("_tool_result"))) {
            const Json *content = json::find(b, "content");
            Piece p = makePiece(StepKind::Observation, QString(), content ? contentText(*content) : QString(), i);
            p.step.callId = json::str(b, "tool_use_id");
            p.step.tool = toolByCallId.value(p.step.callId);
            const Json *err = json::find(b, "is_error");
            p.step.isError = err && err->is_boolean() && err->get<bool>();
            push(std::move(p));
        } else {
            // A block type this reader does not know: kept as its own step rather than lost.
            const QString text = b.is_object() ? json::str(b, "text") : json::toText(b);
            push(makePiece(StepKind::Other, role, text.isEmpty() ? type : text, i));
        }
    }
    if (!blank.empty()) {
        if (out.empty())
            push(makePiece(StepKind::Message, role, QString(), blank.front()));
        else
            out.back().parts.insert(out.back().parts.end(), blank.begin(), blank.end());
    }
    return out;
}

std::vector<Piece> openAiMessage(const Json &msg, QHash<QString, QString> &toolByCallId, const QString &path,
                                 const QString &where)
{
    auto fail = [&](const QString &what) { return ImportError::inFile(path, QStringLiteral("%1: %2").arg(where, what)); };
    if (!msg.is_object())
        throw fail(QStringLiteral("expected a message object with \"role\""));
    const Json *roleValue = json::find(msg, "role");
    if (!roleValue || !roleValue->is_string())
        throw fail(QStringLiteral("\"role\" must be a string such as \"user\""));
    const QString role = json::toText(*roleValue);
    const Json *content = json::find(msg, "content");
    if (content && !content->is_string() && !content->is_array() && !content->is_null())
        throw fail(QStringLiteral("\"content\" must be a string, an array of parts or null"));
    QString text = content ? contentText(*content) : QString();
    if (text.isEmpty())
        text = json::str(msg, "refusal");

    std::vector<Piece> out;
    if (role == QLatin1String("tool") || role == QLatin1String("function")) {
        Piece p = makePiece(StepKind::Observation, role, text, -1);
        p.step.callId = json::str(msg, "tool_call_id");
        p.step.tool = toolByCallId.value(p.step.callId, json::str(msg, "name"));
        const Json *err = json::find(msg, "is_error");
        p.step.isError = (err && err->is_boolean() && err->get<bool>()) || looksLikeToolError(text);
        out.push_back(std::move(p));
        return out;
    }
    if (role != QLatin1String("assistant")) {
        out.push_back(makePiece(StepKind::Message, role, text, -1));
        return out;
    }
    for (const char *key : {"reasoning_content", "reasoning"}) {
        if (const Json *r = json::find(msg, key); r && r->is_string() && !r->get_ref<const std::string &>().empty())
            out.push_back(makePiece(StepKind::Plan, role, json::toText(*r), -1));
    }
    const Json *calls = json::find(msg, "tool_calls");
    if (calls && !calls->is_null() && !calls->is_array())
        throw fail(QStringLiteral("\"tool_calls\" must be an array"));
    const Json *legacy = json::find(msg, "function_call");
    const bool hasLegacy = legacy && legacy->is_object();
    const bool hasCalls = calls && calls->is_array() && !calls->empty();
    if (!text.isEmpty() || (!hasCalls && !hasLegacy))
        out.push_back(makePiece(StepKind::Message, role, text, -1));
    if (hasCalls) {
        for (std::size_t k = 0; k < calls->size(); ++k) {
            const Json &c = (*calls)[k];
            if (!c.is_object())
                throw fail(QStringLiteral("tool_calls[%1] must be an object").arg(k));
            const Json *fn = json::find(c, "function");
            const Json &holder = fn && fn->is_object() ? *fn : c;
            const Json *args = json::find(holder, "arguments");
            Piece p = makePiece(StepKind::ToolCall, QString(), args ? json::toText(*args) : QString(), int(k));
            p.step.tool = json::str(holder, "name");
            p.step.callId = json::str(c, "id");
            if (!p.step.callId.isEmpty())
                toolByCallId.insert(p.step.callId, p.step.tool);
            out.push_back(std::move(p));
        }
    }
    if (hasLegacy) {
        const Json *args = json::find(*legacy, "arguments");
        Piece p = makePiece(StepKind::ToolCall, QString(), args ? json::toText(*args) : QString(), -1);
        p.step.tool = json::str(*legacy, "name");
        out.push_back(std::move(p));
    }
    return out;
}

bool looksLikeToolError(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(Error\\b|ERROR\\b|error:)"));
    return re.match(text).hasMatch();
}

ChatScores scoreChatHead(const JsonProbe &probe)
{
    ChatScores s;
    // Keys that belong to formats other importers own.
    static const QStringList foreign = {QStringLiteral("traj"),          QStringLiteral("reward"),
                                        QStringLiteral("task_id"),       QStringLiteral("trajectory"),
                                        QStringLiteral("history"),       QStringLiteral("samples"),
                                        QStringLiteral("eval"),          QStringLiteral("schema_version"),
                                        QStringLiteral("resourceSpans"), QStringLiteral("action"),
                                        QStringLiteral("observation"),   QStringLiteral("sessionId")};
    const QSet<QString> *first = nullptr;
    if (probe.shape == JsonProbe::Shape::Array)
        first = &probe.firstElementKeys;
    else if (probe.shape == JsonProbe::Shape::Object && probe.topKeys.contains(QStringLiteral("messages")))
        first = &probe.firstMessageKeys;
    if (!first || !first->contains(QStringLiteral("role")))
        return s;
    for (const QString &k : foreign) {
        if (first->contains(k) || probe.topKeys.contains(k))
            return s;
    }
    static const QStringList anthropicTypes = {QStringLiteral("tool_use"), QStringLiteral("tool_result"),
                                               QStringLiteral("thinking"), QStringLiteral("redacted_thinking"),
                                               QStringLiteral("server_tool_use")};
    bool anthropic = probe.keys.contains(QStringLiteral("tool_use_id")) || probe.topKeys.contains(QStringLiteral("system"));
    for (const QString &t : anthropicTypes)
        anthropic = anthropic || probe.types.contains(t);
    // Anthropic has no system or tool role inside messages; OpenAI has no content blocks of those types.
    bool openAi = probe.keys.contains(QStringLiteral("tool_calls")) || probe.keys.contains(QStringLiteral("tool_call_id"))
                  || probe.keys.contains(QStringLiteral("function_call"));
    for (const char *r : {"system", "tool", "developer", "function"})
        openAi = openAi || probe.roles.contains(QLatin1String(r));
    if (anthropic && !openAi)
        s.anthropic = 90;
    else if (openAi && !anthropic)
        s.openAi = 90;
    else if (anthropic && openAi) {
        s.anthropic = 45;   // mixed markers: neither is sure; the import reports what does not fit
        s.openAi = 40;
    } else {
        s.openAi = 55;      // a plain user/assistant text conversation reads the same either way
        s.anthropic = 50;
    }
    return s;
}

const Json &transcriptMessages(const Json &doc, const QString &path)
{
    if (doc.is_array())
        return doc;
    if (doc.is_object()) {
        const Json *messages = json::find(doc, "messages");
        if (messages && messages->is_array())
            return *messages;
        if (messages)
            throw ImportError::inFile(path, QStringLiteral("\"messages\" must be an array of messages"));
    }
    throw ImportError::atOffset(path, 0, QStringLiteral("expected a JSON array of chat messages or an object with "
                                                        "\"messages\""));
}

QByteArray transcriptExtra(const Json &doc, std::initializer_list<const char *> mapped)
{
    if (!doc.is_object())
        return {};
    Json extra = Json::object();
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        bool skip = it.key() == "messages";
        for (const char *m : mapped)
            skip = skip || it.key() == m;
        if (!skip)
            extra[it.key()] = it.value();
    }
    return extra.empty() ? QByteArray() : json::dump(extra);
}

} // namespace reverie::ingest::chat
