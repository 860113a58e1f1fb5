// Reading a JSON object whose one big array member (Inspect's "samples") must not be held
// in memory whole: one pass builds everything except that member, another delivers the
// member's elements one at a time. Two parses cost more CPU than one, but memory stays
// bounded by the largest element wherever the member sits among the others.

#include "core/ingest/JsonSupport.h"

#include <QFileInfo>

#include <cstdio>

namespace reverie::ingest::json {

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
        QString msg = QString::fromUtf8(ex.what());
        const int colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("error")));
        if (colon >= 0)
            msg = msg.mid(colon + 2);
        throw ImportError::atOffset(m_path, qint64(position > 0 ? position - 1 : 0),
                                    QStringLiteral("invalid JSON: %1").arg(msg));
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

struct FileCloser {
    std::FILE *f;
    ~FileCloser() { std::fclose(f); }
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
