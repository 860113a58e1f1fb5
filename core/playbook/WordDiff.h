#pragma once

#include <QString>

#include <vector>

namespace reverie::playbook {

// One run of a word-level diff. Whitespace is kept with the word before it so that joining
// the Equal+Delete segments gives back the old text and Equal+Insert the new text, exactly.
struct DiffSegment {
    enum class Op { Equal, Delete, Insert };
    Op op = Op::Equal;
    QString text;
    bool operator==(const DiffSegment &o) const { return op == o.op && text == o.text; }
};

// Word-level diff (longest common subsequence over words, adjacent runs merged).
std::vector<DiffSegment> diffWords(const QString &before, const QString &after);

// "keep [-old-]{+new+} keep": the inline form used by the CLI and in stored edit records.
QString inlineDiff(const std::vector<DiffSegment> &segments);

} // namespace reverie::playbook
