#include "core/llm/LlmError.h"

#include <QRegularExpression>

namespace reverie::llm {

namespace {
constexpr int kMinSecretLength = 4;   // shorter "keys" would redact ordinary words
const QString kRedacted = QStringLiteral("[redacted]");
} // namespace

LlmError LlmError::redacted(const QString &secret) const
{
    return LlmError(m_kind, redactSecrets(message(), secret), m_httpStatus, m_transient);
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

QString redactSecrets(const QString &text, const QString &secret)
{
    QString out = text;
    if (secret.size() >= kMinSecretLength)
        out.replace(secret, kRedacted);
    // Servers echo keys back partially masked ("sk-ant-abc...xyz", "sk-proj-****1234"), and
    // some proxies echo the Authorization header: mask anything key-shaped as well.
    static const QRegularExpression keyShaped(
        QStringLiteral(R"((\bsk-[A-Za-z0-9_*.\-]{3,})|((?i:bearer)\s+[A-Za-z0-9_*.\-]{3,}))"));
    out.replace(keyShaped, kRedacted);
    return out;
}

QString bodyExcerpt(const QByteArray &body, const QString &secret, int maxChars)
{
    QString text = QString::fromUtf8(body.left(maxChars * 4));
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Separator_Line
            || c.category() == QChar::Separator_Paragraph)
            c = QLatin1Char(' ');
    }
    text = redactSecrets(text.simplified(), secret);
    if (text.isEmpty())
        return QStringLiteral("(empty body)");
    if (text.size() > maxChars || body.size() > maxChars * 4)
        text = text.left(maxChars) + QStringLiteral("…");
    return text;
}

} // namespace reverie::llm
