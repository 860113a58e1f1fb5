#pragma once

#include <QString>

#include <optional>

namespace reverie::llm {

enum class Provider {
    Anthropic,   // Anthropic Messages API
    OpenAi,      // OpenAI-compatible chat completions (OpenAI, Ollama, llama.cpp, vLLM...)
};

QString providerName(Provider provider);                     // "anthropic", "openai"
std::optional<Provider> providerFromName(const QString &name);   // case-insensitive
QString defaultBaseUrl(Provider provider);
QString defaultApiKeyEnv(Provider provider);                 // ANTHROPIC_API_KEY / OPENAI_API_KEY

// How to reach one model. Holds the *name* of the environment variable with the key, never
// the key itself, so a config can be saved anywhere without leaking a credential.
struct LlmConfig {
    Provider provider = Provider::Anthropic;
    QString baseUrl;            // empty: defaultBaseUrl(provider); a trailing "/v1" is accepted
    QString model;              // used when a ChatRequest leaves its model empty
    QString apiKeyEnv;          // empty: defaultApiKeyEnv(provider)
    int connectTimeoutMs = 10'000;
    int requestTimeoutMs = 180'000;     // the whole exchange, including generation
    int maxRetries = 3;                 // extra attempts after the first, on 429/5xx/drops
    int initialBackoffMs = 1'000;       // doubled per attempt, with jitter
    int maxBackoffMs = 30'000;
    int maxRetryAfterMs = 60'000;       // a server's retry-after is honoured up to this
    qint64 maxResponseBytes = 16ll * 1024 * 1024;
    bool useCache = true;
    QString cacheDir;           // empty: memory only; see ResponseCache::defaultDirectory()

    // The URL requests go to, credentials included: never store or show it, see below.
    QString effectiveBaseUrl() const;
    // effectiveBaseUrl() fit to store in a run's parameters or show: see redactedUrl().
    QString redactedBaseUrl() const;
    QString effectiveApiKeyEnv() const;
    // Reads the key from the environment now (never cached); empty when unset.
    QString apiKey() const;
};

} // namespace reverie::llm
