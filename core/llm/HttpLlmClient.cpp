#include "core/llm/HttpLlmClient.h"

#include "core/llm/ResponseCache.h"
#include "core/llm/RetryPolicy.h"
#include "core/llm/UrlRedaction.h"
#include "core/llm/WireJson.h"

#include <QLoggingCategory>

#include <algorithm>
#include <optional>

namespace reverie::llm {

namespace {

Q_LOGGING_CATEGORY(lcLlm, "reverie.llm")

using K = LlmError::Kind;

// The server's own wait hint: retry-after-ms (OpenAI) wins over retry-after (both).
std::optional<qint64> serverDelayMs(const HttpResponse &r)
{
    bool ok = false;
    const double ms = r.header("retry-after-ms").trimmed().toDouble(&ok);
    if (ok && ms >= 0)
        return qint64(ms);
    return parseRetryAfter(r.header("retry-after"));
}

LlmError gaveUp(const LlmError &e, int attempts)
{
    return LlmError(e.kind(), e.message() + QStringLiteral(" (gave up after %1 attempts)").arg(attempts),
                    e.httpStatus(), e.isTransient());
}

} // namespace

HttpLlmClient::HttpLlmClient(LlmConfig config, std::shared_ptr<ResponseCache> cache)
    : m_config(std::move(config)), m_cache(std::move(cache))
{
}

QByteArray HttpLlmClient::joinUrl(const QString &baseUrl, const QByteArray &path)
{
    QByteArray base = baseUrl.trimmed().toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    if (base.endsWith("/v1") && path.startsWith("/v1/"))
        return base + path.mid(3);
    return base + path;
}

ChatResponse HttpLlmClient::complete(const ChatRequest &request, const CancelToken &cancel)
{
    // The key is read now, not at construction, so rotating it needs no restart; it lives
    // only on this stack frame and in the request headers.
    const QString key = m_config.apiKey();
    // Credentials written into the base URL are as secret as the key: a server may echo them.
    const QStringList secrets = QStringList{key} + urlCredentials(m_config.effectiveBaseUrl());
    try {
        return run(request, cancel, key, secrets);
    } catch (const LlmError &e) {
        throw e.redacted(secrets);   // the last line of defence: no message leaves with the key
    } catch (const nlohmann::json::exception &e) {
        throw LlmError(K::Protocol, redactSecrets(QStringLiteral("Unexpected JSON while talking to %1: %2")
                                                      .arg(protocolName(), QString::fromUtf8(e.what())),
                                                  secrets));
    }
}

ChatResponse HttpLlmClient::run(const ChatRequest &request, const CancelToken &cancel, const QString &key,
                                const QStringList &secrets)
{
    const QString provider = providerName(m_config.provider);
    if (cancel.isCancelled())
        throw LlmError(K::Cancelled, QStringLiteral("The %1 request was cancelled.").arg(protocolName()));
    const QString model = request.model.isEmpty() ? m_config.model : request.model;
    if (model.trimmed().isEmpty())
        throw LlmError(K::Config, QStringLiteral("No model is configured for the %1 provider: set one in "
                                                 "the LLM settings or on the request.").arg(provider));
    if (request.messages.empty())
        throw LlmError(K::Config, QStringLiteral("The request to %1 has no messages.").arg(protocolName()));

    const QByteArray body = encodeBody(request, model);
    const QString base = m_config.effectiveBaseUrl();
    QByteArray cacheKey;
    if (m_cache) {
        cacheKey = ResponseCache::keyFor(provider, base, model, body);
        if (std::optional<ChatResponse> hit = m_cache->find(cacheKey)) {
            hit->fromCache = true;
            return *hit;
        }
    }
    if (requiresApiKey() && key.isEmpty())
        throw LlmError(K::Auth, QStringLiteral("No API key for %1: set the environment variable %2 "
                                               "(keys are read from the environment, never stored "
                                               "in the workspace).")
                                    .arg(protocolName(), m_config.effectiveApiKeyEnv()));

    HttpRequest http;
    http.url = joinUrl(base, endpointPath());
    http.headers = headers(key);
    http.body = body;
    http.connectTimeoutMs = std::max(1, m_config.connectTimeoutMs);
    http.timeoutMs = std::max(1, m_config.requestTimeoutMs);
    http.maxResponseBytes = std::max<qint64>(1024, m_config.maxResponseBytes);
    const QString where = displayUrl(http.url);
    const int maxRetries = std::max(0, m_config.maxRetries);

    for (int attempt = 0;; ++attempt) {
        std::optional<LlmError> failure;
        std::optional<qint64> hint;
        try {
            const HttpResponse response = HttpTransport::post(http, cancel);
            if (response.status >= 200 && response.status < 300) {
                ChatResponse out = decode(response, where, secrets);
                if (out.model.isEmpty())
                    out.model = model;
                if (m_cache)
                    m_cache->store(cacheKey, out);
                return out;
            }
            failure = statusError(response, where, secrets, !key.isEmpty());
            hint = serverDelayMs(response);
        } catch (const LlmError &e) {
            if (!e.isTransient())
                throw;
            failure = e;
        }
        if (!failure->isTransient())
            throw *failure;
        if (attempt >= maxRetries)
            throw gaveUp(*failure, attempt + 1);
        const qint64 delay = hint ? std::min<qint64>(*hint, std::max(0, m_config.maxRetryAfterMs))
                                  : backoffDelayMs(attempt, m_config.initialBackoffMs, m_config.maxBackoffMs);
        const QString why = failure->httpStatus() ? QStringLiteral("HTTP %1").arg(failure->httpStatus())
                                                  : LlmError::kindName(failure->kind());
        qCInfo(lcLlm).noquote() << QStringLiteral("%1 failed (%2); retry %3 of %4 in %5 ms")
                                       .arg(where, why)
                                       .arg(attempt + 1).arg(maxRetries).arg(delay);
        if (!sleepUnlessCancelled(delay, cancel))
            throw LlmError(K::Cancelled, QStringLiteral("The request to %1 was cancelled while waiting "
                                                        "to retry.").arg(where));
    }
}

ChatResponse HttpLlmClient::decode(const HttpResponse &response, const QString &where,
                                   const QStringList &secrets) const
{
    try {
        return decodeBody(response.body);
    } catch (const LlmError &e) {
        // The reason may quote the server's own error text, of any length.
        throw LlmError(K::Protocol,
                       QStringLiteral("The answer from %1 is not a valid %2 response: %3. It begins: %4")
                           .arg(where, protocolName(), redactAndTruncate(e.message(), secrets, 400),
                                bodyExcerpt(response.body, secrets)),
                       response.status);
    }
}

LlmError HttpLlmClient::statusError(const HttpResponse &response, const QString &where,
                                    const QStringList &secrets, bool keySent) const
{
    const int status = response.status;
    const QString message = wire::errorMessage(response.body);
    // Redacted before it is shortened, so a key straddling the cut cannot leak in part.
    const QString detail = message.isEmpty() ? bodyExcerpt(response.body, secrets)
                                             : redactAndTruncate(message, secrets, 400);
    const QString head = QStringLiteral("%1 answered HTTP %2: %3").arg(where).arg(status).arg(detail);

    if (status == 401 || status == 403) {
        const QString hint = keySent
            ? QStringLiteral("Check the key in the environment variable %1 and its permissions.")
            : QStringLiteral("No key was sent: set the environment variable %1.");
        return LlmError(K::Auth, head + QStringLiteral(". ") + hint.arg(m_config.effectiveApiKeyEnv()), status);
    }
    if (status == 429)
        return LlmError(K::RateLimited, head + QStringLiteral(". The provider is rate limiting this key; "
                                                              "wait or lower the request rate."),
                        status, true);
    if (status == 408 || status == 409 || status >= 500)
        return LlmError(K::Http, head + QStringLiteral(". The server failed or is overloaded; try again later."),
                        status, true);
    if (status == 404)
        return LlmError(K::Http, head + QStringLiteral(". Check the base URL and the model name."), status);
    return LlmError(K::Http, head, status);
}

} // namespace reverie::llm
