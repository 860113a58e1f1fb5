#pragma once

// Internal to core/ingest/formats (only .cpp files include it, like JsonSupport.h): turning
// Anthropic content blocks and OpenAI chat messages into steps. Shared by the Claude Code,
// Anthropic Messages and OpenAI chat importers so the three read tool use the same way.

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/JsonProbe.h"

#include <QHash>
#include <QString>

#include <vector>

namespace reverie::ingest::chat {

using json::Json;

// A step made from some parts of one record, with the indexes of the parts it came from, so
// the caller can give the step the original JSON of exactly those parts.
struct Piece {
    Step step;
    std::vector<int> parts;
};

// What a person reads of a content value: a string as it is; text blocks/parts joined;
// images and documents as a placeholder; anything else as compact JSON.
QString contentText(const Json &content);

// Anthropic content blocks in order. Consecutive text blocks become one message, thinking a
// plan, tool_use a tool call (its name is remembered in toolByCallId), tool_result an
// observation (is_error kept). Whitespace-only text rides along with its neighbour, so every
// block belongs to some step. `role` goes on message and plan steps.
std::vector<Piece> anthropicBlocks(const std::vector<const Json *> &blocks, const QString &role,
                                   QHash<QString, QString> &toolByCallId);

// One OpenAI chat-completions message: a message step, tool calls, or a tool result. Part -1 is
// the message itself, part k its tool_calls[k]. Throws ImportError naming `where` on wrong types.
std::vector<Piece> openAiMessage(const Json &msg, QHash<QString, QString> &toolByCallId, const QString &path,
                                 const QString &where);

// OpenAI tool messages have no error flag. Only output that opens with an unmistakable error
// word counts ("Error: ...", "Error executing ...", "ERROR ...", "error: ..."): a tool that
// merely mentions an error in its output must not be flagged.
bool looksLikeToolError(const QString &text);

// How sure each transcript dialect is about a head, from 0 to 100. Group A's formats
// (tau-bench arrays, SWE-agent, Inspect, OpenHands) and ATIF/OTLP objects score 0.
struct ChatScores {
    int openAi = 0;
    int anthropic = 0;
};
ChatScores scoreChatHead(const JsonProbe &probe);

// The messages of a transcript document: the array itself, or the "messages" of an object.
// Throws ImportError when the document is neither.
const Json &transcriptMessages(const Json &doc, const QString &path);

// Fields of a transcript object other than "messages", as a JSON object (empty when none).
QByteArray transcriptExtra(const Json &doc, std::initializer_list<const char *> mapped);

} // namespace reverie::ingest::chat
