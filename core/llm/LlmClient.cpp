#include "core/llm/LlmClient.h"

#include "core/llm/AnthropicClient.h"
#include "core/llm/OpenAiClient.h"
#include "core/llm/ResponseCache.h"

namespace reverie::llm {

std::unique_ptr<LlmClient> makeClient(const LlmConfig &config, std::shared_ptr<ResponseCache> cache)
{
    if (!config.useCache)
        cache.reset();
    else if (!cache)
        cache = std::make_shared<ResponseCache>(config.cacheDir);

    switch (config.provider) {
    case Provider::Anthropic: return std::make_unique<AnthropicClient>(config, std::move(cache));
    case Provider::OpenAi: return std::make_unique<OpenAiClient>(config, std::move(cache));
    }
    throw LlmError(LlmError::Kind::Config, QStringLiteral("Unknown LLM provider in the configuration."));
}

} // namespace reverie::llm
