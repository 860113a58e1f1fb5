#include "core/ingest/formats/JsonProbe.h"

#include "core/ingest/JsonSupport.h"

#include <vector>

namespace reverie::ingest {

namespace {

using json::Json;

// Records keys and a few string values while nlohmann walks the head; never builds a DOM, so
// a 64 KiB head of a huge record costs nothing but the walk.
class ProbeSax : public nlohmann::json_sax<Json> {
public:
    ProbeSax(JsonProbe &out, std::size_t size) : m_out(out), m_size(size) {}

    bool null() override { return scalar(nullptr); }
    bool boolean(bool) override { return scalar(nullptr); }
    bool number_integer(number_integer_t) override { return scalar(nullptr); }
    bool number_unsigned(number_unsigned_t) override { return scalar(nullptr); }
    bool number_float(number_float_t, const string_t &) override { return scalar(nullptr); }
    bool binary(binary_t &) override { return scalar(nullptr); }
    bool string(string_t &v) override { return scalar(&v); }

    bool start_object(std::size_t) override { return open(true); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }

    bool key(string_t &k) override
    {
        Frame &f = m_stack.back();
        f.key = QString::fromUtf8(k.data(), qsizetype(k.size()));
        m_out.keys.insert(f.key);
        const std::size_t depth = m_stack.size();
        if (depth == 1)
            m_out.topKeys.insert(f.key);
        if (depth == 2 && !m_stack[0].isObject && m_stack[0].index == 0)
            m_out.firstElementKeys.insert(f.key);
        if (depth == 3 && m_stack[0].isObject && m_stack[0].key == QLatin1String("messages") && !m_stack[1].isObject
            && m_stack[1].index == 0)
            m_out.firstMessageKeys.insert(f.key);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &) override
    {
        // An error at the very end is the head being cut off; earlier, the bytes are not JSON.
        if (position + 8 < m_size)
            m_out = JsonProbe();
        return false;
    }

private:
    struct Frame {
        bool isObject = false;
        QString key;          // the key last seen in this object
        qint64 index = 0;     // elements completed in this array
    };

    bool open(bool isObject)
    {
        if (m_stack.empty())
            m_out.shape = isObject ? JsonProbe::Shape::Object : JsonProbe::Shape::Array;
        m_stack.push_back(Frame{isObject, {}, 0});
        return true;
    }
    bool close()
    {
        m_stack.pop_back();
        if (m_stack.empty())
            m_out.complete = true;
        else if (!m_stack.back().isObject)
            ++m_stack.back().index;
        return true;
    }
    bool scalar(const string_t *s)
    {
        if (m_stack.empty()) {
            m_out.shape = JsonProbe::Shape::Scalar;
            m_out.complete = true;
            return true;
        }
        Frame &f = m_stack.back();
        if (!f.isObject) {
            ++f.index;
            return true;
        }
        if (!s)
            return true;
        const QString value = QString::fromUtf8(s->data(), qsizetype(qMin<std::size_t>(s->size(), 256)));
        if (f.key == QLatin1String("role"))
            m_out.roles.insert(value);
        else if (f.key == QLatin1String("type"))
            m_out.types.insert(value);
        if (m_stack.size() == 1)
            m_out.topStrings.insert(f.key, value);
        return true;
    }

    JsonProbe &m_out;
    std::size_t m_size;
    std::vector<Frame> m_stack;
};

} // namespace

JsonProbe JsonProbe::of(std::string_view text)
{
    JsonProbe probe;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || (text[first] != '{' && text[first] != '['))
        return probe;
    const qint64 deep = json::findExcessiveNesting(text);
    if (deep >= 0)
        text = text.substr(0, std::size_t(deep));   // judge by what comes before the nesting
    ProbeSax sax(probe, text.size());
    // strict = false: stop after the first value, so a JSONL head is judged by its first line.
    Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, false);
    return probe;
}

} // namespace reverie::ingest
