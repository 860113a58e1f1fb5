#include "core/ingest/JsonSupport.h"

#include <QDateTime>
#include <QFileInfo>
#include <QTimeZone>

#include <cerrno>
#include <cstring>
#include <vector>

namespace reverie::ingest::json {

qint64 findExcessiveNesting(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"': inString = true; break;
        case '[':
        case '{':
            if (++depth > kMaxDepth)
                return qint64(i);
            break;
        case ']':
        case '}': --depth; break;
        default: break;
        }
    }
    return -1;
}

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

Json parse(std::string_view text, const QString &file, qint64 line, qint64 fileOffset)
{
    checkLimits(text, file, line, fileOffset);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error &e) {
        throwParseError(e, file, line, fileOffset);
    }
}

namespace {

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
        QString msg = QString::fromUtf8(ex.what());
        const int colon = msg.indexOf(QLatin1String(": "), msg.indexOf(QLatin1String("error")));
        if (colon >= 0)
            msg = msg.mid(colon + 2);
        throw ImportError::atOffset(m_path, qint64(position > 0 ? position - 1 : 0),
                                    QStringLiteral("invalid JSON: %1").arg(msg));
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

namespace {

struct FileCloser {
    std::FILE *f;
    ~FileCloser()
    {
        if (f)
            std::fclose(f);
    }
};

} // namespace

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

qint64 parseTimestamp(const QString &text)
{
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const double n = text.toDouble(&ok);
    if (ok) {
        // Seconds until the year 5138; milliseconds after.
        return n < 1e11 ? qint64(n * 1000.0) : qint64(n);
    }
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        // Python's isoformat() with microseconds: trim to milliseconds.
        static const QLatin1Char dot('.');
        const int d = text.indexOf(dot);
        if (d > 0) {
            int end = d + 1;
            while (end < text.size() && text.at(end).isDigit())
                ++end;
            const QString trimmed = text.left(qMin(end, d + 4)) + text.mid(end);
            dt = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        }
    }
    if (!dt.isValid())
        return -1;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc());   // a time without zone is taken as UTC, not local
    return dt.toMSecsSinceEpoch();
}

namespace {

// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t count, int &out)
{
    if (pos + count > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

} // namespace

// The common shape, read straight from the bytes: YYYY-MM-DD(T| )hh:mm:ss[.fraction][Z|±hh:mm]
// (no zone means UTC). Most events of a large import carry exactly this, and going through
// QDateTime for each of them cost more than parsing the JSON around it.
std::optional<qint64> parseRfc3339(std::string_view s)
{
    int year, month, day, hour, minute, second;
    if (s.size() < 19 || !digits(s, 0, 4, year) || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-'
        || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, hour)
        || s[13] != ':' || !digits(s, 14, 2, minute) || s[16] != ':' || !digits(s, 17, 2, second))
        return std::nullopt;
    static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1] + (month == 2 && isLeap(year)) || hour > 23
        || minute > 59 || second > 59)
        return std::nullopt;
    std::size_t pos = 19;
    int millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        int scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            millis += (s[pos] - '0') * scale;   // digits past the third are dropped, not rounded
            scale /= 10;
            ++pos;
        }
        if (pos == first)
            return std::nullopt;
    }
    qint64 offsetMinutes = 0;
    if (pos < s.size()) {
        if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
            ++pos;
        } else if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
            int oh, om;
            if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
                return std::nullopt;
            offsetMinutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
            pos += 6;
        } else {
            return std::nullopt;
        }
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
    return secs * 1000 + millis;
}

qint64 parseTimestamp(const Json &value)
{
    if (value.is_number_integer() || value.is_number_unsigned()) {
        const double n = value.get<double>();
        return n < 1e11 ? qint64(n * 1000.0) : qint64(n);
    }
    if (value.is_number())
        return parseTimestamp(QString::number(value.get<double>(), 'f', 3));
    if (value.is_string()) {
        const std::string &text = value.get_ref<const std::string &>();
        if (const auto ms = parseRfc3339(text))
            return *ms;
        return parseTimestamp(toText(value));
    }
    return -1;
}

} // namespace reverie::ingest::json
