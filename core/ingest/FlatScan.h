#pragma once

// Internal to core/ingest: the fast reader of one JSON object per line.

#include <QtGlobal>

#include <array>
#include <string>
#include <string_view>

namespace reverie::ingest::json {

// One top-level member of an event, as a line-per-event importer uses it, whichever reader
// produced it. `text` is what json::toText() gives for the value: a string's characters, or
// the compact JSON of anything else (as nlohmann's dump() writes it).
struct Member {
    enum Type : quint8 { Absent, Null, Bool, Integer, Float, String, Nested };
    Type type = Absent;
    bool boolean = false;
    qint64 integer = 0;   // Integer and Float (truncated)
    double number = 0;    // Integer and Float
    std::string_view text;
};

// Reads one line holding a JSON object and keeps the top-level members with the given
// names, without building any JSON value: strings are viewed in the line itself and only
// copied when they hold escapes. It handles the common case only. It validates as strictly
// as nlohmann/json's parser (RFC 8259, UTF-8, the nesting and string limits), but whenever
// a line is not plainly valid, or a kept value would need nlohmann's own rendering (a
// fraction, an exponent, a nested value whose keys are not in sorted order or whose strings
// hold escapes), scan() returns false and the caller reads the line with the full parser,
// which gives the exact result or error.
class FlatScanner {
public:
    static constexpr std::size_t kMaxNames = 32;
    template <std::size_t N>
    explicit FlatScanner(const std::array<std::string_view, N> &names) : m_count(N)
    {
        static_assert(N <= kMaxNames);
        for (std::size_t i = 0; i < N; ++i)
            m_names[i] = names[i];
    }

    // Valid while `line` and this scanner are unchanged.
    bool scan(std::string_view line);
    const Member &get(std::size_t i) const { return m_members[i]; }

private:
    enum class Number { Invalid, Integer, Other };   // Other: valid, but not a plain qint64

    // After an opening bracket: items separated by commas, up to `close`; `readItem` reads one.
    template <typename ReadItem>
    bool items(std::size_t &pos, char close, ReadItem readItem);
    // A member's name and its colon.
    bool name(std::size_t &pos, std::string_view &key, bool &escaped);
    bool member(std::size_t &pos);
    bool wanted(std::size_t &pos, Member &out);
    // Skips one value; `canonical` turns false when dump() would not write it as it stands.
    bool value(std::size_t &pos, int depth, bool &canonical);
    bool container(std::size_t &pos, int depth, bool &canonical);
    // At an opening quote. `decoded` (when given) receives the characters, `raw` the text
    // between the quotes; `escaped` tells whether they differ.
    bool string(std::size_t &pos, std::string_view *decoded, bool &escaped, std::string_view *raw);
    Number number(std::size_t &pos, qint64 &value);
    bool literal(std::size_t &pos, std::string_view word);
    void skipSpace(std::size_t &pos) const;
    std::size_t slotFor(std::string_view key) const;

    std::array<std::string_view, kMaxNames> m_names;
    std::size_t m_count;
    std::array<Member, kMaxNames> m_members;
    std::string_view m_line;
    std::string m_scratch;   // decoded strings and compacted nested values
};

} // namespace reverie::ingest::json
