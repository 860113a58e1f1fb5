#include "core/llm/LlmConfig.h"

#include "core/llm/UrlRedaction.h"

#include <QtGlobal>

namespace reverie::llm {

QString providerName(Provider provider)
{
    switch (provider) {
    case Provider::Anthropic: return QStringLiteral("anthropic");
    case Provider::OpenAi: return QStringLiteral("openai");
    }
    return QStringLiteral("unknown");
}

std::optional<Provider> providerFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("anthropic") || n == QLatin1String("claude"))
        return Provider::Anthropic;
    if (n == QLatin1String("openai") || n == QLatin1String("openai-compatible")
        || n == QLatin1String("ollama") || n == QLatin1String("llama.cpp")
        || n == QLatin1String("vllm"))
        return Provider::OpenAi;
    return std::nullopt;
}

QString defaultBaseUrl(Provider provider)
{
    switch (provider) {
    case Provider::Anthropic: return QStringLiteral("https://api.anthropic.com");
    case Provider::OpenAi: return QStringLiteral("https://api.openai.com");
    }
    return {};
}

QString defaultApiKeyEnv(Provider provider)
{
    switch (provider) {
    case Provider::Anthropic: return QStringLiteral("ANTHROPIC_API_KEY");
    case Provider::OpenAi: return QStringLiteral("OPENAI_API_KEY");
    }
    return {};
}

QString LlmConfig::effectiveBaseUrl() const
{
    QString url = baseUrl.trimmed().isEmpty() ? defaultBaseUrl(provider) : baseUrl.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

QString LlmConfig::redactedBaseUrl() const
{
    return redactedUrl(effectiveBaseUrl());
}

QString LlmConfig::effectiveApiKeyEnv() const
{
    return apiKeyEnv.trimmed().isEmpty() ? defaultApiKeyEnv(provider) : apiKeyEnv.trimmed();
}

QString LlmConfig::apiKey() const
{
    return qEnvironmentVariable(effectiveApiKeyEnv().toLocal8Bit().constData()).trimmed();
}

} // namespace reverie::llm
