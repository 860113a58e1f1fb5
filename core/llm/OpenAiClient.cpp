#include "core/llm/OpenAiClient.h"

#include "core/llm/WireJson.h"

namespace reverie::llm {

using wire::Json;

namespace {

// message.content is a string, null (tool calls, refusals) or, on some servers, an array of
// {"type": "text", "text": ...} parts.
QString contentText(const Json &message)
{
    const Json *content = wire::find(message, "content");
    if (!content || content->is_null())
        return {};
    if (content->is_string())
        return wire::fromUtf8(content->get_ref<const std::string &>());
    if (!content->is_array())
        throw LlmError(LlmError::Kind::Protocol,
                       QStringLiteral("expected choices[0].message.content to be a string"));
    QString text;
    for (const Json &part : *content)
        text += wire::str(part, "text");
    return text;
}

} // namespace

OpenAiClient::OpenAiClient(LlmConfig config, std::shared_ptr<ResponseCache> cache)
    : HttpLlmClient(std::move(config), std::move(cache))
{
}

QByteArray OpenAiClient::requestBody(const ChatRequest &request, const QString &model)
{
    Json messages = Json::array();
    if (!request.system.isEmpty())
        messages.push_back({{"role", "system"}, {"content", wire::utf8(request.system)}});
    for (const ChatMessage &m : request.messages)
        messages.push_back({{"role", wire::utf8(m.role)}, {"content", wire::utf8(m.content)}});
    Json body = {{"model", wire::utf8(model)},
                 {"messages", std::move(messages)},
                 {"max_tokens", request.maxTokens}};
    if (request.temperature >= 0)
        body["temperature"] = request.temperature;
    if (request.jsonOutput)
        body["response_format"] = {{"type", "json_object"}};
    return wire::dump(body);
}

QByteArray OpenAiClient::encodeBody(const ChatRequest &request, const QString &model) const
{
    return requestBody(request, model);
}

HeaderList OpenAiClient::headers(const QString &apiKey) const
{
    HeaderList h = {{QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")},
                    {QByteArrayLiteral("accept"), QByteArrayLiteral("application/json")}};
    if (!apiKey.isEmpty())
        h.emplace_back(QByteArrayLiteral("authorization"), QByteArrayLiteral("Bearer ") + apiKey.toUtf8());
    return h;
}

ChatResponse OpenAiClient::parseResponse(const QByteArray &body)
{
    const Json j = wire::parse(body);
    if (!j.is_object())
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("expected a JSON object"));
    const Json *choices = wire::find(j, "choices");
    if (!choices && wire::find(j, "error"))
        throw LlmError(LlmError::Kind::Protocol,
                       QStringLiteral("the server reported an error: %1").arg(wire::errorMessage(body)));
    if (!choices || !choices->is_array() || choices->empty())
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("expected a non-empty \"choices\" array"));
    const Json &first = choices->front();
    const Json *message = wire::find(first, "message");
    if (!message || !message->is_object())
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("expected choices[0].message to be an object"));

    ChatResponse r;
    r.text = contentText(*message);
    r.model = wire::str(j, "model");
    r.stopReason = wire::str(first, "finish_reason");
    if (r.text.isEmpty() && !wire::str(*message, "refusal").isEmpty())
        r.stopReason = QStringLiteral("refusal");
    if (const Json *usage = wire::find(j, "usage")) {
        r.inputTokens = wire::integer(*usage, "prompt_tokens");
        r.outputTokens = wire::integer(*usage, "completion_tokens");
    }
    return r;
}

} // namespace reverie::llm
