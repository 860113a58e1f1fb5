#pragma once

#include "core/model/Error.h"

#include <QByteArray>
#include <QString>

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

    // Same error, message passed through redactSecrets(secret).
    LlmError redacted(const QString &secret) const;

    static QString kindName(Kind kind);

private:
    Kind m_kind;
    int m_httpStatus;
    bool m_transient;
};

// Replaces `secret` (when non-trivial) and anything shaped like an API key ("sk-...",
// "Bearer ...") with "[redacted]". Used on every text that may echo a request or a server.
QString redactSecrets(const QString &text, const QString &secret = {});

// A short single-line excerpt of a response body for error messages: control characters
// flattened, at most `maxChars` characters, secrets redacted.
QString bodyExcerpt(const QByteArray &body, const QString &secret = {}, int maxChars = 240);

} // namespace reverie::llm
