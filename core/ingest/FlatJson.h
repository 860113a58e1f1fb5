#pragma once

// Internal to core/ingest (includes nlohmann/json through JsonSupport.h).

#include "core/ingest/JsonSupport.h"

#include <array>
#include <bitset>

namespace reverie::ingest::json {

// Reads one JSON object and keeps only its top-level members with the names it was given,
// each as a Json value; everything else is parsed (so the text must be valid JSON) but not
// kept. A line-per-event format reads most of its lines this way: no map of members, no
// copy of members nobody asked for. Reusable: read() may be called for every line.
template <std::size_t N>
class FlatObject {
public:
    explicit FlatObject(const std::array<std::string_view, N> &names) : m_names(names) {}

    // Parses `text` (checkLimits() first). Throws ImportError naming the file and line on
    // invalid JSON. Returns false when the text is valid JSON but not an object.
    bool read(std::string_view text, const QString &file, qint64 line);

    // The member with names[i], or nullptr when the object has none.
    const Json *get(std::size_t i) const { return m_present.test(i) ? &m_values[i] : nullptr; }

private:
    class Handler;
    std::array<std::string_view, N> m_names;
    std::array<Json, N> m_values;
    std::bitset<N> m_present;
};

} // namespace reverie::ingest::json

#include "core/ingest/FlatJsonImpl.h"
