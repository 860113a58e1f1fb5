#include "core/llm/AnthropicClient.h"

#include "core/llm/WireJson.h"

namespace reverie::llm {

using wire::Json;

AnthropicClient::AnthropicClient(LlmConfig config, std::shared_ptr<ResponseCache> cache)
    : HttpLlmClient(std::move(config), std::move(cache))
{
}

QByteArray AnthropicClient::requestBody(const ChatRequest &request, const QString &model)
{
    QString system = request.system;
    Json messages = Json::array();
    for (const ChatMessage &m : request.messages) {
        if (m.role == QLatin1String("system")) {
            system += (system.isEmpty() ? QString() : QStringLiteral("\n\n")) + m.content;
            continue;
        }
        messages.push_back({{"role", wire::utf8(m.role)}, {"content", wire::utf8(m.content)}});
    }
    Json body = {{"model", wire::utf8(model)},
                 {"max_tokens", request.maxTokens},
                 {"messages", std::move(messages)}};
    if (!system.isEmpty())
        body["system"] = wire::utf8(system);
    if (request.temperature >= 0)
        body["temperature"] = request.temperature;
    return wire::dump(body);
}

QByteArray AnthropicClient::encodeBody(const ChatRequest &request, const QString &model) const
{
    return requestBody(request, model);
}

HeaderList AnthropicClient::headers(const QString &apiKey) const
{
    return {{QByteArrayLiteral("x-api-key"), apiKey.toUtf8()},
            {QByteArrayLiteral("anthropic-version"), QByteArray(kApiVersion)},
            {QByteArrayLiteral("content-type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("accept"), QByteArrayLiteral("application/json")}};
}

ChatResponse AnthropicClient::parseResponse(const QByteArray &body)
{
    const Json j = wire::parse(body);
    if (!j.is_object())
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("expected a JSON object"));
    if (wire::str(j, "type") == QLatin1String("error"))
        throw LlmError(LlmError::Kind::Protocol,
                       QStringLiteral("the server reported an error: %1").arg(wire::errorMessage(body)));
    const Json *content = wire::find(j, "content");
    if (!content || !content->is_array())
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("expected a \"content\" array"));

    ChatResponse r;
    for (const Json &block : *content) {
        // Only text blocks are the answer; tool_use and thinking blocks are not.
        if (wire::str(block, "type") == QLatin1String("text"))
            r.text += wire::str(block, "text");
    }
    r.model = wire::str(j, "model");
    r.stopReason = wire::str(j, "stop_reason");
    if (const Json *usage = wire::find(j, "usage")) {
        r.inputTokens = wire::integer(*usage, "input_tokens");
        r.outputTokens = wire::integer(*usage, "output_tokens");
    }
    return r;
}

} // namespace reverie::llm
