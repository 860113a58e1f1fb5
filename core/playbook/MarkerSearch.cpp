// findMarker: the version and hash a text names, found by the marker Reverie writes into
// Markdown or by the "format" key of the JSON it publishes, however often that JSON was quoted.

#include "core/playbook/ManagedBlock.h"
#include "core/playbook/MarkerGrammar.h"

#include <QLatin1String>

#include <algorithm>

namespace reverie::playbook {

namespace {

using marker::isSpace;
using marker::lower;
using marker::Reader;
using marker::unit;

constexpr int kMaxJsonLevel = 4;              // the JSON quoted inside up to four JSON strings
// How far findMarker walks through one JSON object for its "version" and "hash", and through
// all of them together: text with many near misses must not make it quadratic.
constexpr qsizetype kMaxObjectScan = qsizetype(1) << 20;
constexpr qsizetype kMaxJsonScan = qsizetype(32) << 20;
constexpr qsizetype kMaxBackslashRun = 256;

struct Candidate {
    qsizetype at = 0;
    BlockMarker marker;
};

bool matchAt(QStringView text, qsizetype pos, QStringView what)
{
    return pos >= 0 && pos + what.size() <= text.size() && text.mid(pos, what.size()) == what;
}

bool matchBefore(QStringView text, qsizetype end, QStringView what) { return matchAt(text, end - what.size(), what); }

// "<!--" right before `at` (spaces between allowed), also escaped by JSON ("\u003c") or HTML.
bool opensComment(QStringView text, qsizetype at)
{
    while (at > 0 && isSpace(unit(text[at - 1])))
        --at;
    const QStringView head = text.left(at);
    return head.endsWith(QLatin1String("<!--")) || head.endsWith(QLatin1String("\\u003c!--"), Qt::CaseInsensitive)
        || head.endsWith(QLatin1String("&lt;!--"), Qt::CaseInsensitive);
}

std::optional<Candidate> firstCommentMarker(QStringView text)
{
    const QLatin1String word("reverie:playbook");
    for (qsizetype at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.size())) {
        if (!opensComment(text, at))
            continue;
        Reader r(text, at + word.size());
        std::optional<BlockMarker> m = r.beginFields();
        if (!m)
            continue;
        r.spaces();
        if (r.literal("-->") || r.literal("--\\u003e", true) || r.literal("--&gt;", true))
            return Candidate{at, std::move(*m)};
    }
    return std::nullopt;
}

qsizetype backslashesBefore(QStringView text, qsizetype i)
{
    qsizetype n = 0;
    while (i - n > 0 && n < kMaxBackslashRun && text[i - n - 1] == u'\\')
        ++n;
    return n;
}

// Whether the '"' at `i` opens or closes a string of JSON that is quoted `level` times: level 0
// "...", level 1 \"...\", level 2 \\\"...\\\"; any further pairs of backslashes are escaped
// backslashes at that level.
bool isDelimiter(QStringView text, qsizetype i, int level)
{
    if (text[i] != u'"')
        return false;
    const qsizetype n = backslashesBefore(text, i);
    return n < kMaxBackslashRun && n % (qsizetype(2) << level) == (qsizetype(1) << level) - 1;
}

bool isEscapedSpaceLetter(QChar c) { return c == u'n' || c == u'r' || c == u't'; }

// JSON whitespace, also as the escapes ("\n", "\\n" ...) it becomes when the JSON is quoted.
qsizetype skipJsonSpace(QStringView text, qsizetype i)
{
    while (i < text.size()) {
        const char16_t u = text[i].unicode();
        if (u == ' ' || u == '\t' || u == '\r' || u == '\n') {
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < text.size() && j - i < kMaxBackslashRun && text[j] == u'\\')
            ++j;
        if (j == i || j >= text.size() || !isEscapedSpaceLetter(text[j]))
            break;
        i = j + 1;
    }
    return i;
}

// The same backwards: returns the new end.
qsizetype skipJsonSpaceBack(QStringView text, qsizetype end)
{
    while (end > 0) {
        const char16_t u = text[end - 1].unicode();
        if (u == ' ' || u == '\t' || u == '\r' || u == '\n') {
            --end;
        } else if (end >= 2 && isEscapedSpaceLetter(text[end - 1]) && text[end - 2] == u'\\') {
            end -= 1 + backslashesBefore(text, end - 1);
        } else {
            break;
        }
    }
    return end;
}

// The '{' of the object that holds the key starting at `from`; -1 when it is in an array or
// too far away.
qsizetype objectStart(QStringView text, qsizetype from, int level, qsizetype &budget)
{
    int depth = 0;
    bool inString = false;
    const qsizetype stop = std::max<qsizetype>(0, from - kMaxObjectScan);
    for (qsizetype i = from - 1; i >= stop && --budget >= 0; --i) {
        const QChar c = text[i];
        if (c == u'"') {
            if (isDelimiter(text, i, level))
                inString = !inString;
        } else if (inString) {
            continue;
        } else if (c == u'}' || c == u']') {
            ++depth;
        } else if (c == u'{' || c == u'[') {
            if (depth == 0)
                return c == u'{' ? i : -1;
            --depth;
        }
    }
    return -1;
}

// Reads "version": N or "hash": "H" when the key that starts at `key` is one of them.
void readField(QStringView text, qsizetype key, QStringView quote, BlockMarker &out)
{
    const bool version = matchAt(text, key, u"version") && matchAt(text, key + 7, quote);
    const bool hash = !version && matchAt(text, key, u"hash") && matchAt(text, key + 4, quote);
    if (!version && !hash)
        return;
    qsizetype i = skipJsonSpace(text, key + (version ? 7 : 4) + quote.size());
    if (i >= text.size() || text[i] != u':')
        return;
    i = skipJsonSpace(text, i + 1);
    if (version && out.version == 0) {
        Reader r(text, i);
        const std::optional<int> v = r.positiveInt();
        const char16_t next = r.peek();
        if (v && next != '.' && lower(next) != 'e')
            out.version = *v;
    } else if (hash && out.hash.isEmpty() && matchAt(text, i, quote)) {
        Reader r(text, i + quote.size());
        std::optional<QString> h = r.hash();
        if (h && matchAt(text, r.pos(), quote))
            out.hash = std::move(*h);
    }
}

// The version and hash of the JSON object whose "format" value starts at `at` (the "reverie-
// playbook/1" in it), when that object has both.
std::optional<BlockMarker> jsonMarker(QStringView text, qsizetype at, qsizetype &budget)
{
    // The value's quote tells how often the JSON is quoted; every other quote must match it.
    if (at < 1 || text[at - 1] != u'"')
        return std::nullopt;
    const qsizetype run = backslashesBefore(text, at - 1);
    int level = 0;
    while (level <= kMaxJsonLevel && (qsizetype(1) << level) - 1 != run)
        ++level;
    if (level > kMaxJsonLevel)
        return std::nullopt;
    const QString quote = QString(run, u'\\') + QLatin1Char('"');

    qsizetype end = at + qsizetype(sizeof("reverie-playbook") - 1);
    while (end < text.size() && text[end] == u'\\' && end - at < 32)   // "\/" is JSON for "/"
        ++end;
    if (!matchAt(text, end, u"/1") || !matchAt(text, end + 2, quote))
        return std::nullopt;

    qsizetype key = skipJsonSpaceBack(text, at - quote.size());
    if (key < 1 || text[key - 1] != u':')
        return std::nullopt;
    key = skipJsonSpaceBack(text, key - 1);
    if (!matchBefore(text, key, quote) || !matchBefore(text, key - quote.size(), u"format"))
        return std::nullopt;
    key -= quote.size() + 6;
    if (!matchBefore(text, key, quote) || !isDelimiter(text, key - 1, level))
        return std::nullopt;
    const qsizetype open = objectStart(text, key - quote.size(), level, budget);
    if (open < 0)
        return std::nullopt;

    BlockMarker found;
    int depth = 0;
    bool inString = false;
    const qsizetype stop = std::min(text.size(), open + kMaxObjectScan);
    for (qsizetype i = open + 1; i < stop && --budget >= 0; ++i) {
        const QChar c = text[i];
        if (c == u'"') {
            if (!isDelimiter(text, i, level))
                continue;
            if (!inString && depth == 0)
                readField(text, i + 1, quote, found);
            inString = !inString;
        } else if (inString) {
            continue;
        } else if (c == u'{' || c == u'[') {
            ++depth;
        } else if (c == u'}' || c == u']') {
            if (depth-- == 0)
                break;
        }
    }
    if (found.version > 0 && !found.hash.isEmpty())
        return found;
    return std::nullopt;
}

} // namespace

std::optional<BlockMarker> findMarker(QStringView text)
{
    try {
        std::optional<Candidate> comment = firstCommentMarker(text);
        // A published JSON that comes first wins; only look up to the marker.
        const QLatin1String name("reverie-playbook");
        const qsizetype limit = comment ? comment->at : text.size();
        qsizetype budget = kMaxJsonScan;
        for (qsizetype at = text.indexOf(name); at >= 0 && at < limit && budget > 0;
             at = text.indexOf(name, at + name.size())) {
            if (std::optional<BlockMarker> m = jsonMarker(text, at, budget))
                return m;
        }
        if (comment)
            return std::move(comment->marker);
    } catch (const std::exception &) {
        // Only allocation can fail here; the text then simply names no version.
    }
    return std::nullopt;
}

} // namespace reverie::playbook
