#pragma once

#include <QtGlobal>

#include <string_view>

namespace reverie {

// The 0-based offset of the first '[' or '{' in `text` that nests deeper than `maxDepth`, or -1.
// Strings (with their escapes) are skipped. Untrusted JSON (imported files, a playbook, a model's
// answer) is checked with this before a recursive parser sees it: nesting is an attack on the
// parser's stack long before it is data.
qint64 findNestingBeyond(std::string_view text, int maxDepth);

} // namespace reverie
