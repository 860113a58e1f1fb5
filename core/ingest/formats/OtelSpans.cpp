#include "core/ingest/formats/OtelSpans.h"

#include "core/ingest/formats/ChatContent.h"

#include <QStringList>

#include <iterator>
#include <limits>
#include <map>

namespace reverie::ingest::otel {

namespace {

QString firstText(const Json &obj, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const QString t = json::str(obj, k);
        if (!t.isEmpty())
            return t;
    }
    return {};
}

// Attribute values that hold JSON as a string (the usual form of gen_ai.input.messages).
Json asJson(const Json &v)
{
    if (!v.is_string())
        return v;
    const std::string &s = v.get_ref<const std::string &>();
    if (json::findExcessiveNesting(s) >= 0)
        return v;
    Json parsed = Json::parse(s, nullptr, false);
    return parsed.is_discarded() ? v : parsed;
}

void addCalls(ChatMessage &m, const Json &calls)
{
    const Json list = asJson(calls);
    if (!list.is_array())
        return;
    for (const Json &c : list) {
        const Json *fn = json::find(c, "function");
        const Json &holder = fn && fn->is_object() ? *fn : c;
        const Json *args = json::find(holder, "arguments");
        m.calls.push_back({json::str(c, "id"), json::str(holder, "name"), args ? json::toText(*args) : QString()});
    }
}

// A message in the current convention ({role, parts}) or in OpenAI's ({role, content, tool_calls}).
ChatMessage fromMessage(const Json &m, const QString &fallbackRole)
{
    ChatMessage cm;
    cm.raw = m;
    cm.role = json::str(m, "role");
    if (cm.role.isEmpty())
        cm.role = fallbackRole;
    const Json *parts = json::find(m, "parts");
    if (!parts || !parts->is_array()) {
        if (const Json *c = json::find(m, "content"))
            cm.text = chat::contentText(asJson(*c));
        if (const Json *calls = json::find(m, "tool_calls"))
            addCalls(cm, *calls);
        cm.toolCallId = firstText(m, {"tool_call_id", "id"});
        return cm;
    }
    QStringList texts;
    for (const Json &p : *parts) {
        const QString type = json::str(p, "type");
        if (type == QLatin1String("tool_call")) {
            const Json *args = json::find(p, "arguments");
            cm.calls.push_back({json::str(p, "id"), json::str(p, "name"), args ? json::toText(*args) : QString()});
        } else if (type == QLatin1String("tool_call_response")) {
            cm.toolCallId = json::str(p, "id");
            texts << json::str(p, "response");
        } else {
            const QString t = firstText(p, {"content", "text"});
            texts << (t.isEmpty() ? QStringLiteral("[%1]").arg(type) : t);
        }
    }
    cm.text = texts.join(QLatin1Char('\n'));
    return cm;
}

std::vector<ChatMessage> fromList(const Json &value, const QString &fallbackRole)
{
    std::vector<ChatMessage> out;
    const Json list = asJson(value);
    if (list.is_array()) {
        for (const Json &m : list) {
            if (m.is_object())
                out.push_back(fromMessage(m, fallbackRole));
        }
    } else if (!list.is_null()) {
        ChatMessage cm;   // a plain prompt or completion string
        cm.role = fallbackRole;
        cm.text = json::toText(list);
        cm.raw = value;
        out.push_back(std::move(cm));
    }
    return out;
}

// "llm.input_messages.3.message.role" under "llm.input_messages." → {3: {"message.role": ...}}.
std::map<int, Json> indexed(const Json &attrs, const std::string &prefix)
{
    std::map<int, Json> out;
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const std::string &k = it.key();
        if (k.size() <= prefix.size() || k.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::size_t dot = k.find('.', prefix.size());
        const std::string number = k.substr(prefix.size(), dot == std::string::npos ? std::string::npos : dot - prefix.size());
        if (number.empty() || number.size() > 6 || number.find_first_not_of("0123456789") != std::string::npos)
            continue;
        Json &slot = out[std::stoi(number)];
        slot[dot == std::string::npos ? std::string() : k.substr(dot + 1)] = it.value();
    }
    return out;
}

std::vector<ChatMessage> fromIndexed(const Json &attrs, const std::string &prefix, const QString &fallbackRole)
{
    std::vector<ChatMessage> out;
    for (const auto &[index, m] : indexed(attrs, prefix)) {
        ChatMessage cm;
        cm.raw = m;
        cm.role = firstText(m, {"message.role", "role"});
        if (cm.role.isEmpty())
            cm.role = fallbackRole;
        cm.text = firstText(m, {"message.content", "content"});
        if (cm.text.isEmpty()) {
            QStringList texts;
            for (const auto &[k, part] : indexed(m, "message.contents."))
                texts << firstText(part, {"message_content.text"});
            cm.text = texts.join(QLatin1Char('\n'));
        }
        for (const char *p : {"message.tool_calls.", "tool_calls."}) {
            for (const auto &[k, c] : indexed(m, p))
                cm.calls.push_back({firstText(c, {"tool_call.id", "id"}), firstText(c, {"tool_call.function.name", "name"}),
                                    firstText(c, {"tool_call.function.arguments", "arguments"})});
        }
        cm.toolCallId = firstText(m, {"message.tool_call_id", "tool_call_id"});
        out.push_back(std::move(cm));
    }
    return out;
}

// The older event conventions: one span event per message, the body in the event's attributes.
std::vector<ChatMessage> fromEvents(const Span &s, bool output)
{
    std::vector<ChatMessage> out;
    const Json *events = json::find(s.raw, "events");
    if (!events || !events->is_array())
        return out;
    for (const Json &ev : *events) {
        const QString name = json::str(ev, "name");
        const Json attrs = attributes(json::find(ev, "attributes"));
        if (output && name == QLatin1String("gen_ai.content.completion")) {
            for (ChatMessage &m : fromList(attrs.value("gen_ai.completion", Json()), QStringLiteral("assistant")))
                out.push_back(std::move(m));
            continue;
        }
        if (!output && name == QLatin1String("gen_ai.content.prompt")) {
            for (ChatMessage &m : fromList(attrs.value("gen_ai.prompt", Json()), QStringLiteral("user")))
                out.push_back(std::move(m));
            continue;
        }
        const bool choice = name == QLatin1String("gen_ai.choice");
        if (choice != output || !name.startsWith(QLatin1String("gen_ai.")) || (!choice && !name.endsWith(QLatin1String(".message"))))
            continue;
        // The body may be flattened into attributes, or kept whole as JSON text.
        Json body = attrs.contains("gen_ai.event.content") ? asJson(attrs["gen_ai.event.content"])
                    : attrs.contains("body")              ? asJson(attrs["body"])
                                                          : attrs;
        if (choice && body.contains("message"))
            body = asJson(body["message"]);
        const QString role = choice ? QStringLiteral("assistant") : name.section(QLatin1Char('.'), 1, 1);
        ChatMessage cm = fromMessage(body.is_object() ? body : Json{{"content", body}}, role);
        cm.raw = ev;
        out.push_back(std::move(cm));
    }
    return out;
}

std::vector<ChatMessage> messages(const Span &s, bool output)
{
    const char *key = output ? "gen_ai.output.messages" : "gen_ai.input.messages";
    const QString role = output ? QStringLiteral("assistant") : QStringLiteral("user");
    std::vector<ChatMessage> out;
    if (!output) {
        if (const Json *sys = json::find(s.attrs, "gen_ai.system_instructions")) {
            ChatMessage cm = fromMessage(Json{{"role", "system"}, {"parts", asJson(*sys)}}, QStringLiteral("system"));
            cm.raw = *sys;
            cm.instructions = true;
            out.push_back(std::move(cm));
        }
    }
    if (const Json *v = json::find(s.attrs, key)) {
        for (ChatMessage &m : fromList(*v, role))
            out.push_back(std::move(m));
        return out;
    }
    // The first convention that yields anything wins, so no message is read twice.
    std::vector<ChatMessage> found = fromEvents(s, output);
    for (const char *prefix : {output ? "gen_ai.completion." : "gen_ai.prompt.",
                               output ? "llm.output_messages." : "llm.input_messages."}) {
        if (found.empty())
            found = fromIndexed(s.attrs, prefix, role);
    }
    // OpenInference spans without structured messages still say what went in and came out.
    const Json *value = json::find(s.attrs, output ? "output.value" : "input.value");
    if (found.empty() && value && !value->is_null()) {
        ChatMessage cm;
        cm.role = role;
        cm.text = json::toText(*value);
        cm.raw = *value;
        found.push_back(std::move(cm));
    }
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    return out;
}

} // namespace

