#pragma once

#include <QStringList>

#include <vector>

namespace reverie::ui {

// How two sequences of tool calls line up.
enum class AlignOp { Match, Mismatch, OnlyLeft, OnlyRight };

struct AlignedPair {
    int left = -1;    // index into the left sequence; -1 for a gap
    int right = -1;
    AlignOp op = AlignOp::Match;
    bool operator==(const AlignedPair &o) const { return left == o.left && right == o.right && op == o.op; }
};

struct AlignmentScores {
    int match = 2;
    int mismatch = -1;    // a different call in the same place: cheaper than two gaps
    int gap = -1;
};

// Global alignment (Needleman-Wunsch) of two tool-name sequences. The common prefix and suffix
// are matched first; the middle is aligned with a score matrix. Ties prefer a match or a
// substitution, then a call only on the left. When the middle is larger than `maxCells`, it is
// paired position by position instead (tool sequences that long are not read call by call).
std::vector<AlignedPair> alignToolSequences(const QStringList &left, const QStringList &right,
                                            const AlignmentScores &scores = {},
                                            std::size_t maxCells = std::size_t(16) * 1024 * 1024);

struct AlignmentCounts {
    int matches = 0;
    int mismatches = 0;
    int onlyLeft = 0;
    int onlyRight = 0;
};
AlignmentCounts countAlignment(const std::vector<AlignedPair> &pairs);

} // namespace reverie::ui
