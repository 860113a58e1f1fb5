#pragma once

#include "core/llm/CancelToken.h"

#include <QByteArray>

#include <utility>
#include <vector>

namespace reverie::llm {

using HeaderList = std::vector<std::pair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray url;
    HeaderList headers;            // may carry credentials: never logged, never in errors
    QByteArray body;               // POSTed as is
    int connectTimeoutMs = 10'000;
    int timeoutMs = 180'000;
    qint64 maxResponseBytes = 16ll * 1024 * 1024;
};

struct HttpResponse {
    int status = 0;
    QByteArray body;
    HeaderList headers;            // names lower-cased, of the final response only

    QByteArray header(const QByteArray &lowerCaseName) const;
};

// One HTTP POST over libcurl. Each call uses its own easy handle, so one transport may serve
// any number of threads at once. Any HTTP status is a response; only failures to get one
// throw LlmError: Network (transient when a retry may help), Timeout, Cancelled (the token
// is polled every few tens of milliseconds, also while waiting for the first byte) and
// Protocol (answer larger than maxResponseBytes).
class HttpTransport {
public:
    static HttpResponse post(const HttpRequest &request, const CancelToken &cancel);
};

// The URL as it may appear in a message: no user info, no query.
QString displayUrl(const QByteArray &url);

} // namespace reverie::llm