Json anyValue(const Json &v)
{
    if (!v.is_object())
        return v;
    if (const Json *x = json::find(v, "stringValue"))
        return *x;
    if (const Json *x = json::find(v, "intValue")) {
        bool ok = false;
        const qint64 n = json::toText(*x).toLongLong(&ok);
        return ok ? Json(n) : *x;   // proto3 JSON writes 64-bit integers as strings
    }
    for (const char *k : {"doubleValue", "boolValue", "bytesValue"}) {
        if (const Json *x = json::find(v, k))
            return *x;
    }
    if (const Json *x = json::find(v, "arrayValue")) {
        Json out = Json::array();
        if (const Json *values = json::find(*x, "values"); values && values->is_array()) {
            for (const Json &e : *values)
                out.push_back(anyValue(e));
        }
        return out;
    }
    if (const Json *x = json::find(v, "kvlistValue"))
        return attributes(json::find(*x, "values"));
    return nullptr;
}

Json attributes(const Json *list)
{
    Json out = Json::object();
    if (!list || !list->is_array())
        return out;
    for (const Json &e : *list) {
        const Json *key = json::find(e, "key");
        if (!key || !key->is_string())
            continue;
        const Json *value = json::find(e, "value");
        out[key->get<std::string>()] = value ? anyValue(*value) : Json();
    }
    return out;
}

