#pragma once

// Internal to the OpenTelemetry importer (only .cpp files include it, like JsonSupport.h):
// OTLP JSON values decoded, and the chat messages a GenAI span carries under any of the
// conventions in use — current gen_ai.input/output.messages, the older gen_ai.*.message and
// gen_ai.choice events, OpenLLMetry's gen_ai.prompt.N.*, and OpenInference's llm.*_messages.N.*.

#include "core/ingest/JsonSupport.h"

#include <QString>

#include <initializer_list>
#include <vector>

namespace reverie::ingest::otel {

using json::Json;

// An OTLP AnyValue ({"stringValue": ...}, {"intValue": "12"}, arrays, kvlists) as plain JSON.
Json anyValue(const Json &v);
// An OTLP attribute list [{key, value}] as one flat object {key: plain value}. Entries that are
// not {key, value} pairs are skipped: a malformed attribute must not cost the whole trace.
Json attributes(const Json *list);

// A span with the parts the importer reads decoded; `raw` is the span as the file has it.
struct Span {
    QString traceId, spanId, parentId, name;
    qint64 startNs = -1, endNs = -1;
    int statusCode = 0;           // 0 unset, 1 ok, 2 error
    QString statusMessage;
    Json attrs = Json::object();
    const Json *resource = nullptr;   // flattened attributes of the span's resource
    QString scope;                    // the instrumentation scope's name
    Json raw;
    int order = 0;                // position in the file, to keep ties stable
    int depth = 0;                // ancestors inside the trace
};

// Nanoseconds from an OTLP time (a decimal string or a number); -1 when absent or malformed.
qint64 nanos(const Json *v);

// The first of `keys` that the span has as a non-empty value, as text.
QString attr(const Span &s, std::initializer_list<const char *> keys);
qint64 attrInt(const Span &s, std::initializer_list<const char *> keys);

// The playbook version the run says it ran under: the span's or its resource's attribute
// reverie.playbook.version (an integer or a decimal string); 0 when absent or not positive.
int playbookVersion(const Span &s);

// What the span does: "chat", "execute_tool", "invoke_agent", ... from gen_ai.operation.name,
// the OpenInference span kind, or the span name; empty for spans that are not GenAI.
QString operation(const Span &s);
bool isModelCall(const QString &op);
bool isToolCall(const QString &op);
bool isAgent(const QString &op);

struct ToolRequest {
    QString id, name, arguments;
};
struct ChatMessage {
    QString role;
    QString text;
    std::vector<ToolRequest> calls;
    QString toolCallId;           // a tool result: the call it answers
    bool instructions = false;    // from gen_ai.system_instructions, kept apart from the chat history
    Json raw;                     // the message as the span carries it
};

// Messages sent to the model, and what it answered, whichever convention the span uses.
std::vector<ChatMessage> inputMessages(const Span &s);
std::vector<ChatMessage> outputMessages(const Span &s);

} // namespace reverie::ingest::otel
