#pragma once

// The fast event scanner checked against nlohmann/json, for the unit test and the fuzzer:
// whenever the scanner accepts a line, the full parser must accept it too and give every
// kept member the same type and text.

#include "core/ingest/FlatScan.h"
#include "core/ingest/JsonSupport.h"

#include <array>
#include <string>
#include <string_view>

namespace reverie::ingest::json {

inline constexpr std::array<std::string_view, 8> kOracleNames = {"trajectory", "type", "ts", "input",
                                                                 "output", "is_error", "text", "k"};

// What the scanner should report for `v` (absent when v is null).
inline bool sameAsFull(const Member &m, const Json *v, std::string &why)
{
    auto fail = [&](const char *what) {
        why = what;
        return false;
    };
    if (!v)
        return m.type == Member::Absent || fail("a member the full parser does not see");
    if (v->is_null())
        return m.type == Member::Null || fail("null read as something else");
    if (v->is_boolean())
        return (m.type == Member::Bool && m.boolean == v->get<bool>() && m.text == (m.boolean ? "true" : "false"))
            || fail("a boolean read differently");
    if (v->is_number_integer() || v->is_number_unsigned())
        return (m.type == Member::Integer && m.integer == v->get<qint64>() && m.number == v->get<double>()
                && m.text == v->dump())
            || fail("an integer read differently");
    if (v->is_number())
        return fail("the scanner kept a floating-point member it should have left to the full parser");
    if (v->is_string())
        return (m.type == Member::String && m.text == v->get_ref<const std::string &>()) || fail("a string read differently");
    return (m.type == Member::Nested && m.text == v->dump(-1, ' ', false, Json::error_handler_t::replace))
        || fail("a nested value not written as dump() writes it");
}

// Empty when the scanner agrees with the full parser on `line` (or leaves it to it).
inline std::string flatScanDisagreement(std::string_view line)
{
    FlatScanner scanner(kOracleNames);
    if (!scanner.scan(line))
        return {};
    if (findExcessiveNesting(line) >= 0 || findHugeString(line) >= 0)
        return "accepted a line beyond the nesting or string limits";
    const Json doc = Json::parse(line.begin(), line.end(), nullptr, false);
    if (doc.is_discarded())
        return "accepted invalid JSON";
    if (!doc.is_object())
        return "accepted a value that is not an object";
    for (std::size_t i = 0; i < kOracleNames.size(); ++i) {
        const auto it = doc.find(std::string(kOracleNames[i]));
        std::string why;
        if (!sameAsFull(scanner.get(i), it == doc.end() ? nullptr : &*it, why))
            return std::string(kOracleNames[i]) + ": " + why;
    }
    return {};
}

} // namespace reverie::ingest::json
