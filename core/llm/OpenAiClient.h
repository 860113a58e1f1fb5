#pragma once

#include "core/llm/HttpLlmClient.h"

namespace reverie::llm {

// OpenAI-compatible chat completions: POST {base}/v1/chat/completions. Serves OpenAI and the
// local servers that speak the same protocol (Ollama at http://127.0.0.1:11434, llama.cpp,
// vLLM). The Authorization header is sent only when a key is set; jsonOutput asks for
// response_format {"type": "json_object"}.
class OpenAiClient : public HttpLlmClient {
public:
    OpenAiClient(LlmConfig config, std::shared_ptr<ResponseCache> cache);

    // The wire format on its own, for tests and tools.
    static QByteArray requestBody(const ChatRequest &request, const QString &model);
    static ChatResponse parseResponse(const QByteArray &body);   // throws LlmError(Protocol)

protected:
    QString protocolName() const override { return QStringLiteral("OpenAI chat completions"); }
    QByteArray endpointPath() const override { return QByteArrayLiteral("/v1/chat/completions"); }
    bool requiresApiKey() const override { return false; }
    QByteArray encodeBody(const ChatRequest &request, const QString &model) const override;
    HeaderList headers(const QString &apiKey) const override;
    ChatResponse decodeBody(const QByteArray &body) const override { return parseResponse(body); }
};

} // namespace reverie::llm
