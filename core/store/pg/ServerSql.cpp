#include "core/store/pg/ServerSql.h"

#include <QRegularExpression>

#include <cctype>

namespace reverie::pg {

namespace {

// Replaces "INSERT OR <word>" at the start; returns whether ON CONFLICT DO NOTHING is due.
bool rewriteInsertOr(QByteArray &sql)
{
    static const QRegularExpression insertOr(QStringLiteral("^\\s*INSERT\\s+OR\\s+(FAIL|ABORT|IGNORE)\\s+"),
                                             QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromUtf8(sql);
    const QRegularExpressionMatch m = insertOr.match(text);
    if (!m.hasMatch())
        return false;
    const bool ignore = m.captured(1).compare(QLatin1String("IGNORE"), Qt::CaseInsensitive) == 0;
    sql = (QStringLiteral("INSERT ") + text.mid(m.capturedEnd())).toUtf8();
    return ignore;
}

} // namespace

QByteArray toServerSql(const char *sqliteSql)
{
    QByteArray in(sqliteSql);
    const bool doNothing = rewriteInsertOr(in);
    QByteArray out;
    out.reserve(in.size() + 16);
    int largest = 0;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '\'' || c == '"') {   // a literal or a quoted name, doubled quotes inside
            const qsizetype start = i;
            for (++i; i < in.size(); ++i) {
                if (in.at(i) == c) {
                    if (i + 1 < in.size() && in.at(i + 1) == c) {
                        ++i;
                        continue;
                    }
                    break;
                }
            }
            out += in.mid(start, i - start + 1);
            continue;
        }
        if (c == '$' && i + 1 < in.size() && in.at(i + 1) == '$') {   // a $$ body, as it is
            const qsizetype end = in.indexOf("$$", i + 2);
            const qsizetype stop = end < 0 ? in.size() : end + 2;
            out += in.mid(i, stop - i);
            i = stop - 1;
            continue;
        }
        if (c == '-' && i + 1 < in.size() && in.at(i + 1) == '-') {   // a comment to the line's end
            const qsizetype end = in.indexOf('\n', i);
            const qsizetype stop = end < 0 ? in.size() : end;
            out += in.mid(i, stop - i);
            i = stop - 1;
            continue;
        }
        // SQLite's INTEGER is 64 bits; PostgreSQL's is 32.
        if ((c == 'I' || c == 'i') && in.mid(i, 7).toUpper() == "INTEGER"
            && (i == 0 || !(std::isalnum(static_cast<unsigned char>(in.at(i - 1))) || in.at(i - 1) == '_'))
            && (i + 7 >= in.size() || !(std::isalnum(static_cast<unsigned char>(in.at(i + 7))) || in.at(i + 7) == '_'))) {
            out += "BIGINT";
            i += 6;
            continue;
        }
        // SQLite's temp schema is PostgreSQL's pg_temp.
        if ((c == 't' || c == 'T') && in.mid(i, 5).toLower() == "temp."
            && (i == 0 || !(std::isalnum(static_cast<unsigned char>(in.at(i - 1))) || in.at(i - 1) == '_'))) {
            out += "pg_temp.";
            i += 4;
            continue;
        }
        if (c != '?') {
            out += c;
            continue;
        }
        qsizetype j = i + 1;
        while (j < in.size() && std::isdigit(static_cast<unsigned char>(in.at(j))))
            ++j;
        int number = 0;
        if (j > i + 1) {
            number = in.mid(i + 1, j - i - 1).toInt();
            i = j - 1;
        } else {
            number = largest + 1;
        }
        largest = std::max(largest, number);
        out += '$' + QByteArray::number(number);
    }
    // NULLs sort first ascending and last descending in SQLite; keyset paging counts on it.
    static const QRegularExpression asc(QStringLiteral("\\bASC\\b(?!\\s+NULLS)"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression desc(QStringLiteral("\\bDESC\\b(?!\\s+NULLS)"), QRegularExpression::CaseInsensitiveOption);
    QString text = QString::fromUtf8(out);
    text.replace(asc, QStringLiteral("ASC NULLS FIRST")).replace(desc, QStringLiteral("DESC NULLS LAST"));
    // The failed-first key: a boolean in PostgreSQL, which does not compare with a number.
    text.replace(QLatin1String("(t.verdict = 2)"), QLatin1String("(CASE WHEN t.verdict = 2 THEN 1 ELSE 0 END)"));
    out = text.toUtf8();
    // "$N IS NULL" is where a NULL parameter's type cannot be inferred: any type will do there.
    static const QRegularExpression isNull(QStringLiteral("(\\$\\d+)(\\s+IS\\s+(NOT\\s+)?NULL)"),
                                           QRegularExpression::CaseInsensitiveOption);
    out = QString::fromUtf8(out).replace(isNull, QStringLiteral("\\1::text\\2")).toUtf8();
    if (doNothing) {
        while (!out.isEmpty() && (std::isspace(static_cast<unsigned char>(out.back())) || out.back() == ';'))
            out.chop(1);
        const qsizetype returning = out.toUpper().lastIndexOf(" RETURNING ");
        if (returning >= 0)
            out.insert(returning, " ON CONFLICT DO NOTHING");
        else
            out += " ON CONFLICT DO NOTHING";
    }
    return out;
}

} // namespace reverie::pg
