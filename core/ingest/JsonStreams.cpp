// Reading JSON files too large to hold whole, with nlohmann/json's SAX interface:
// - forEachArrayElement(): a top-level array, one element at a time (tau-bench, OpenHands);
// - parseFileWithout() / forEachElementOf(): an object whose one big array member (Inspect's
//   "samples", OTLP's "resourceSpans") must not be held whole. One pass builds everything
//   except that member, another delivers the member's elements one at a time. Two parses
//   cost more CPU than one, but memory stays bounded by the largest element wherever the
//   member sits among the others.

#include "core/ingest/JsonSupport.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace reverie::ingest::json {

namespace {

// A SAX parse error as the importers report it: the byte offset and what nlohmann says,
// without its "[json.exception.parse_error.101] parse error at ..." prefix.
ImportError saxError(const QString &path, std::size_t position, const nlohmann::detail::exception &ex)
{
    QString msg = QString::fromUtf8(ex.what());
    const int colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("error")));
    if (colon >= 0)
        msg = msg.mid(colon + 2);
    return ImportError::atOffset(path, qint64(position > 0 ? position - 1 : 0), QStringLiteral("invalid JSON: %1").arg(msg));
}

struct FileCloser {
    std::FILE *f;
    ~FileCloser() { std::fclose(f); }
};


// Builds each element of the top-level array as a DOM value, hands it over, and drops it.
class ArrayStreamer : public nlohmann::json_sax<Json> {
public:
    ArrayStreamer(const QString &path, std::FILE *file, qint64 size, const ImportContext &ctx,
                  const std::function<void(Json &&, qint64)> &onElement)
        : m_path(path), m_file(file), m_size(size), m_ctx(ctx), m_onElement(onElement) {}

    bool null() override { return value(Json(nullptr)); }
    bool boolean(bool v) override { return value(Json(v)); }
    bool number_integer(number_integer_t v) override { return value(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(Json(v)); }
    bool number_float(number_float_t v, const string_t &) override { return value(Json(v)); }
    bool string(string_t &v) override
    {
        if (qint64(v.size()) > kMaxStringBytes)
            throw ImportError::atOffset(m_path, std::ftell(m_file),
                                        QStringLiteral("a JSON string longer than %1 MiB").arg(kMaxStringBytes >> 20));
        return value(Json(std::move(v)));
    }
    bool binary(binary_t &) override { return value(Json()); }

    bool start_object(std::size_t) override { return open(Json::object()); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override
    {
        if (m_stack.empty() && !m_sawTop) {
            m_sawTop = true;   // the top-level array itself is not built
            m_topDepth = 1;
            return true;
        }
        return open(Json::array());
    }
    bool end_array() override
    {
        if (m_stack.empty())
            return true;   // end of the top-level array
        return close();
    }
    bool key(string_t &k) override
    {
        m_key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex) override
    {
        throw saxError(m_path, position, ex);
    }

    bool sawTopArray() const { return m_sawTop; }

private:
    bool value(Json &&v)
    {
        if (!m_sawTop)
            throw ImportError::atOffset(m_path, 0, QStringLiteral("expected a JSON array of records"));
        if (m_stack.empty()) {
            deliver(std::move(v));
            return true;
        }
        insert(std::move(v));
        return true;
    }
    bool open(Json &&container)
    {
        if (!m_sawTop)
            throw ImportError::atOffset(m_path, 0, QStringLiteral("expected a JSON array of records"));
        if (int(m_stack.size()) + m_topDepth >= kMaxDepth)
            throw ImportError::atOffset(m_path, std::ftell(m_file),
                                        QStringLiteral("JSON nested deeper than %1 levels").arg(kMaxDepth));
        if (m_stack.empty()) {
            m_current = std::move(container);
            m_stack.push_back(&m_current);
        } else {
            m_stack.push_back(insert(std::move(container)));
        }
        return true;
    }
    bool close()
    {
        m_stack.pop_back();
        if (m_stack.empty())
            deliver(std::move(m_current));
        return true;
    }
    Json *insert(Json &&v)
    {
        Json *parent = m_stack.back();
        if (parent->is_object())
            return &((*parent)[m_key] = std::move(v));
        parent->push_back(std::move(v));
        return &parent->back();
    }
    void deliver(Json &&v)
    {
        m_ctx.tick(std::ftell(m_file), m_size);
        m_onElement(std::move(v), m_index++);
        m_current = Json();
    }

    QString m_path;
    std::FILE *m_file;
    qint64 m_size;
    const ImportContext &m_ctx;
    const std::function<void(Json &&, qint64)> &m_onElement;
    std::vector<Json *> m_stack;
    Json m_current;
    std::string m_key;
    qint64 m_index = 0;
    bool m_sawTop = false;
    int m_topDepth = 0;
};

} // namespace

std::FILE *openFileOrThrow(const QString &path)
{
    std::FILE *f = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!f)
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
    return f;
}

void forEachArrayElement(const QString &path, const ImportContext &ctx,
                         const std::function<void(Json &&, qint64)> &onElement)
{
    std::FILE *f = openFileOrThrow(path);
    FileCloser closer{f};
    const qint64 size = QFileInfo(path).size();
    ArrayStreamer streamer(path, f, size, ctx, onElement);
    Json::sax_parse(f, &streamer);
    if (!streamer.sawTopArray())
        throw ImportError::atOffset(path, 0, QStringLiteral("expected a JSON array of records"));
}

namespace {

class MemberSplitter : public nlohmann::json_sax<Json> {
public:
    enum class Mode { AllButMember, MemberElements };

