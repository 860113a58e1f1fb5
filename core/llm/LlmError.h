#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace reverie::llm {

// Every failure of an LLM call. The message says what happened and what to do about it, and
// never contains the API key: clients pass everything through redactSecrets() before throwing.
class LlmError : public reverie::Error {
public:
    enum class Kind {
        Network,      // could not connect, connection dropped, bad URL
        Timeout,      // no complete answer within the configured time
        Http,         // the server answered with an error status (4xx, or 5xx after retries)
        RateLimited,  // HTTP 429 still after the retries
        Protocol,     // the answer is not valid JSON, has an unexpected shape, or is too large
        Auth,         // no key configured, or the server rejected it (401/403)
        Cancelled,    // the caller's CancelToken fired
        Config,       // the client configuration cannot work (no model, unknown provider)
    };

    LlmError(Kind kind, const QString &message, int httpStatus = 0, bool transient = false)
        : reverie::Error(message), m_kind(kind), m_httpStatus(httpStatus), m_transient(transient)
    {
    }

    Kind kind() const { return m_kind; }
    // The HTTP status the server answered with, or 0 when there was no answer.
    int httpStatus() const { return m_httpStatus; }
    // True for failures a later attempt may not repeat (429, 5xx, dropped connections).
    bool isTransient() const { return m_transient; }

    // Same error, message passed through redactSecrets(secrets).
    LlmError redacted(const QStringList &secrets) const;
    LlmError redacted(const QString &secret) const { return redacted(QStringList{secret}); }

    static QString kindName(Kind kind);

private:
    Kind m_kind;
    int m_httpStatus;
    bool m_transient;
};

// How much of a text (characters) or body (bytes) the excerpt functions read. Whatever lies
// beyond is never shown, so redacting it would only cost time on a 16 MB answer.
inline constexpr qsizetype kExcerptScanLimit = 64 * 1024;

// Replaces every secret of at least 4 characters and anything shaped like a credential
// ("sk-...", "Bearer ...", "user:pass@" in a URL, "api_key=..." and the like) with
// "[redacted]". Used on every text that may echo a request or a server.
QString redactSecrets(const QString &text, const QStringList &secrets);
inline QString redactSecrets(const QString &text, const QString &secret = {})
{
    return redactSecrets(text, QStringList{secret});
}

// The first `maxChars` characters of `text` (plus "…" when cut) with every secret redacted.
// Redaction runs before the cut, and a secret's beginning left at the cut is masked as well
// (which may add a few characters), so no part of a secret straddling the cut survives.
// `textWasCut`: `text` is itself the beginning of something longer (a fixed-size buffer).
QString redactAndTruncate(const QString &text, const QStringList &secrets, int maxChars,
                          bool textWasCut = false);

// A short single-line excerpt of a response body for error messages: control characters
// flattened, secrets redacted, then at most `maxChars` characters.
QString bodyExcerpt(const QByteArray &body, const QStringList &secrets = {}, int maxChars = 240);

} // namespace reverie::llm
