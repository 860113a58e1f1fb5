#pragma once

#include "core/dream/Selection.h"
#include "core/llm/CancelToken.h"
#include "core/model/Playbook.h"

#include <QString>

#include <vector>

namespace reverie::store {
class Workspace;
}
namespace reverie::llm {
class LlmClient;
}

namespace reverie::dream {

// The LLM engine: shows a model compact digests of the selected failed runs (with contrasting
// successes) and the current playbook, asks for JSON edit operations citing step ids, and
// validates the answer (ReflectorAnswer). Throws DreamFailed on an invalid answer or a failed
// call, DreamCancelled when cancelled; never returns an unvalidated proposal.
class Reflector {
public:
    Reflector(llm::LlmClient &client, int tokenBudget) : m_client(client), m_tokenBudget(tokenBudget) {}

    std::vector<Proposal> reflect(store::Workspace &ws, const std::vector<RunHeader> &headers,
                                  const PlaybookVersion &playbook, const llm::CancelToken &cancel);

    // The instructions and answer schema sent as the system prompt.
    static QString systemPrompt();

private:
    llm::LlmClient &m_client;
    int m_tokenBudget;
};

} // namespace reverie::dream
