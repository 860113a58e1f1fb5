#pragma once

// The SAX handler behind FlatObject; included by FlatJson.h only.

#include <vector>

namespace reverie::ingest::json {

template <std::size_t N>
class FlatObject<N>::Handler : public nlohmann::json_sax<Json> {
public:
    explicit Handler(FlatObject &out) : m_out(out) {}

    bool notAnObject = false;
    std::optional<Json::parse_error> error;
    std::optional<std::string> tooLarge;

    bool null() override { return value(Json()); }
    bool boolean(bool v) override { return value(Json(v)); }
    bool number_integer(number_integer_t v) override { return value(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(Json(v)); }
    bool number_float(number_float_t v, const string_t &) override { return value(Json(v)); }
    bool string(string_t &v) override { return value(Json(std::move(v))); }
    bool binary(binary_t &) override { return value(Json()); }

    bool start_object(std::size_t) override { return open(Json::value_t::object); }
    bool start_array(std::size_t) override { return open(Json::value_t::array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t &k) override
    {
        if (m_depth == 1) {
            m_slot = slotFor(k);
        } else if (!m_building.empty()) {
            m_key = std::move(k);
        }
        return true;
    }

    bool parse_error(std::size_t, const std::string &token, const nlohmann::detail::exception &ex) override
    {
        if (const auto *pe = dynamic_cast<const Json::parse_error *>(&ex))
            error.emplace(*pe);
        else if (dynamic_cast<const Json::out_of_range *>(&ex))
            tooLarge = token;   // a number beyond a double's range
        return false;
    }

private:
    static constexpr std::size_t kNone = N;

    std::size_t slotFor(const std::string &k) const
    {
        for (std::size_t i = 0; i < N; ++i) {
            if (m_out.m_names[i] == k)
                return i;
        }
        return kNone;
    }

    // A scalar: a wanted top-level member, or part of one being built, or ignored.
    bool value(Json &&v)
    {
        if (m_depth == 0) {
            notAnObject = true;
        } else if (!m_building.empty()) {
            append(std::move(v));
        } else if (m_depth == 1 && m_slot != kNone) {
            m_out.m_values[m_slot] = std::move(v);   // a repeated name: the last one wins
            m_out.m_present.set(m_slot);
        }
        return true;
    }

    bool open(Json::value_t type)
    {
        if (m_depth == 0 && type != Json::value_t::object)
            notAnObject = true;
        if (!m_building.empty()) {
            m_building.push_back(&append(Json(type)));
        } else if (m_depth == 1 && m_slot != kNone) {
            Json &slot = m_out.m_values[m_slot];
            slot = Json(type);
            m_out.m_present.set(m_slot);
            m_building.push_back(&slot);
        }
        ++m_depth;
        return true;
    }

    bool close()
    {
        --m_depth;
        if (!m_building.empty())
            m_building.pop_back();
        return true;
    }

    Json &append(Json &&v)
    {
        Json &parent = *m_building.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return parent.back();
        }
        Json &member = parent[m_key];
        member = std::move(v);
        return member;
    }

    FlatObject &m_out;
    int m_depth = 0;
    std::size_t m_slot = kNone;
    std::string m_key;                 // the pending member name inside a built value
    std::vector<Json *> m_building;    // the containers of a wanted member, innermost last
};

template <std::size_t N>
bool FlatObject<N>::read(std::string_view text, const QString &file, qint64 line)
{
    checkLimits(text, file, line);
    m_present.reset();
    Handler handler(*this);
    const bool ok = Json::sax_parse(text.begin(), text.end(), &handler);
    if (!ok) {
        if (handler.error)
            throwParseError(*handler.error, file, line);
        if (handler.tooLarge)
            throwNumberTooLarge(text, *handler.tooLarge, file, line);
        throw ImportError::atLine(file, line, QStringLiteral("invalid JSON"));
    }
    return !handler.notAnObject;
}

} // namespace reverie::ingest::json