qint64 nanos(const Json *v)
{
    if (!v || v->is_null())
        return -1;
    if (v->is_number_unsigned())
        return qint64(qMin<quint64>(v->get<quint64>(), quint64(std::numeric_limits<qint64>::max())));
    if (v->is_number())
        return qint64(v->get<double>());
    bool ok = false;
    const qint64 n = json::toText(*v).toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

QString attr(const Span &s, std::initializer_list<const char *> keys) { return firstText(s.attrs, keys); }

qint64 attrInt(const Span &s, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const qint64 n = json::integer(s.attrs, k, -1);
        if (n >= 0)
            return n;
    }
    return -1;
}

int playbookVersion(const Span &s)
{
    qint64 v = json::integer(s.attrs, "reverie.playbook.version", 0);
    if (v <= 0 && s.resource)
        v = json::integer(*s.resource, "reverie.playbook.version", 0);
    return v > 0 && v <= std::numeric_limits<int>::max() ? int(v) : 0;
}

QString operation(const Span &s)
{
    const QString op = attr(s, {"gen_ai.operation.name"});
    if (!op.isEmpty())
        return op;
    const QString kind = attr(s, {"openinference.span.kind"}).toUpper();
    if (kind == QLatin1String("LLM"))
        return QStringLiteral("chat");
    if (kind == QLatin1String("TOOL"))
        return QStringLiteral("execute_tool");
    if (kind == QLatin1String("AGENT"))
        return QStringLiteral("invoke_agent");
    if (!kind.isEmpty())
        return kind.toLower();
    for (const char *prefix : {"chat", "text_completion", "generate_content", "execute_tool", "invoke_agent", "create_agent"}) {
        const QLatin1String p(prefix);
        if (s.name == p || s.name.startsWith(p + QLatin1Char(' ')))
            return p;
    }
    // OpenLLMetry's spans ("openai.chat") name no operation but carry the request model.
    if (!attr(s, {"gen_ai.request.model", "llm.request.type"}).isEmpty())
        return QStringLiteral("chat");
    return {};
}

bool isModelCall(const QString &op)
{
    return op == QLatin1String("chat") || op == QLatin1String("text_completion")
           || op == QLatin1String("generate_content") || op == QLatin1String("completion");
}

bool isToolCall(const QString &op) { return op == QLatin1String("execute_tool"); }

bool isAgent(const QString &op)
{
    return op == QLatin1String("invoke_agent") || op == QLatin1String("create_agent") || op == QLatin1String("chain")
           || op == QLatin1String("invoke_workflow");
}

std::vector<ChatMessage> inputMessages(const Span &s) { return messages(s, false); }
std::vector<ChatMessage> outputMessages(const Span &s) { return messages(s, true); }

} // namespace reverie::ingest::otel
