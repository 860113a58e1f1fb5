#pragma once

// JSON helpers shared by the protocol clients. Internal to core/llm: only .cpp files include
// it, so nlohmann/json stays out of every public header.

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QString>

namespace reverie::llm::wire {

using Json = nlohmann::json;

// Parses a response body; throws LlmError(Protocol) naming the byte where parsing failed.
Json parse(const QByteArray &body);

// Lenient field access: absent or wrongly typed fields give the fallback.
QString str(const Json &obj, const char *key);
int integer(const Json &obj, const char *key, int fallback = 0);
const Json *find(const Json &obj, const char *key);   // nullptr if absent or obj not an object

std::string utf8(const QString &s);
QString fromUtf8(const std::string &s);
// Compact UTF-8 with a stable key order (the body doubles as the cache key).
QByteArray dump(const Json &value);

// The human message inside an error body in any of the shapes servers use:
// {"error":{"message":..}}, {"error":".."}, {"message":..}, {"detail":..}. Empty if none.
QString errorMessage(const QByteArray &body);

} // namespace reverie::llm::wire
