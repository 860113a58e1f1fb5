#pragma once

// Shared by the LLM suites: a config pointed at the fake server, test keys, a sample request.

#include "FakeLlmServer.h"

#include "core/llm/LlmClient.h"

#include <QtGlobal>

#include <functional>
#include <optional>

namespace reverie::test::llm {

using namespace reverie::llm;

inline const char *const kAnthropicKeyEnv = "REVERIE_TST_LLM_ANTHROPIC_KEY";
inline const char *const kOpenAiKeyEnv = "REVERIE_TST_LLM_OPENAI_KEY";
// One key shaped like a real one, one that is not: redaction must not rely on the shape.
inline const QByteArray kAnthropicKey = "sk-ant-tst-S3CRET-0123456789abcdef";
inline const QByteArray kOpenAiKey = "plainsecret4242xyz";

inline void setTestKeys()
{
    qputenv(kAnthropicKeyEnv, kAnthropicKey);
    qputenv(kOpenAiKeyEnv, kOpenAiKey);
}

inline QString keyFor(Provider p)
{
    return QString::fromLatin1(p == Provider::Anthropic ? kAnthropicKey : kOpenAiKey);
}

// Small timeouts and backoffs so every scenario takes well under a second or two.
inline LlmConfig configFor(Provider provider, const FakeLlmServer &server)
{
    LlmConfig c;
    c.provider = provider;
    c.baseUrl = server.baseUrl();
    c.model = provider == Provider::Anthropic ? QStringLiteral("claude-test") : QStringLiteral("gpt-test");
    c.apiKeyEnv = QString::fromLatin1(provider == Provider::Anthropic ? kAnthropicKeyEnv : kOpenAiKeyEnv);
    c.connectTimeoutMs = 2000;
    c.requestTimeoutMs = 4000;
    c.maxRetries = 2;
    c.initialBackoffMs = 50;
    c.maxBackoffMs = 200;
    c.maxRetryAfterMs = 3000;
    c.useCache = false;
    return c;
}

inline ChatRequest helloRequest()
{
    ChatRequest r;
    r.system = QStringLiteral("You review agent runs.");
    r.messages = {{QStringLiteral("user"), QStringLiteral("Say hello")},
                  {QStringLiteral("assistant"), QStringLiteral("Hi?")},
                  {QStringLiteral("user"), QStringLiteral("Properly, ünïcode please")}};
    r.maxTokens = 77;
    r.temperature = 0.25;
    return r;
}

inline std::optional<LlmError> failureOf(const std::function<void()> &call)
{
    try {
        call();
    } catch (const LlmError &e) {
        return e;
    }
    return std::nullopt;
}

} // namespace reverie::test::llm
