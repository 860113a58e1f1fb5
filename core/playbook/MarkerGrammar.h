#pragma once

// Internal to core/playbook: the marker line grammar (see ManagedBlock.h), read the same way
// from a file's bytes (placeBlock) and from any text (findMarker).

#include "core/playbook/ManagedBlock.h"

#include <QChar>

#include <optional>

namespace reverie::playbook::marker {

constexpr qsizetype kHashDigits = 64;
constexpr qsizetype kMaxVersionDigits = 9;    // so the version always fits an int

inline char16_t unit(char c) { return char16_t(static_cast<unsigned char>(c)); }
inline char16_t unit(QChar c) { return c.unicode(); }
inline char16_t lower(char16_t u) { return u >= 'A' && u <= 'Z' ? char16_t(u + ('a' - 'A')) : u; }
inline bool isSpace(char16_t u) { return u == ' ' || u == '\t'; }
inline bool isDigit(char16_t u) { return u >= '0' && u <= '9'; }
inline bool isHex(char16_t u) { return isDigit(u) || (lower(u) >= 'a' && lower(u) <= 'f'); }

// Reads the marker grammar from a line of bytes (placeBlock) or from any text (findMarker).
template <typename View>
class Reader {
public:
    explicit Reader(View s, qsizetype at = 0) : m_s(s), m_at(at) {}

    qsizetype pos() const { return m_at; }
    bool atEnd() const { return m_at >= m_s.size(); }
    char16_t peek(qsizetype ahead = 0) const
    {
        const qsizetype i = m_at + ahead;
        return i >= 0 && i < m_s.size() ? unit(m_s[i]) : char16_t(0);
    }
    // Consumes `lit` when it comes next; `anyCase` compares ASCII letters without case.
    bool literal(const char *lit, bool anyCase = false)
    {
        qsizetype n = 0;
        for (; lit[n]; ++n) {
            const char16_t want = unit(lit[n]);
            const char16_t got = peek(n);
            if (anyCase ? lower(got) != lower(want) : got != want)
                return false;
        }
        m_at += n;
        return true;
    }
    qsizetype spaces()
    {
        const qsizetype from = m_at;
        while (isSpace(peek()))
            ++m_at;
        return m_at - from;
    }
    std::optional<int> positiveInt()
    {
        qsizetype n = 0;
        int value = 0;
        for (; n <= kMaxVersionDigits && isDigit(peek(n)); ++n) {
            if (n < kMaxVersionDigits)
                value = value * 10 + (peek(n) - '0');
        }
        if (n == 0 || n > kMaxVersionDigits || value <= 0)
            return std::nullopt;
        m_at += n;
        return value;
    }
    std::optional<QString> hash()
    {
        qsizetype n = 0;
        while (n <= kHashDigits && isHex(peek(n)))
            ++n;
        if (n != kHashDigits)
            return std::nullopt;
        QString h;
        h.reserve(n);
        for (qsizetype k = 0; k < n; ++k)
            h += QChar(lower(peek(k)));
        m_at += n;
        return h;
    }
    // What follows "reverie:playbook" in a begin marker: " begin version=N hash=H".
    std::optional<BlockMarker> beginFields()
    {
        if (!spaces() || !literal("begin") || !spaces() || !literal("version="))
            return std::nullopt;
        const std::optional<int> version = positiveInt();
        if (!version || !spaces() || !literal("hash="))
            return std::nullopt;
        std::optional<QString> h = hash();
        if (!h)
            return std::nullopt;
        return BlockMarker{*version, std::move(*h)};
    }

private:
    View m_s;
    qsizetype m_at;
};

} // namespace reverie::playbook::marker
