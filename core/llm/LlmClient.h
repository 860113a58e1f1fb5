#pragma once

#include "core/llm/CancelToken.h"
#include "core/llm/LlmConfig.h"
#include "core/llm/LlmError.h"
#include "core/llm/LlmTypes.h"

#include <memory>

namespace reverie::llm {

class ResponseCache;

// One interface over every model provider. complete() blocks (run it on a worker thread),
// may be called from several threads at once, and throws LlmError on any failure.
class LlmClient {
public:
    virtual ~LlmClient() = default;

    virtual ChatResponse complete(const ChatRequest &request, const CancelToken &cancel) = 0;
    virtual const LlmConfig &config() const = 0;
};

// The client for config.provider. With config.useCache, answers are cached in `cache` when
// given (share one between clients and threads), else in a cache of the client's own over
// config.cacheDir.
std::unique_ptr<LlmClient> makeClient(const LlmConfig &config,
                                      std::shared_ptr<ResponseCache> cache = {});

} // namespace reverie::llm
