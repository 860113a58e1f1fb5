#pragma once

// Internal to the Codex CLI importer (only .cpp files include it, like JsonSupport.h).

#include "core/ingest/JsonSupport.h"

#include <QString>

#include <optional>

namespace reverie::ingest::codex {

using json::Json;

// What a tool's output record says: the text the model saw and whether the call failed.
// The shape changed over CLI versions: a JSON string {"output", "metadata": {"exit_code"}}
// (0.40-0.58), plain text with "Exit code: N" (0.66) or "Process exited with code N" (0.1xx)
// header lines, and structured content items.
struct ToolOutput {
    QString text;
    std::optional<qint64> exitCode;
    bool failed = false;
    bool decided = false;   // the output itself tells success from failure
};
ToolOutput readToolOutput(const Json &output);

} // namespace reverie::ingest::codex
