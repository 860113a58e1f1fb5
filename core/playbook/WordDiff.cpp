#include "core/playbook/WordDiff.h"

#include <QChar>
#include <QHash>
#include <QStringView>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace reverie::playbook {

namespace {

// Beyond this many cells the LCS table is not built (it would cost time and memory out of
// proportion to what a reviewer gains) and the unmatched middle becomes one delete + insert.
// Keeping the shorter side at or under 2,000 tokens also lets the table use 16-bit cells.
constexpr qint64 kMaxTableCells = 4'000'000;

// A token is a word and the whitespace after it: [start, wordEnd) is the word and
// [wordEnd, end) the whitespace. The first token of every text has an empty word and holds the
// leading whitespace, so the tokens always cover the whole text.
struct Token {
    int start = 0;
    int wordEnd = 0;
    int end = 0;
};

char32_t codePointAt(QStringView s, int i, int *len)
{
    const QChar c = s[i];
    if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
        *len = 2;
        return QChar::surrogateToUcs4(c, s[i + 1]);
    }
    *len = 1;
    return c.unicode();
}

bool isMark(char32_t cp)
{
    const QChar::Category cat = QChar::category(cp);
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining || cat == QChar::Mark_Enclosing;
}

// Punctuation and symbols are words of their own, so "deploy." -> "deploy!" changes only the
// mark. Connector punctuation ('_') stays inside words: "run_tests" is one name.
bool standsAlone(char32_t cp)
{
    if (QChar::isSymbol(cp))
        return true;
    return QChar::isPunct(cp) && QChar::category(cp) != QChar::Punctuation_Connector;
}

std::vector<Token> tokenize(QStringView s)
{
    std::vector<Token> tokens;
    const int n = int(s.size());
    int i = 0;
    int len = 0;
    auto skipSpace = [&] {
        while (i < n && QChar::isSpace(codePointAt(s, i, &len)))
            i += len;
    };
    auto skipMarks = [&] {
        while (i < n && isMark(codePointAt(s, i, &len)))
            i += len;
    };
    skipSpace();
    tokens.push_back(Token{0, 0, i});
    while (i < n) {
        Token t;
        t.start = i;
        const char32_t first = codePointAt(s, i, &len);
        i += len;
        if (standsAlone(first)) {
            skipMarks();
        } else {
            while (i < n) {
                const char32_t cp = codePointAt(s, i, &len);
                if (QChar::isSpace(cp) || standsAlone(cp))
                    break;
                i += len;
            }
        }
        t.wordEnd = i;
        skipSpace();
        t.end = i;
        tokens.push_back(t);
    }
    return tokens;
}

// Pairs of matched token indexes (before, after), increasing in both.
using Matches = std::vector<std::pair<int, int>>;

Matches longestCommonSubsequence(const std::vector<int> &a, const std::vector<int> &b)
{
    const int n = int(a.size());
    const int m = int(b.size());
    int prefix = 0;
    while (prefix < n && prefix < m && a[std::size_t(prefix)] == b[std::size_t(prefix)])
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix
           && a[std::size_t(n - 1 - suffix)] == b[std::size_t(m - 1 - suffix)])
        ++suffix;

    Matches matches;
    for (int i = 0; i < prefix; ++i)
        matches.emplace_back(i, i);

    const int rows = n - prefix - suffix;
    const int cols = m - prefix - suffix;
    if (rows > 0 && cols > 0 && qint64(rows) * cols <= kMaxTableCells) {
        // table[i][j] = length of the LCS of a[prefix+i ..] and b[prefix+j ..] (middle only).
        const std::size_t width = std::size_t(cols) + 1;
        std::vector<std::uint16_t> table((std::size_t(rows) + 1) * width, 0);
        auto at = [&](int i, int j) -> std::uint16_t & { return table[std::size_t(i) * width + std::size_t(j)]; };
        for (int i = rows - 1; i >= 0; --i) {
            for (int j = cols - 1; j >= 0; --j) {
                if (a[std::size_t(prefix + i)] == b[std::size_t(prefix + j)])
                    at(i, j) = std::uint16_t(at(i + 1, j + 1) + 1);
                else
                    at(i, j) = std::max(at(i + 1, j), at(i, j + 1));
            }
        }
        int i = 0;
        int j = 0;
        while (i < rows && j < cols) {
            if (a[std::size_t(prefix + i)] == b[std::size_t(prefix + j)]) {
                matches.emplace_back(prefix + i, prefix + j);
                ++i;
                ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
    }

    for (int k = 0; k < suffix; ++k)
        matches.emplace_back(n - suffix + k, m - suffix + k);
    return matches;
}

class SegmentWriter {
public:
    void equal(QStringView text)
    {
        flush();
        append(DiffSegment::Op::Equal, text);
    }
    void remove(QStringView text) { m_deleted += text; }
    void insert(QStringView text) { m_inserted += text; }

    // Writes the pending change. Whitespace that both sides of a replacement start or end with
    // is shown as unchanged, so "a b c" -> "a x c" reads "a [-b-]{+x+} c".
    void flush()
    {
        QStringView del(m_deleted);
        QStringView ins(m_inserted);
        QStringView lead;
        QStringView trail;
        if (!del.isEmpty() && !ins.isEmpty()) {
            qsizetype s = 0;
            while (s < del.size() && s < ins.size() && del[del.size() - 1 - s] == ins[ins.size() - 1 - s]
                   && del[del.size() - 1 - s].isSpace())
                ++s;
            trail = del.right(s);
            del.chop(s);
            ins.chop(s);
            qsizetype p = 0;
            while (p < del.size() && p < ins.size() && del[p] == ins[p] && del[p].isSpace())
                ++p;
            lead = del.left(p);
            del = del.mid(p);
            ins = ins.mid(p);
        }
        append(DiffSegment::Op::Equal, lead);
        append(DiffSegment::Op::Delete, del);
        append(DiffSegment::Op::Insert, ins);
        append(DiffSegment::Op::Equal, trail);
        m_deleted.clear();
        m_inserted.clear();
    }

    std::vector<DiffSegment> take()
    {
        flush();
        return std::move(m_segments);
    }

private:
    void append(DiffSegment::Op op, QStringView text)
    {
        if (text.isEmpty())
            return;
        if (!m_segments.empty() && m_segments.back().op == op)
            m_segments.back().text += text;
        else
            m_segments.push_back(DiffSegment{op, text.toString()});
    }

    std::vector<DiffSegment> m_segments;
    QString m_deleted;
    QString m_inserted;
};

} // namespace

