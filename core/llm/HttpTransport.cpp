#include "core/llm/HttpTransport.h"

#include "core/llm/LlmError.h"
#include "core/llm/UrlRedaction.h"

#include <curl/curl.h>

#include <QLocale>
#include <QUrl>

#include <memory>
#include <mutex>
#include <optional>

namespace reverie::llm {

namespace {

constexpr int kPollSliceMs = 50;   // longest time a cancelled request keeps waiting

void ensureCurlInitialised()
{
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK)
        throw LlmError(LlmError::Kind::Network,
                       QStringLiteral("libcurl could not initialise: %1")
                           .arg(QString::fromUtf8(curl_easy_strerror(result))));
}

struct EasyDeleter {
    void operator()(CURL *h) const { curl_easy_cleanup(h); }
};
struct MultiDeleter {
    void operator()(CURLM *h) const { curl_multi_cleanup(h); }
};
struct SlistDeleter {
    void operator()(curl_slist *l) const { curl_slist_free_all(l); }
};

// State the curl callbacks write into.
struct Transfer {
    const CancelToken *cancel = nullptr;
    qint64 maxBytes = 0;
    bool tooLarge = false;
    HttpResponse response;
};

size_t onBody(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    if (t->response.body.size() + qint64(n) > t->maxBytes) {
        t->tooLarge = true;
        return 0;   // makes curl fail with CURLE_WRITE_ERROR
    }
    t->response.body.append(data, qsizetype(n));
    return n;
}

size_t onHeader(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, qsizetype(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->response.headers.clear();   // a new response (after 100 Continue or a redirect)
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0) {
        t->response.headers.emplace_back(line.left(colon).trimmed().toLower(),
                                         line.mid(colon + 1).trimmed());
    }
    return n;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    return t->cancel->isCancelled() ? 1 : 0;   // non-zero aborts the transfer
}

void setOpt(CURL *h, CURLoption option, long value) { curl_easy_setopt(h, option, value); }

// What a message about this request must never show: credential header values (and the
// last word of each, for "Bearer <key>") and credentials written into the URL.
QStringList secretsOf(const HttpRequest &request)
{
    QStringList out = urlCredentials(QString::fromUtf8(request.url));
    for (const auto &[name, value] : request.headers) {
        const QByteArray n = name.toLower();
        if (!(n.contains("auth") || n.contains("key") || n.contains("token") || n.contains("secret")))
            continue;
        const QString v = QString::fromUtf8(value).trimmed();
        out << v << v.section(QLatin1Char(' '), -1);
    }
    return out;
}

LlmError transferError(CURLcode code, CURL *easy, const char *errorBuffer,
                       const HttpRequest &request, const Transfer &t)
{
    const QString where = displayUrl(request.url);
    const QByteArray raw(errorBuffer[0] ? errorBuffer : curl_easy_strerror(code));
    // A full buffer means curl cut its message, perhaps through a secret.
    const QString detail = redactAndTruncate(QString::fromUtf8(raw), secretsOf(request), CURL_ERROR_SIZE,
                                             raw.size() >= CURL_ERROR_SIZE - 1);
    using K = LlmError::Kind;
    switch (code) {
    case CURLE_ABORTED_BY_CALLBACK:
        return LlmError(K::Cancelled, QStringLiteral("The request to %1 was cancelled.").arg(where));
    case CURLE_WRITE_ERROR:
        if (t.tooLarge)
            return LlmError(K::Protocol,
                            QStringLiteral("The answer from %1 exceeds %2 and was refused; check "
                                           "that the base URL points at an LLM API.")
                                .arg(where, QLocale::c().formattedDataSize(request.maxResponseBytes, 1)));
        break;
    case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connectUs = 0;
        curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &connectUs);
        if (connectUs == 0)   // never connected: a network hiccup a retry may cure
            return LlmError(K::Timeout,
                            QStringLiteral("Could not connect to %1 within %2 ms (%3). Check that "
                                           "the server is running and reachable.")
                                .arg(where).arg(request.connectTimeoutMs).arg(detail),
                            0, true);
        return LlmError(K::Timeout,
                        QStringLiteral("No complete answer from %1 within %2 ms (%3). Raise the "
                                       "request timeout or ask for fewer tokens.")
                            .arg(where).arg(request.timeoutMs).arg(detail));
    }
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return LlmError(K::Network,
                        QStringLiteral("Could not reach %1: %2. Check the base URL, the network "
                                       "and that the server is running.")
                            .arg(where, detail),
                        0, true);
    default:
        break;
    }
    return LlmError(K::Network, QStringLiteral("The request to %1 failed: %2.").arg(where, detail));
}

} // namespace

QByteArray HttpResponse::header(const QByteArray &lowerCaseName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

QString displayUrl(const QByteArray &url)
{
    const QUrl u = QUrl::fromEncoded(url);
    if (!u.isValid())
        return QStringLiteral("(invalid URL)");
    return u.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

HttpResponse HttpTransport::post(const HttpRequest &request, const CancelToken &cancel)
{
    ensureCurlInitialised();
    if (cancel.isCancelled())
        throw LlmError(LlmError::Kind::Cancelled,
                       QStringLiteral("The request to %1 was cancelled.").arg(displayUrl(request.url)));

    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
    if (!easy || !multi)
        throw LlmError(LlmError::Kind::Network, QStringLiteral("libcurl could not create a handle."));

    curl_slist *raw = nullptr;
    for (const auto &[name, value] : request.headers)
        raw = curl_slist_append(raw, QByteArray(name + ": " + value).constData());
    raw = curl_slist_append(raw, "Expect:");   // no 100-continue round trip for large bodies
    std::unique_ptr<curl_slist, SlistDeleter> headers(raw);

    Transfer t;
    t.cancel = &cancel;
    t.maxBytes = request.maxResponseBytes;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    CURL *h = easy.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.constData());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, long(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    setOpt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.constData());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Reverie/0.1 (libcurl)");
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");   // whatever this libcurl can decode
    setOpt(h, CURLOPT_NOSIGNAL, 1L);                       // required on worker threads
    setOpt(h, CURLOPT_FOLLOWLOCATION, 0L);                 // a redirected POST is a config error
    setOpt(h, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    setOpt(h, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
    setOpt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &onProgress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &t);

    // The multi interface lets us wake up every kPollSliceMs: libcurl only calls the progress
    // callback about once a second while it waits for a slow server.
    curl_multi_add_handle(multi.get(), h);
    CURLcode result = CURLE_OK;
    bool cancelled = false;
    int running = 1;
    while (running) {
        if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
            result = CURLE_RECV_ERROR;
            break;
        }
        if (!running)
            break;
        if (cancel.isCancelled()) {
            cancelled = true;
            break;
        }
        curl_multi_poll(multi.get(), nullptr, 0, kPollSliceMs, nullptr);
    }
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi.get(), &queued)) {
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == h)
            result = msg->data.result;
    }
    if (cancelled)
        result = CURLE_ABORTED_BY_CALLBACK;
    std::optional<LlmError> failure;
    if (result != CURLE_OK)
        failure = transferError(result, h, errorBuffer, request, t);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_multi_remove_handle(multi.get(), h);
    if (failure)
        throw *failure;
    t.response.status = int(status);
    return std::move(t.response);
}

} // namespace reverie::llm
