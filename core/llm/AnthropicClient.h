#pragma once

#include "core/llm/HttpLlmClient.h"

namespace reverie::llm {

// Anthropic Messages API: POST {base}/v1/messages with x-api-key and anthropic-version.
// "system" turns in ChatRequest::messages are folded into the top-level system prompt.
// The plain Messages API has no JSON-mode switch, so jsonOutput changes nothing here: ask for
// JSON in the prompt itself.
class AnthropicClient : public HttpLlmClient {
public:
    static constexpr const char *kApiVersion = "2023-06-01";

    AnthropicClient(LlmConfig config, std::shared_ptr<ResponseCache> cache);

    // The wire format on its own, for tests and tools.
    static QByteArray requestBody(const ChatRequest &request, const QString &model);
    static ChatResponse parseResponse(const QByteArray &body);   // throws LlmError(Protocol)

protected:
    QString protocolName() const override { return QStringLiteral("Anthropic Messages"); }
    QByteArray endpointPath() const override { return QByteArrayLiteral("/v1/messages"); }
    bool requiresApiKey() const override { return true; }
    QByteArray encodeBody(const ChatRequest &request, const QString &model) const override;
    HeaderList headers(const QString &apiKey) const override;
    ChatResponse decodeBody(const QByteArray &body) const override { return parseResponse(body); }
};

} // namespace reverie::llm
