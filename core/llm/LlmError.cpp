#include "core/llm/LlmError.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace reverie::llm {

namespace {
constexpr qsizetype kMinSecretLength = 4;   // shorter "keys" would redact ordinary words
const QString kRedacted = QStringLiteral("[redacted]");
const QString kEllipsis = QStringLiteral("…");

// A cut through a secret leaves its beginning at the end of the text, where no whole-secret
// match finds it: mask such a tail when it is long enough to mean anything.
QString maskCutSecret(QString text, const QStringList &secrets)
{
    while (!text.isEmpty() && text.back() == QChar::ReplacementCharacter)
        text.chop(1);   // a multi-byte character split by a byte cut
    for (const QString &secret : secrets) {
        for (qsizetype n = std::min(secret.size() - 1, text.size()); n >= kMinSecretLength; --n) {
            if (text.endsWith(QStringView(secret).left(n))) {
                text.chop(n);
                text += kRedacted;
                break;
            }
        }
    }
    return text;
}

// `text` is already a prefix of something longer when `cut` is true.
QString redactThenCut(const QString &text, const QStringList &secrets, int maxChars, bool cut)
{
    QString out = redactSecrets(cut ? maskCutSecret(text, secrets) : text, secrets);
    const qsizetype limit = std::max(0, maxChars);
    if (out.size() > limit) {
        out = maskCutSecret(out.left(limit), secrets);
        cut = true;
    }
    return cut ? out + kEllipsis : out;
}

} // namespace

LlmError LlmError::redacted(const QStringList &secrets) const
{
    return LlmError(m_kind, redactSecrets(message(), secrets), m_httpStatus, m_transient);
}

QString LlmError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network: return QStringLiteral("network");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Http: return QStringLiteral("http");
    case Kind::RateLimited: return QStringLiteral("rate-limited");
    case Kind::Protocol: return QStringLiteral("protocol");
    case Kind::Auth: return QStringLiteral("auth");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    case Kind::Config: return QStringLiteral("config");
    }
    return QStringLiteral("unknown");
}

QString redactSecrets(const QString &text, const QStringList &secrets)
{
    QString out = text;
    // Longest first, so a secret containing another is not left half masked.
    QStringList ordered = secrets;
    std::sort(ordered.begin(), ordered.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(ordered)) {
        if (secret.size() >= kMinSecretLength)
            out.replace(secret, kRedacted);
    }
    // Servers echo keys back partially masked ("sk-ant-abc...xyz", "sk-proj-****1234"), and
    // some proxies echo the Authorization header: mask anything key-shaped as well.
    static const QRegularExpression keyShaped(
        QStringLiteral(R"((\bsk-[A-Za-z0-9_*.\-]{3,})|((?i:bearer)\s+[A-Za-z0-9_*.\-]{3,}))"));
    out.replace(keyShaped, kRedacted);
    // An echoed URL may carry "user:password@" or a key in its query. The scheme is bounded
    // so a long run of letters cannot make the scan quadratic.
    static const QRegularExpression userInfo(
        QStringLiteral(R"(\b([A-Za-z][A-Za-z0-9+.\-]{0,15}://)[^\s/?#@"'<>]{1,512}@)"));
    out.replace(userInfo, QStringLiteral("\\1") + kRedacted + QLatin1Char('@'));
    static const QRegularExpression credentialParam(
        QStringLiteral(R"(([?&;]|\b)((?i:(?:x-)?api[_\-]?key|key|(?:access|auth|refresh|id)?[_\-]?token|)"
                       R"(client[_\-]?secret|secret|password|passwd|sig|signature)=)[^&;\s"'<>]+)"));
    out.replace(credentialParam, QStringLiteral("\\1\\2") + kRedacted);
    return out;
}

QString redactAndTruncate(const QString &text, const QStringList &secrets, int maxChars, bool textWasCut)
{
    if (text.size() > kExcerptScanLimit)
        return redactThenCut(text.left(kExcerptScanLimit), secrets, maxChars, true);
    return redactThenCut(text, secrets, maxChars, textWasCut);
}

QString bodyExcerpt(const QByteArray &body, const QStringList &secrets, int maxChars)
{
    const bool cut = body.size() > kExcerptScanLimit;
    QString text = QString::fromUtf8(body.left(kExcerptScanLimit));
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    }
    text = text.simplified();
    if (text.isEmpty() && !cut)
        return QStringLiteral("(empty body)");
    return redactThenCut(text, secrets, maxChars, cut);
}

} // namespace reverie::llm
