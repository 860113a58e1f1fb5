// Times as trajectory formats write them: RFC 3339 strings (read straight from the bytes when
// they have the common shape), other ISO 8601 variants through QDateTime, Unix seconds or
// milliseconds as numbers.

#include "core/ingest/JsonSupport.h"

#include <QDateTime>
#include <QTimeZone>

namespace reverie::ingest::json {

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
