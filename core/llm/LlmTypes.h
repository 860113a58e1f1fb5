#pragma once

// The plain request/response model every LLM client speaks, whatever the wire protocol.

#include <QString>

#include <vector>

namespace reverie::llm {

// One turn of the conversation. `role` is "user" or "assistant" ("system" turns are folded
// into the system prompt by protocols that keep it separate).
struct ChatMessage {
    QString role;
    QString content;
};

struct ChatRequest {
    QString model;                      // empty: the client's configured model
    QString system;                     // system prompt; empty: none
    std::vector<ChatMessage> messages;
    int maxTokens = 1024;
    double temperature = 0.0;           // negative: leave it to the provider's default
    bool jsonOutput = false;            // ask for a JSON object where the protocol allows it
};

struct ChatResponse {
    QString text;                       // the text blocks of the answer, concatenated
    QString model;                      // the model that answered, as the server names it
    int inputTokens = 0;
    int outputTokens = 0;
    QString stopReason;                 // as the protocol says it: "end_turn", "stop", "length"...
    bool fromCache = false;             // true: served by the ResponseCache, no HTTP call made
};

} // namespace reverie::llm
