#include "core/llm/UrlRedaction.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace reverie::llm {

namespace {

// Where the parts of a URL lie in its text, split the way curl splits it: the authority runs
// from after "scheme://" (from the start when there is no scheme: curl guesses one) to the
// first '/', '?' or '#', and its user info ends at its last '@'.
struct UrlLayout {
    qsizetype authorityStart = 0;
    qsizetype hostStart = 0;        // authorityStart when there is no user info
    qsizetype authorityEnd = 0;
    qsizetype pathEnd = 0;          // where the query or fragment begins, or the end
    qsizetype queryStart = -1;      // just after '?', or -1
    qsizetype queryEnd = 0;
    qsizetype fragmentStart = -1;   // just after '#', or -1
};

UrlLayout layoutOf(const QString &url)
{
    static const QRegularExpression scheme(QStringLiteral(R"(^[A-Za-z][A-Za-z0-9+.\-]*://)"));
    UrlLayout l;
    const QRegularExpressionMatch m = scheme.match(url);
    l.authorityStart = m.hasMatch() ? m.capturedEnd() : 0;
    l.authorityEnd = url.size();
    for (qsizetype i = l.authorityStart; i < url.size(); ++i) {
        const QChar c = url.at(i);
        if (c == u'/' || c == u'?' || c == u'#') {
            l.authorityEnd = i;
            break;
        }
    }
    l.hostStart = l.authorityStart;
    for (qsizetype i = l.authorityEnd - 1; i >= l.authorityStart; --i) {
        if (url.at(i) == u'@') {
            l.hostStart = i + 1;
            break;
        }
    }
    const qsizetype hash = url.indexOf(u'#', l.authorityEnd);
    const qsizetype beforeFragment = hash < 0 ? url.size() : hash;
    const qsizetype question = url.indexOf(u'?', l.authorityEnd);
    if (question >= 0 && question < beforeFragment) {
        l.queryStart = question + 1;
        l.queryEnd = beforeFragment;
        l.pathEnd = question;
    } else {
        l.pathEnd = beforeFragment;
    }
    if (hash >= 0)
        l.fragmentStart = hash + 1;
    return l;
}

QString decodeComponent(QStringView text)
{
    QString plain = text.toString();
    plain.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(plain.toUtf8());
}

bool isCredentialName(QStringView encodedName)
{
    const QString name = decodeComponent(encodedName).trimmed().toLower();
    static const QStringList exact = {
        QStringLiteral("key"), QStringLiteral("api_key"), QStringLiteral("apikey"),
        QStringLiteral("api-key"), QStringLiteral("token"), QStringLiteral("access_token"),
        QStringLiteral("secret"), QStringLiteral("password"), QStringLiteral("sig"),
        QStringLiteral("signature"), QStringLiteral("auth"), QStringLiteral("authorization"),
    };
    static const QStringList parts = {
        QStringLiteral("key"), QStringLiteral("token"), QStringLiteral("secret"),
        QStringLiteral("pass"), QStringLiteral("signature"), QStringLiteral("credential"),
    };
    if (exact.contains(name))
        return true;
    return std::any_of(parts.cbegin(), parts.cend(), [&name](const QString &p) { return name.contains(p); });
}

// Calls `visit(name, value)` for every "name=value" item of a query or fragment, and returns
// the text with each value replaced by what `visit` returns.
template<typename Visit>
QString mapParams(QStringView params, Visit visit)
{
    QString out;
    out.reserve(params.size());
    qsizetype start = 0;
    while (start <= params.size()) {
        qsizetype end = start;
        while (end < params.size() && params.at(end) != u'&' && params.at(end) != u';')
            ++end;
        const QStringView item = params.mid(start, end - start);
        const qsizetype eq = item.indexOf(u'=');
        if (eq > 0) {
            out += item.left(eq + 1);
            out += visit(item.left(eq), item.mid(eq + 1));
        } else {
            out += item;
        }
        if (end < params.size())
            out += params.at(end);
        start = end + 1;
    }
    return out;
}

QString redactParams(QStringView params)
{
    return mapParams(params, [](QStringView name, QStringView value) {
        return isCredentialName(name) ? QStringLiteral("[redacted]") : value.toString();
    });
}

// For a URL QUrl refuses: keep only what is certainly not a credential.
QString schemeAndHost(const QString &url, const UrlLayout &l)
{
    const QString unparseable = QStringLiteral("[unparseable URL]");
    if (l.authorityStart == 0)
        return unparseable;
    QString host = url.mid(l.hostStart, l.authorityEnd - l.hostStart);
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        host = close < 0 ? QString() : host.left(close + 1);
    } else if (const qsizetype colon = host.indexOf(u':'); colon >= 0) {
        host.truncate(colon);
    }
    const bool plausible = !host.isEmpty() && std::all_of(host.cbegin(), host.cend(), [](QChar c) {
        return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_' || c == u'~' || c == u'%'
            || c == u'[' || c == u']' || c == u':';
    });
    if (!plausible)
        return unparseable;
    return url.left(l.authorityStart) + host;
}

} // namespace

QString redactedUrl(const QString &url)
{
    const QString s = url.trimmed();
    if (s.isEmpty())
        return s;
    const UrlLayout l = layoutOf(s);
    if (!QUrl(s).isValid())
        return schemeAndHost(s, l);
    QString out = s.left(l.authorityStart);
    out += QStringView(s).mid(l.hostStart, l.pathEnd - l.hostStart);
    if (l.queryStart >= 0) {
        out += QLatin1Char('?');
        out += redactParams(QStringView(s).mid(l.queryStart, l.queryEnd - l.queryStart));
    }
    if (l.fragmentStart >= 0) {
        out += QLatin1Char('#');
        out += redactParams(QStringView(s).mid(l.fragmentStart));
    }
    return out;
}

QStringList urlCredentials(const QString &url)
{
    const QString s = url.trimmed();
    const UrlLayout l = layoutOf(s);
    QStringList out;
    const auto add = [&out](QStringView raw) {
        if (raw.isEmpty())
            return;
        out << raw.toString();
        for (const QString &decoded : {QUrl::fromPercentEncoding(raw.toUtf8()), decodeComponent(raw)}) {
            if (!out.contains(decoded))
                out << decoded;
        }
    };
    if (l.hostStart > l.authorityStart) {
        const QStringView info = QStringView(s).mid(l.authorityStart, l.hostStart - 1 - l.authorityStart);
        const qsizetype colon = info.indexOf(u':');
        // "user:password@": the password is the secret; "token@": the whole user info is.
        add(colon < 0 ? info : info.mid(colon + 1));
    }
    const auto collect = [&add](QStringView name, QStringView value) {
        if (isCredentialName(name))
            add(value);
        return QString();
    };
    if (l.queryStart >= 0)
        mapParams(QStringView(s).mid(l.queryStart, l.queryEnd - l.queryStart), collect);
    if (l.fragmentStart >= 0)
        mapParams(QStringView(s).mid(l.fragmentStart), collect);
    return out;
}

} // namespace reverie::llm