std::vector<DiffSegment> diffWords(const QString &before, const QString &after)
{
    const std::vector<Token> a = tokenize(before);
    const std::vector<Token> b = tokenize(after);

    // Compare words as small integers: the LCS inner loop then never touches string data.
    QHash<QStringView, int> ids;
    auto idsOf = [&ids](QStringView text, const std::vector<Token> &tokens) {
        std::vector<int> out;
        out.reserve(tokens.size());
        for (const Token &t : tokens) {
            const QStringView word = text.mid(t.start, t.wordEnd - t.start);
            auto it = ids.constFind(word);
            if (it == ids.constEnd())
                it = ids.insert(word, int(ids.size()));
            out.push_back(it.value());
        }
        return out;
    };
    const std::vector<int> aIds = idsOf(before, a);
    const std::vector<int> bIds = idsOf(after, b);

    const QStringView bv(before);
    const QStringView av(after);
    auto whole = [](QStringView text, const Token &t) { return text.mid(t.start, t.end - t.start); };
    auto word = [](QStringView text, const Token &t) { return text.mid(t.start, t.wordEnd - t.start); };
    auto space = [](QStringView text, const Token &t) { return text.mid(t.wordEnd, t.end - t.wordEnd); };

    SegmentWriter out;
    int ai = 0;
    int bi = 0;
    for (const auto &[i, j] : longestCommonSubsequence(aIds, bIds)) {
        for (; ai < i; ++ai)
            out.remove(whole(bv, a[std::size_t(ai)]));
        for (; bi < j; ++bi)
            out.insert(whole(av, b[std::size_t(bi)]));
        const Token &ta = a[std::size_t(i)];
        const Token &tb = b[std::size_t(j)];
        out.equal(word(bv, ta));
        // The same word followed by different whitespace: the whitespace is a change of its own.
        if (space(bv, ta) == space(av, tb)) {
            out.equal(space(bv, ta));
        } else {
            out.remove(space(bv, ta));
            out.insert(space(av, tb));
        }
        ai = i + 1;
        bi = j + 1;
    }
    for (; ai < int(a.size()); ++ai)
        out.remove(whole(bv, a[std::size_t(ai)]));
    for (; bi < int(b.size()); ++bi)
        out.insert(whole(av, b[std::size_t(bi)]));
    return out.take();
}

QString inlineDiff(const std::vector<DiffSegment> &segments)
{
    QString out;
    for (const DiffSegment &s : segments) {
        switch (s.op) {
        case DiffSegment::Op::Equal: out += s.text; break;
        case DiffSegment::Op::Delete: out += QLatin1String("[-") + s.text + QLatin1String("-]"); break;
        case DiffSegment::Op::Insert: out += QLatin1String("{+") + s.text + QLatin1String("+}"); break;
        }
    }
    return out;
}

} // namespace reverie::playbook