    MemberSplitter(Mode mode, std::string_view member, const QString &path, std::FILE *file, const ImportContext &ctx,
                   const std::function<void(Json &&, qint64)> &onElement)
        : m_mode(mode), m_member(member), m_path(path), m_file(file), m_size(QFileInfo(path).size()), m_ctx(ctx),
          m_onElement(onElement)
    {
    }

    Json rest;                              // AllButMember: the object without the member
    Json::value_t memberType = Json::value_t::discarded;   // discarded: the object has no such member

    bool null() override { return value(Json()); }
    bool boolean(bool v) override { return value(Json(v)); }
    bool number_integer(number_integer_t v) override { return value(Json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(Json(v)); }
    bool number_float(number_float_t v, const string_t &) override { return value(Json(v)); }
    bool string(string_t &v) override
    {
        if (qint64(v.size()) > kMaxStringBytes)
            throw ImportError::atOffset(m_path, std::ftell(m_file),
                                        QStringLiteral("a JSON string longer than %1 MiB").arg(kMaxStringBytes >> 20));
        return value(Json(std::move(v)));
    }
    bool binary(binary_t &) override { return value(Json()); }
    bool start_object(std::size_t) override { return open(Json::value_t::object); }
    bool start_array(std::size_t) override { return open(Json::value_t::array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t &k) override
    {
        if (m_depth == 1)
            m_inMember = k == m_member;
        m_key = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex) override
    {
        throw saxError(m_path, position, ex);
    }

private:
    // Whether a value starting at the current depth is built (into `rest` or an element).
    bool building() const
    {
        if (m_mode == Mode::AllButMember)
            return !(m_depth >= 1 && m_memberDepth > 0) && !(m_depth == 1 && m_inMember);
        return m_memberDepth > 0 && m_depth >= 2;
    }

    bool value(Json &&v)
    {
        if (m_depth == 0)
            throw ImportError::atOffset(m_path, 0, QStringLiteral("expected a JSON object"));
        if (m_depth == 1 && m_inMember)
            memberType = v.type();
        if (m_mode == Mode::MemberElements && m_memberDepth > 0 && m_depth == 2) {
            deliver(std::move(v));
            return true;
        }
        if (building())
            insert(std::move(v));
        return true;
    }

    bool open(Json::value_t type)
    {
        if (m_depth == 0 && type != Json::value_t::object)
            throw ImportError::atOffset(m_path, 0, QStringLiteral("expected a JSON object"));
        if (m_depth + 1 > kMaxDepth)
            throw ImportError::atOffset(m_path, std::ftell(m_file),
                                        QStringLiteral("JSON nested deeper than %1 levels").arg(kMaxDepth));
        if (m_depth == 1 && m_inMember) {
            memberType = type;
            if (type == Json::value_t::array)
                m_memberDepth = 1;   // the member's array: never built itself, never on the stack
            else
                m_stack.push_back(nullptr);   // not an array: skipped (the caller refuses it)
            ++m_depth;
            return true;
        }
        if (m_depth == 0) {
            if (m_mode == Mode::AllButMember) {
                rest = Json(type);
                m_stack.push_back(&rest);
            }
        } else if (m_mode == Mode::MemberElements && m_memberDepth > 0 && m_depth == 2) {
            m_element = Json(type);
            m_stack.push_back(&m_element);
        } else if (building()) {
            m_stack.push_back(insert(Json(type)));
        } else {
            m_stack.push_back(nullptr);   // skipped: keeps the stack in step with the depth
        }
        ++m_depth;
        return true;
    }

    bool close()
    {
        --m_depth;
        if (m_depth == 1 && m_memberDepth > 0) {
            m_memberDepth = 0;   // the member's array ends
            return true;
        }
        if (!m_stack.empty())
            m_stack.pop_back();
        if (m_mode == Mode::MemberElements && m_memberDepth > 0 && m_depth == 2)
            deliver(std::move(m_element));
        return true;
    }

    Json *insert(Json &&v)
    {
        Json *parent = m_stack.back();
        if (!parent)
            return nullptr;
        if (parent->is_object())
            return &((*parent)[m_key] = std::move(v));
        parent->push_back(std::move(v));
        return &parent->back();
    }

    void deliver(Json &&v)
    {
        m_ctx.tick(std::ftell(m_file), m_size);
        m_onElement(std::move(v), m_index++);
        m_element = Json();
    }

    Mode m_mode;
    std::string_view m_member;
    QString m_path;
    std::FILE *m_file;
    qint64 m_size;
    const ImportContext &m_ctx;
    const std::function<void(Json &&, qint64)> &m_onElement;
    std::vector<Json *> m_stack;   // containers being built; nullptr for skipped ones
    std::string m_key;
    Json m_element;
    int m_depth = 0;
    int m_memberDepth = 0;         // 1 while inside the member's array
    bool m_inMember = false;       // the current top-level key is the member
    qint64 m_index = 0;
};

} // namespace

Json parseFileWithout(const QString &path, const ImportContext &ctx, std::string_view member, Json::value_t &memberType)
{
    std::FILE *f = openFileOrThrow(path);
    FileCloser closer{f};
    const std::function<void(Json &&, qint64)> none;
    MemberSplitter splitter(MemberSplitter::Mode::AllButMember, member, path, f, ctx, none);
    Json::sax_parse(f, &splitter);
    memberType = splitter.memberType;
    return std::move(splitter.rest);
}

Json::value_t forEachElementOf(const QString &path, const ImportContext &ctx, std::string_view member,
                               const std::function<void(Json &&element, qint64 index)> &onElement)
{
    std::FILE *f = openFileOrThrow(path);
    FileCloser closer{f};
    MemberSplitter splitter(MemberSplitter::Mode::MemberElements, member, path, f, ctx, onElement);
    Json::sax_parse(f, &splitter);
    return splitter.memberType;
}

} // namespace reverie::ingest::json
