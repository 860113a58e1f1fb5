#include "ui/compare/ToolAlignment.h"

#include <algorithm>

namespace reverie::ui {

namespace {

enum Move : quint8 { Diagonal, Up, Left };

// Aligns left[l0, l1) with right[r0, r1) and appends the pairs to `out`.
void alignMiddle(const QStringList &a, const QStringList &b, int l0, int l1, int r0, int r1,
                 const AlignmentScores &s, std::size_t maxCells, std::vector<AlignedPair> &out)
{
    const int n = l1 - l0;
    const int m = r1 - r0;
    if (std::size_t(n + 1) * std::size_t(m + 1) > maxCells) {
        for (int k = 0; k < std::max(n, m); ++k) {
            const int i = k < n ? l0 + k : -1;
            const int j = k < m ? r0 + k : -1;
            const AlignOp op = i < 0 ? AlignOp::OnlyRight
                             : j < 0 ? AlignOp::OnlyLeft
                                     : (a[i] == b[j] ? AlignOp::Match : AlignOp::Mismatch);
            out.push_back({i, j, op});
        }
        return;
    }
    // Two score rows and a full matrix of moves (one byte per cell) for the traceback.
    std::vector<int> previous(std::size_t(m + 1)), current(std::size_t(m + 1));
    std::vector<quint8> moves(std::size_t(n + 1) * std::size_t(m + 1));
    auto move = [&](int i, int j) -> quint8 & { return moves[std::size_t(i) * std::size_t(m + 1) + std::size_t(j)]; };
    for (int j = 0; j <= m; ++j) {
        previous[std::size_t(j)] = j * s.gap;
        move(0, j) = Left;
    }
    for (int i = 1; i <= n; ++i) {
        current[0] = i * s.gap;
        move(i, 0) = Up;
        for (int j = 1; j <= m; ++j) {
            const bool same = a[l0 + i - 1] == b[r0 + j - 1];
            const int diagonal = previous[std::size_t(j - 1)] + (same ? s.match : s.mismatch);
            const int up = previous[std::size_t(j)] + s.gap;
            const int left = current[std::size_t(j - 1)] + s.gap;
            int best = diagonal;
            quint8 chosen = Diagonal;
            if (up > best) {
                best = up;
                chosen = Up;
            }
            if (left > best) {
                best = left;
                chosen = Left;
            }
            current[std::size_t(j)] = best;
            move(i, j) = chosen;
        }
        std::swap(previous, current);
    }
    std::vector<AlignedPair> reversed;
    int i = n, j = m;
    while (i > 0 || j > 0) {
        const quint8 mv = i == 0 ? quint8(Left) : (j == 0 ? quint8(Up) : move(i, j));
        if (mv == Diagonal) {
            const bool same = a[l0 + i - 1] == b[r0 + j - 1];
            reversed.push_back({l0 + i - 1, r0 + j - 1, same ? AlignOp::Match : AlignOp::Mismatch});
            --i;
            --j;
        } else if (mv == Up) {
            reversed.push_back({l0 + i - 1, -1, AlignOp::OnlyLeft});
            --i;
        } else {
            reversed.push_back({-1, r0 + j - 1, AlignOp::OnlyRight});
            --j;
        }
    }
    out.insert(out.end(), reversed.rbegin(), reversed.rend());
}

} // namespace

std::vector<AlignedPair> alignToolSequences(const QStringList &left, const QStringList &right,
                                            const AlignmentScores &scores, std::size_t maxCells)
{
    std::vector<AlignedPair> out;
    const int n = int(left.size());
    const int m = int(right.size());
    int prefix = 0;
    while (prefix < n && prefix < m && left[prefix] == right[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < n - prefix && suffix < m - prefix && left[n - 1 - suffix] == right[m - 1 - suffix])
        ++suffix;
    out.reserve(std::size_t(std::max(n, m)));
    for (int k = 0; k < prefix; ++k)
        out.push_back({k, k, AlignOp::Match});
    alignMiddle(left, right, prefix, n - suffix, prefix, m - suffix, scores, maxCells, out);
    for (int k = suffix; k > 0; --k)
        out.push_back({n - k, m - k, AlignOp::Match});
    return out;
}

AlignmentCounts countAlignment(const std::vector<AlignedPair> &pairs)
{
    AlignmentCounts c;
    for (const AlignedPair &p : pairs) {
        switch (p.op) {
        case AlignOp::Match: ++c.matches; break;
        case AlignOp::Mismatch: ++c.mismatches; break;
        case AlignOp::OnlyLeft: ++c.onlyLeft; break;
        case AlignOp::OnlyRight: ++c.onlyRight; break;
        }
    }
    return c;
}

} // namespace reverie::ui
