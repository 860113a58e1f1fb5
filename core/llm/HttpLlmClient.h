#pragma once

#include "core/llm/HttpTransport.h"
#include "core/llm/LlmClient.h"

#include <memory>

namespace reverie::llm {

// What every HTTP protocol client shares: the response cache, reading the key from the
// environment at request time, retries with backoff on 429/5xx/dropped connections (honouring
// retry-after), mapping HTTP statuses to LlmError kinds, and redacting the key from every
// error. Subclasses only say how a request is encoded and an answer decoded.
class HttpLlmClient : public LlmClient {
public:
    ChatResponse complete(const ChatRequest &request, const CancelToken &cancel) override;
    const LlmConfig &config() const override { return m_config; }

    // base URL + path; a base that already ends in "/v1" is not doubled.
    static QByteArray joinUrl(const QString &baseUrl, const QByteArray &path);

protected:
    HttpLlmClient(LlmConfig config, std::shared_ptr<ResponseCache> cache);

    virtual QString protocolName() const = 0;      // for messages: "Anthropic Messages"
    virtual QByteArray endpointPath() const = 0;   // "/v1/messages"
    virtual bool requiresApiKey() const = 0;
    virtual QByteArray encodeBody(const ChatRequest &request, const QString &model) const = 0;
    virtual HeaderList headers(const QString &apiKey) const = 0;
    // Throws LlmError(Protocol) with a short reason; the caller adds URL and body excerpt.
    virtual ChatResponse decodeBody(const QByteArray &body) const = 0;

private:
    // `secrets`: the key and any credentials in the base URL, to redact from every message.
    ChatResponse run(const ChatRequest &request, const CancelToken &cancel, const QString &key,
                     const QStringList &secrets);
    LlmError statusError(const HttpResponse &response, const QString &where, const QStringList &secrets,
                         bool keySent) const;
    ChatResponse decode(const HttpResponse &response, const QString &where, const QStringList &secrets) const;

    LlmConfig m_config;
    std::shared_ptr<ResponseCache> m_cache;
};

} // namespace reverie::llm
