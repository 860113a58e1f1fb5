#pragma once

// Shared by the JSON-based importers. Internal to core/ingest: only .cpp files include it,
// so nlohmann/json stays out of every public header.

#include "core/ingest/Importer.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reverie::ingest::json {

using Json = nlohmann::json;

// Nesting deeper than this is refused before parsing: no trajectory format needs it, and
// it keeps a hostile file from exhausting the stack.
constexpr int kMaxDepth = 200;
// A single line of a JSONL file may not exceed this.
constexpr qint64 kMaxLineBytes = 96ll * 1024 * 1024;
// Nor may one JSON string: no step needs 64 MiB of text, and a hostile file must not make
// every later stage copy hundreds of megabytes.
constexpr qint64 kMaxStringBytes = 64ll * 1024 * 1024;

// Returns the 0-based offset where `text` nests deeper than kMaxDepth, or -1.
qint64 findExcessiveNesting(std::string_view text);
// Returns the 0-based offset of the first string longer than kMaxStringBytes, or -1.
qint64 findHugeString(std::string_view text);

// Parses one JSON document held in memory. Errors name the file and either the line (when
// line > 0: the document is that line of a JSONL file) or the byte offset into the file.
Json parse(std::string_view text, const QString &file, qint64 line, qint64 fileOffset = 0);
// The limits parse() applies before parsing (kMaxDepth, kMaxStringBytes), as ImportErrors.
void checkLimits(std::string_view text, const QString &file, qint64 line, qint64 fileOffset = 0);
// A number too large for a double (nlohmann/json refuses it), found at `number` in `text`.
[[noreturn]] void throwNumberTooLarge(std::string_view text, std::string_view number, const QString &file,
                                      qint64 line, qint64 fileOffset = 0);
// A parse error as parse() reports it.
[[noreturn]] void throwParseError(const Json::parse_error &e, const QString &file, qint64 line, qint64 fileOffset = 0);

// Streams the elements of a top-level JSON array one at a time, so memory stays bounded by
// one element. `onElement` receives the element and its 0-based index.
void forEachArrayElement(const QString &path, const ImportContext &ctx,
                         const std::function<void(Json &&element, qint64 index)> &onElement);

// For a JSON object file with one large array member (Inspect's "samples"), read in two
// passes so that memory stays bounded by one element: parseFileWithout() returns the object
// without that member and tells its type (value_t::discarded when absent);
// forEachElementOf() then streams the member's elements.
Json parseFileWithout(const QString &path, const ImportContext &ctx, std::string_view member, Json::value_t &memberType);
// forEachElementOf() returns the member's type, value_t::discarded when the object has none.
Json::value_t forEachElementOf(const QString &path, const ImportContext &ctx, std::string_view member,
                               const std::function<void(Json &&element, qint64 index)> &onElement);

// Reads a whole (non-array) JSON file, depth-checked. For formats that are one object per file.
Json parseFile(const QString &path, const ImportContext &ctx);

// Opens a file for reading; throws ImportError naming it when that fails.
std::FILE *openFileOrThrow(const QString &path);

// Reads a file line by line with a bounded line length; knows line numbers and offsets.
class LineReader {
public:
    explicit LineReader(const QString &path);
    // Starts at `offset` (a line start), counting `linesBefore` lines before it.
    LineReader(const QString &path, qint64 offset, qint64 linesBefore);
    ~LineReader();
    LineReader(const LineReader &) = delete;
    LineReader &operator=(const LineReader &) = delete;

    // Next line without its '\n' (and '\r'); false at the end. Throws ImportError on a line
    // longer than kMaxLineBytes.
    bool next(std::string &line);
    qint64 lineNumber() const { return m_line; }   // 1-based number of the line last returned
    qint64 offset() const { return m_offset; }     // bytes consumed so far
    qint64 size() const { return m_size; }
    // Whether the line last returned ended the file without a newline (it may be incomplete),
    // and where it started.
    bool unterminated() const { return m_unterminated; }
    qint64 lineStart() const { return m_lineStart; }
    // Whether next() stopped before a last line without its newline that is an unfinished
    // JSON record (offset() is then where that line starts).
    bool heldBack() const { return m_heldBack; }

private:
    QString m_path;
    std::FILE *m_file = nullptr;
    std::vector<char> m_buf = std::vector<char>(1 << 20);
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    bool m_pendingLine = false;
    qint64 m_line = 0;
    qint64 m_offset = 0;
    qint64 m_size = 0;
    qint64 m_lineStart = 0;
    bool m_unterminated = false;
    bool m_heldBack = false;
    bool m_holdBackUnfinished = false;
};

// Field access that tolerates absence and wrong types (returns empty / fallback).
QString str(const Json &obj, const char *key);
QString toText(const Json &value);          // strings as they are, everything else dumped
qint64 integer(const Json &obj, const char *key, qint64 fallback = -1);
qint64 integer(const Json *value, qint64 fallback = -1);   // nullptr gives the fallback
const Json *find(const Json &obj, const char *key);   // nullptr when absent or obj not an object
QByteArray dump(const Json &value);        // compact UTF-8, invalid UTF-8 replaced

// "2025-01-20T20:29:13.519638", "2026-02-10T21:11:56.906Z", Unix seconds or milliseconds.
// Returns Unix ms, or -1 when the value is not a time.
qint64 parseTimestamp(const Json &value);
qint64 parseTimestamp(const QString &text);
// The fast path of the above for YYYY-MM-DD(T| )hh:mm:ss[.fraction][Z|±hh:mm]; nullopt otherwise.
std::optional<qint64> parseRfc3339(std::string_view text);

} // namespace reverie::ingest::json
