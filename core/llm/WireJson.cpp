#include "core/llm/WireJson.h"

#include "core/llm/LlmError.h"

namespace reverie::llm::wire {

Json parse(const QByteArray &body)
{
    try {
        return Json::parse(body.constData(), body.constData() + body.size());
    } catch (const Json::parse_error &e) {
        throw LlmError(LlmError::Kind::Protocol,
                       QStringLiteral("the body is not valid JSON (error at byte %1)").arg(qulonglong(e.byte)));
    } catch (const Json::out_of_range &) {
        // nlohmann refuses a number beyond a double's range this way, not as a parse error.
        throw LlmError(LlmError::Kind::Protocol, QStringLiteral("the body holds a number too large to read"));
    }
}

const Json *find(const Json &obj, const char *key)
{
    if (!obj.is_object())
        return nullptr;
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

QString str(const Json &obj, const char *key)
{
    const Json *v = find(obj, key);
    return v && v->is_string() ? fromUtf8(v->get_ref<const std::string &>()) : QString();
}

int integer(const Json &obj, const char *key, int fallback)
{
    const Json *v = find(obj, key);
    if (!v || !v->is_number())
        return fallback;
    const double d = v->get<double>();
    return d >= 0 && d < 2e9 ? int(d) : fallback;
}

std::string utf8(const QString &s)
{
    const QByteArray b = s.toUtf8();
    return std::string(b.constData(), size_t(b.size()));
}

QString fromUtf8(const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QByteArray dump(const Json &value)
{
    const std::string s = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(s.data(), qsizetype(s.size()));
}

QString errorMessage(const QByteArray &body)
{
    const Json j = Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!j.is_object())
        return {};
    if (const Json *error = find(j, "error")) {
        if (error->is_string())
            return fromUtf8(error->get_ref<const std::string &>());
        const QString message = str(*error, "message");
        const QString type = str(*error, "type");
        if (!message.isEmpty())
            return type.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, type);
    }
    for (const char *key : {"message", "detail"}) {
        const QString message = str(j, key);
        if (!message.isEmpty())
            return message;
    }
    return {};
}

} // namespace reverie::llm::wire
