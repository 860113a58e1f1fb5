// FlatScanner's lexical level: strings (escapes, UTF-8), numbers and literals, checked as
// strictly as nlohmann/json checks them. The structure is in FlatScan.cpp.

#include "core/ingest/FlatScan.h"

#include "core/ingest/JsonSupport.h"

#include <array>
#include <limits>

namespace reverie::ingest::json {

namespace {

enum ByteClass : quint8 { Plain, Quote, Backslash, Control, NonAscii };

constexpr std::array<quint8, 256> byteClasses()
{
    std::array<quint8, 256> t{};
    for (int c = 0; c < 256; ++c)
        t[std::size_t(c)] = c < 0x20 ? Control : c == '"' ? Quote : c == '\\' ? Backslash : c >= 0x80 ? NonAscii : Plain;
    return t;
}
constexpr std::array<quint8, 256> kByteClass = byteClasses();

// The length of the well-formed UTF-8 sequence at s[0] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8Length(const unsigned char *s, std::size_t available)
{
    const unsigned char c = s[0];
    auto cont = [&](std::size_t i) { return i < available && (s[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (available < 3 || !cont(1) || !cont(2))
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (available < 4 || !cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Four hex digits at line[pos], or -1.
int hex4(std::string_view line, std::size_t pos)
{
    if (pos + 4 > line.size())
        return -1;
    int v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const int h = hexValue(line[pos + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

} // namespace
bool FlatScanner::string(std::size_t &pos, std::string_view *decoded, bool &escaped, std::string_view *rawOut)
{
    const std::size_t n = m_line.size();
    const auto *bytes = reinterpret_cast<const unsigned char *>(m_line.data());
    ++pos;   // the opening quote
    const std::size_t start = pos;
    std::size_t plainFrom = pos;         // bytes not yet copied, when decoding
    const std::size_t from = m_scratch.size();
    escaped = false;
    for (;;) {
        while (pos < n && kByteClass[bytes[pos]] == Plain)
            ++pos;
        if (pos >= n)
            return false;
        switch (kByteClass[bytes[pos]]) {
        case Quote: {
            if (pos - start > std::size_t(kMaxStringBytes))
                return false;
            if (rawOut)
                *rawOut = m_line.substr(start, pos - start);
            if (decoded) {
                if (escaped) {
                    m_scratch.append(m_line.data() + plainFrom, pos - plainFrom);
                    *decoded = std::string_view(m_scratch).substr(from);
                } else {
                    *decoded = m_line.substr(start, pos - start);
                }
            }
            ++pos;
            return true;
        }
        case Control: return false;
        case NonAscii: {
            const std::size_t len = utf8Length(bytes + pos, n - pos);
            if (len == 0)
                return false;
            pos += len;
            break;
        }
        case Backslash: {
            if (decoded)
                m_scratch.append(m_line.data() + plainFrom, pos - plainFrom);
            escaped = true;
            if (pos + 1 >= n)
                return false;
            const char e = m_line[pos + 1];
            char simple = 0;
            switch (e) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return false;
            }
            if (simple) {
                if (decoded)
                    m_scratch.push_back(simple);
                pos += 2;
            } else {
                const int hi = hex4(m_line, pos + 2);
                if (hi < 0)
                    return false;
                char32_t cp = char32_t(hi);
                pos += 6;
                if (hi >= 0xDC00 && hi <= 0xDFFF)
                    return false;   // a low surrogate alone
                if (hi >= 0xD800 && hi <= 0xDBFF) {
                    if (pos + 1 >= n || m_line[pos] != '\\' || m_line[pos + 1] != 'u')
                        return false;
                    const int lo = hex4(m_line, pos + 2);
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((char32_t(hi) - 0xD800) << 10) + (char32_t(lo) - 0xDC00);
                    pos += 6;
                }
                if (decoded)
                    appendUtf8(m_scratch, cp);
            }
            plainFrom = pos;
            break;
        }
        default: break;
        }
    }
}
bool FlatScanner::literal(std::size_t &pos, std::string_view word)
{
    if (m_line.substr(pos, word.size()) != word)
        return false;
    pos += word.size();
    return true;
}
FlatScanner::Number FlatScanner::number(std::size_t &pos, qint64 &value)
{
    const std::size_t n = m_line.size();
    const bool negative = pos < n && m_line[pos] == '-';
    if (negative)
        ++pos;
    if (pos >= n || m_line[pos] < '0' || m_line[pos] > '9')
        return Number::Invalid;
    quint64 magnitude = 0;
    bool overflow = false;
    qint64 intDigits = 0;   // without the leading zero of "0.x"
    if (m_line[pos] == '0') {
        ++pos;
    } else {
        while (pos < n && m_line[pos] >= '0' && m_line[pos] <= '9') {
            ++intDigits;
            const quint64 digit = quint64(m_line[pos] - '0');
            if (magnitude > (std::numeric_limits<quint64>::max() - digit) / 10)
                overflow = true;
            else
                magnitude = magnitude * 10 + digit;
            ++pos;
        }
    }
    bool integral = true;
    if (pos < n && m_line[pos] == '.') {
        integral = false;
        ++pos;
        if (pos >= n || m_line[pos] < '0' || m_line[pos] > '9')
            return Number::Invalid;
        while (pos < n && m_line[pos] >= '0' && m_line[pos] <= '9')
            ++pos;
    }
    qint64 exponent = 0;
    if (pos < n && (m_line[pos] == 'e' || m_line[pos] == 'E')) {
        integral = false;
        ++pos;
        bool negativeExponent = false;
        if (pos < n && (m_line[pos] == '+' || m_line[pos] == '-'))
            negativeExponent = m_line[pos++] == '-';
        if (pos >= n || m_line[pos] < '0' || m_line[pos] > '9')
            return Number::Invalid;
        while (pos < n && m_line[pos] >= '0' && m_line[pos] <= '9') {
            exponent = qMin<qint64>(exponent * 10 + (m_line[pos] - '0'), 1000000);
            ++pos;
        }
        if (negativeExponent)
            exponent = -exponent;
    }
    // nlohmann/json refuses a number too large for a double ("number overflow"). Below
    // 10^300 none is; anything near or beyond that is left to it to decide.
    if (intDigits + exponent > 300)
        return Number::Invalid;
    // Only what reads back the same as nlohmann's integer is an Integer here: no "-0", no
    // value outside qint64 (nlohmann keeps larger ones as unsigned or floating point).
    constexpr quint64 kMax = quint64(std::numeric_limits<qint64>::max());
    if (!integral || overflow || (negative && magnitude == 0) || magnitude > kMax)
        return Number::Other;
    value = negative ? -qint64(magnitude) : qint64(magnitude);
    return Number::Integer;
}
} // namespace reverie::ingest::json
