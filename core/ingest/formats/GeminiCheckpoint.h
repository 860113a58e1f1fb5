#pragma once

// Internal to the Gemini CLI importer (only .cpp files include it, like JsonSupport.h): Gemini
// API parts, shared by saved sessions and `/chat save` checkpoints, and the checkpoint reader.

#include "core/ingest/JsonSupport.h"

#include <QString>

namespace reverie::ingest::gemini {

using json::Json;

inline QString agentName() { return QStringLiteral("Gemini CLI"); }
inline QString workflowName() { return QStringLiteral("gemini-cli"); }

// What a person reads of a content value: a string as it is, a part or an array of parts
// ({text}, {functionCall}, {functionResponse}, {inlineData}...) joined by newlines.
QString partsText(const Json &content);

// The result a functionResponse part carries: {name, id, response: {output} | {error}}.
struct ToolResult {
    QString text;
    bool isError = false;
};
ToolResult functionResult(const Json &functionResponse);

// A shell tool reports "Exit Code: N" in its output even when the call itself succeeded;
// a non-zero code is a failed command. Returns 0 when the output names no code.
int shellExitCode(const QString &output);

// A `/chat save` checkpoint: `items` is the history held in memory ({"history": [...]}), or
// nullptr to stream the file's top-level array. One run, named after the file.
void importCheckpoint(const QString &path, const ImportContext &ctx, TrajectorySink &sink, const Json *items);

} // namespace reverie::ingest::gemini
