// FlatScanner: see FlatScan.h. The grammar is RFC 8259's; every rule that nlohmann/json
// enforces is enforced here too, and anything this reader does not decide itself it hands
// back to the full parser by returning false.

#include "core/ingest/FlatScan.h"

#include "core/ingest/JsonSupport.h"


namespace reverie::ingest::json {

void FlatScanner::skipSpace(std::size_t &pos) const
{
    while (pos < m_line.size()) {
        const char c = m_line[pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++pos;
    }
}

std::size_t FlatScanner::slotFor(std::string_view key) const
{
    for (std::size_t i = 0; i < m_count; ++i) {
        if (m_names[i] == key)
            return i;
    }
    return m_count;
}

template <typename ReadItem>
bool FlatScanner::items(std::size_t &pos, char close, ReadItem readItem)
{
    skipSpace(pos);
    if (pos < m_line.size() && m_line[pos] == close) {
        ++pos;
        return true;
    }
    for (;;) {
        if (!readItem())
            return false;
        skipSpace(pos);
        if (pos >= m_line.size())
            return false;
        if (m_line[pos] != ',')
            break;
        ++pos;
        skipSpace(pos);
    }
    if (m_line[pos] != close)
        return false;
    ++pos;
    return true;
}

bool FlatScanner::scan(std::string_view line)
{
    m_line = line;
    for (std::size_t i = 0; i < m_count; ++i)
        m_members[i] = Member();
    m_scratch.clear();
    // Every decoded or compacted value is at most as long as the text it comes from, so
    // with this much room the scratch never moves and the views into it stay valid.
    if (m_scratch.capacity() < line.size())
        m_scratch.reserve(line.size());

    std::size_t pos = 0;
    skipSpace(pos);
    if (pos >= line.size() || line[pos] != '{')
        return false;
    ++pos;
    if (!items(pos, '}', [&] { return member(pos); }))
        return false;
    skipSpace(pos);
    return pos == line.size();
}

bool FlatScanner::name(std::size_t &pos, std::string_view &key, bool &escaped)
{
    if (pos >= m_line.size() || m_line[pos] != '"' || !string(pos, nullptr, escaped, &key))
        return false;
    skipSpace(pos);
    if (pos >= m_line.size() || m_line[pos] != ':')
        return false;
    ++pos;
    skipSpace(pos);
    return true;
}

bool FlatScanner::member(std::size_t &pos)
{
    std::string_view key;
    bool escaped = false;
    if (!name(pos, key, escaped) || escaped)
        return false;   // a name with escapes is rare enough to leave to the full parser
    const std::size_t slot = slotFor(key);
    if (slot == m_count) {
        bool canonical = true;
        return value(pos, 1, canonical);
    }
    return wanted(pos, m_members[slot]);
}

bool FlatScanner::wanted(std::size_t &pos, Member &out)
{
    if (pos >= m_line.size())
        return false;
    const std::size_t start = pos;
    switch (m_line[pos]) {
    case '"': {
        bool escaped = false;
        if (!string(pos, &out.text, escaped, nullptr))
            return false;
        out.type = Member::String;
        return true;
    }
    case 't':
    case 'f':
        if (!literal(pos, m_line[pos] == 't' ? "true" : "false"))
            return false;
        out.type = Member::Bool;
        out.boolean = m_line[start] == 't';
        out.text = m_line.substr(start, pos - start);
        return true;
    case 'n':
        if (!literal(pos, "null"))
            return false;
        out.type = Member::Null;
        out.text = {};
        return true;
    case '{':
    case '[': {
        bool canonical = true;
        if (!container(pos, 2, canonical) || !canonical)
            return false;
        // No escapes, no fractions, keys in order: the compact form is the text without
        // the white space between tokens, exactly as dump() writes it.
        const std::size_t from = m_scratch.size();
        bool inString = false;
        for (std::size_t i = start; i < pos; ++i) {
            const char c = m_line[i];
            if (c == '"')
                inString = !inString;
            else if (!inString && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
                continue;
            m_scratch.push_back(c);
        }
        out.type = Member::Nested;
        out.text = std::string_view(m_scratch).substr(from);
        return true;
    }
    default: {
        qint64 v = 0;
        if (number(pos, v) != Number::Integer)
            return false;
        out.type = Member::Integer;
        out.integer = v;
        out.number = double(v);
        out.text = m_line.substr(start, pos - start);
        return true;
    }
    }
}

bool FlatScanner::value(std::size_t &pos, int depth, bool &canonical)
{
    if (pos >= m_line.size())
        return false;
    switch (m_line[pos]) {
    case '"': {
        bool escaped = false;
        if (!string(pos, nullptr, escaped, nullptr))
            return false;
        canonical = canonical && !escaped;
        return true;
    }
    case 't': return literal(pos, "true");
    case 'f': return literal(pos, "false");
    case 'n': return literal(pos, "null");
    case '{':
    case '[': return container(pos, depth + 1, canonical);
    default: {
        qint64 v = 0;
        const Number n = number(pos, v);
        canonical = canonical && n == Number::Integer;
        return n != Number::Invalid;
    }
    }
}

bool FlatScanner::container(std::size_t &pos, int depth, bool &canonical)
{
    if (depth >= kMaxDepth)
        return false;   // the full parser reports it
    const bool object = m_line[pos] == '{';
    ++pos;
    std::string_view previousKey;
    bool first = true;
    return items(pos, object ? '}' : ']', [&] {
        if (object) {
            std::string_view key;
            bool escaped = false;
            if (!name(pos, key, escaped))
                return false;
            // dump() writes members in sorted order, and keeps only the last of a repeated name.
            if (escaped || (!first && !(previousKey < key)))
                canonical = false;
            previousKey = key;
        }
        first = false;
        return value(pos, depth, canonical);
    });
}

} // namespace reverie::ingest::json
