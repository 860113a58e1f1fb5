#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace reverie::dream {

// Turns what a step says into the short keys the miner counts: an error's gist and a tool
// call's scalar arguments. Pure functions over bytes, so they cost nothing per step.

// The gist of an error message, lowercased: the leading "error:" is dropped, the text is cut
// at the first clause break, numbers and ids are masked as "#" and at most eight words are
// kept, so "Error: not enough seats on flight HAT290" and "...HAT117" share one signature:
// "not enough seats on flight #". Writes into `out` (cleared first); never empty.
void errorSignature(std::string_view text, std::string &out);

// True when an observation reads as an error though its format did not flag it
// ("Error: ...", "Exception: ...", "Traceback ...").
bool looksLikeError(std::string_view text);

// Calls onArg(key, value) for each top-level scalar member of a JSON object: strings (without
// their quotes), numbers, true, false, null. Nested objects and arrays, long values and text
// that is not an object are skipped; a truncated object yields the members read so far.
void forEachScalarArg(std::string_view json, const std::function<void(std::string_view, std::string_view)> &onArg);

// Longest key or value forEachScalarArg reports: longer ones are ids or prose, not settings.
constexpr std::size_t kMaxArgChars = 40;

} // namespace reverie::dream
