#include "core/dream/StepSignatures.h"

namespace reverie::dream {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool startsWithWord(std::string_view text, std::string_view word)
{
    if (text.size() < word.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (lower(text[i]) != word[i])
            return false;
    }
    return text.size() == word.size() || !((text[word.size()] >= 'a' && text[word.size()] <= 'z')
                                           || (text[word.size()] >= 'A' && text[word.size()] <= 'Z'));
}

std::string_view trimLeft(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    return s;
}

// Drops "error:", "Error -", "exception:" (possibly twice: "Error: error: ...").
std::string_view stripErrorPrefix(std::string_view s)
{
    for (int round = 0; round < 2; ++round) {
        s = trimLeft(s);
        std::size_t len = 0;
        for (std::string_view w : {std::string_view("error"), std::string_view("exception")}) {
            if (startsWithWord(s, w)) {
                len = w.size();
                break;
            }
        }
        if (len == 0)
            break;
        std::string_view rest = s.substr(len);
        rest = trimLeft(rest);
        if (!rest.empty() && (rest.front() == ':' || rest.front() == '-'))
            rest.remove_prefix(1);
        else if (!rest.empty() && round == 0 && !isSpace(s[len]))
            break;   // "errors found" is prose, not a prefix
        s = rest;
    }
    return trimLeft(s);
}

// A clause ends at , ; ( newline, at ':' and at a '.' followed by a space or the end.
bool endsClause(std::string_view s, std::size_t i)
{
    const char c = s[i];
    if (c == ',' || c == ';' || c == '(' || c == '\n' || c == ':')
        return true;
    if (c == '.')
        return i + 1 == s.size() || isSpace(s[i + 1]);
    return false;
}

std::size_t skipString(std::string_view s, std::size_t i)   // i at the opening quote
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return s.size();
}

std::size_t skipNested(std::string_view s, std::size_t i)   // i at '{' or '['
{
    int depth = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            i = skipString(s, i);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
        ++i;
    }
    return s.size();
}

std::size_t skipSpace(std::string_view s, std::size_t i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

} // namespace

void errorSignature(std::string_view text, std::string &out)
{
    out.clear();
    const std::string_view s = stripErrorPrefix(text);
    int words = 0;
    std::size_t i = 0;
    while (i < s.size() && words < 8) {
        while (i < s.size() && isSpace(s[i]) && s[i] != '\n')
            ++i;
        if (i >= s.size() || endsClause(s, i))
            break;
        const std::size_t start = i;
        bool digit = false;
        while (i < s.size() && !isSpace(s[i]) && !endsClause(s, i)) {
            digit = digit || isDigit(s[i]);
            ++i;
        }
        if (digit) {
            if (out.size() >= 1 && out.back() == '#')
                continue;   // "# #" says no more than "#"
            if (!out.empty())
                out += ' ';
            out += '#';
        } else {
            if (!out.empty())
                out += ' ';
            for (std::size_t k = start; k < i; ++k) {
                const char c = s[k];
                if (c != '"' && c != '\'' && c != '`')
                    out += lower(c);
            }
        }
        ++words;
    }
    if (out.empty() || out == "#")
        out = "error";
}

bool looksLikeError(std::string_view text)
{
    const std::string_view s = trimLeft(text);
    for (std::string_view w : {std::string_view("error"), std::string_view("exception"), std::string_view("traceback")}) {
        if (startsWithWord(s, w)) {
            const std::string_view rest = trimLeft(s.substr(w.size()));
            return w == "traceback" || (!rest.empty() && (rest.front() == ':' || rest.front() == '-'));
        }
    }
    return false;
}

void forEachScalarArg(std::string_view s, const std::function<void(std::string_view, std::string_view)> &onArg)
{
    std::size_t i = skipSpace(s, 0);
    if (i >= s.size() || s[i] != '{')
        return;
    ++i;
    while (true) {
        i = skipSpace(s, i);
        if (i >= s.size() || s[i] != '"')
            return;
        const std::size_t keyEnd = skipString(s, i);
        if (keyEnd >= s.size())
            return;
        const std::string_view key = s.substr(i + 1, keyEnd - i - 2);
        i = skipSpace(s, keyEnd);
        if (i >= s.size() || s[i] != ':')
            return;
        i = skipSpace(s, i + 1);
        if (i >= s.size())
            return;
        std::string_view value;
        bool scalar = true;
        if (s[i] == '"') {
            const std::size_t end = skipString(s, i);
            if (end > s.size() || s[end - 1] != '"' || end - i < 2)
                return;   // truncated inside the string
            value = s.substr(i + 1, end - i - 2);
            i = end;
        } else if (s[i] == '{' || s[i] == '[') {
            const std::size_t end = skipNested(s, i);
            if (end >= s.size())
                return;
            scalar = false;
            i = end;
        } else {
            const std::size_t start = i;
            while (i < s.size() && s[i] != ',' && s[i] != '}' && !isSpace(s[i]))
                ++i;
            if (i >= s.size())
                return;   // truncated number or literal
            value = s.substr(start, i - start);
        }
        if (scalar && !key.empty() && key.size() <= kMaxArgChars && value.size() <= kMaxArgChars)
            onArg(key, value);
        i = skipSpace(s, i);
        if (i >= s.size() || s[i] != ',')
            return;
        ++i;
    }
}

} // namespace reverie::dream
