#pragma once

// Internal to the chat, OpenTelemetry and ATIF importers' sniff(): a summary of the first JSON
// value in a file's head. The head is at most 64 KiB and may be cut anywhere, so the probe
// keeps whatever it saw before the cut instead of failing.

#include <QHash>
#include <QSet>
#include <QString>

#include <string_view>

namespace reverie::ingest {

struct JsonProbe {
    enum class Shape { NotJson, Object, Array, Scalar };
    Shape shape = Shape::NotJson;
    bool complete = false;              // the first value ended inside the head
    QSet<QString> topKeys;              // keys of a top-level object
    QSet<QString> firstElementKeys;     // keys of the first element of a top-level array
    QSet<QString> firstMessageKeys;     // keys of the first element of a top-level "messages" array
    QSet<QString> keys;                 // every key seen, at any depth
    QSet<QString> roles;                // string values of "role" keys, at any depth
    QSet<QString> types;                // string values of "type" keys, at any depth
    QHash<QString, QString> topStrings; // string values of a top-level object (first 256 characters)

    // Reads the first JSON value of `text` (a JSONL head yields its first line).
    static JsonProbe of(std::string_view text);
};

} // namespace reverie::ingest
