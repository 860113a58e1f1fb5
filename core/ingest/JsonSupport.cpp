#include "core/ingest/JsonSupport.h"

#include "core/model/JsonNesting.h"

#include <QFile>

namespace reverie::ingest::json {

qint64 findExcessiveNesting(std::string_view text) { return findNestingBeyond(text, kMaxDepth); }

qint64 findHugeString(std::string_view text)
{
    if (qint64(text.size()) <= kMaxStringBytes)
        return -1;
    std::size_t start = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!inString) {
            if (c == '"') {
                inString = true;
                start = i;
            }
            continue;
        }
        if (c == '\\')
            ++i;
        else if (c == '"')
            inString = false;
        else if (qint64(i - start) > kMaxStringBytes)
            return qint64(start);
    }
    return -1;
}

namespace {

QString describeParseError(const Json::parse_error &e)
{
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line 1,
    // column 5: "; keep only what follows, the part a person can act on.
    QString msg = QString::fromUtf8(e.what());
    const int colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("parse error")));
    if (colon >= 0)
        msg = msg.mid(colon + 2);
    return QStringLiteral("invalid JSON: %1").arg(msg);
}

} // namespace

void checkLimits(std::string_view text, const QString &file, qint64 line, qint64 fileOffset)
{
    const qint64 deep = findExcessiveNesting(text);
    if (deep >= 0) {
        const QString what = QStringLiteral("JSON nested deeper than %1 levels").arg(kMaxDepth);
        if (line > 0)
            throw ImportError(file, line, -1, QStringLiteral("column %1: %2").arg(deep + 1).arg(what));
        throw ImportError::atOffset(file, fileOffset + deep, what);
    }
    const qint64 huge = findHugeString(text);
    if (huge >= 0) {
        const QString what = QStringLiteral("a JSON string longer than %1 MiB").arg(kMaxStringBytes >> 20);
        if (line > 0)
            throw ImportError(file, line, -1, QStringLiteral("column %1: %2").arg(huge + 1).arg(what));
        throw ImportError::atOffset(file, fileOffset + huge, what);
    }
}

void throwParseError(const Json::parse_error &e, const QString &file, qint64 line, qint64 fileOffset)
{
    if (line > 0)
        throw ImportError(file, line, -1, QStringLiteral("column %1: %2").arg(qint64(e.byte)).arg(describeParseError(e)));
    throw ImportError::atOffset(file, fileOffset + qint64(e.byte > 0 ? e.byte - 1 : 0), describeParseError(e));
}

void throwNumberTooLarge(std::string_view text, std::string_view number, const QString &file, qint64 line,
                         qint64 fileOffset)
{
    // nlohmann gives no position for it: find the number in the text.
    const std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
    const QString shown = QString::fromUtf8(number.data(), qsizetype(qMin<std::size_t>(number.size(), 40)));
    const QString reason = QStringLiteral("the number %1%2 is too large")
                               .arg(shown, number.size() > 40 ? QStringLiteral("…") : QString());
    if (line > 0) {
        throw ImportError::atLine(file, line, at == std::string_view::npos
                                                  ? reason
                                                  : QStringLiteral("column %1: %2").arg(qint64(at) + 1).arg(reason));
    }
    throw ImportError::atOffset(file, fileOffset + (at == std::string_view::npos ? 0 : qint64(at)), reason);
}

Json parse(std::string_view text, const QString &file, qint64 line, qint64 fileOffset)
{
    checkLimits(text, file, line, fileOffset);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error &e) {
        throwParseError(e, file, line, fileOffset);
    } catch (const Json::out_of_range &e) {
        // A number too large for a double: "... number overflow parsing '1e999'".
        const std::string_view what(e.what());
        const std::size_t open = what.find('\'');
        const std::size_t close = what.rfind('\'');
        throwNumberTooLarge(text, open != std::string_view::npos && close > open
                                      ? what.substr(open + 1, close - open - 1) : std::string_view(),
                            file, line, fileOffset);
    }
}


Json parseFile(const QString &path, const ImportContext &ctx)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    ctx.tick(0, file.size());
    // Formats that are one JSON document per file are read whole; refuse absurd sizes early.
    constexpr qint64 kMaxDocumentBytes = 512ll * 1024 * 1024;
    if (file.size() > kMaxDocumentBytes)
        throw ImportError::inFile(path, QStringLiteral("%1 MiB is too large for a single-document format (at most %2 MiB)")
                                            .arg(file.size() >> 20)
                                            .arg(kMaxDocumentBytes >> 20));
    const QByteArray bytes = file.readAll();
    ctx.tick(bytes.size(), bytes.size());
    return parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), path, 0, 0);
}

const Json *find(const Json &obj, const char *key)
{
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

QString str(const Json &obj, const char *key)
{
    const Json *v = find(obj, key);
    if (!v || v->is_null())
        return {};
    return toText(*v);
}

QString toText(const Json &value)
{
    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    if (value.is_null())
        return {};
    return QString::fromUtf8(dump(value));
}

qint64 integer(const Json &obj, const char *key, qint64 fallback)
{
    return integer(find(obj, key), fallback);
}

qint64 integer(const Json *v, qint64 fallback)
{
    if (!v)
        return fallback;
    if (v->is_number_integer() || v->is_number_unsigned())
        return v->get<qint64>();
    if (v->is_number_float())
        return qint64(v->get<double>());
    if (v->is_string()) {
        bool ok = false;
        const qint64 n = QString::fromStdString(v->get<std::string>()).toLongLong(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

QByteArray dump(const Json &value)
{
    const std::string s = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(s.data(), qsizetype(s.size()));
}

} // namespace reverie::ingest::json
