// The pieces of core/llm that need no server: retry timing, redaction, wire formats, cache.

#include "core/llm/AnthropicClient.h"
#include "core/llm/HttpLlmClient.h"
#include "core/llm/LlmConfig.h"
#include "core/llm/LlmError.h"
#include "core/llm/OpenAiClient.h"
#include "core/llm/ResponseCache.h"
#include "core/llm/RetryPolicy.h"
#include "core/llm/UrlRedaction.h"

#include "SecretLeaks.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <optional>

using namespace reverie::llm;
using reverie::test::llm::leakedPart;
using Json = nlohmann::json;

namespace {
// What cuts the text in cutNeverLeavesPartOfASecret.
enum class Excerpt { ErrorDetail, Body, CurlBuffer };

QString excerptOf(Excerpt kind, const QString &text, const QString &secret)
{
    switch (kind) {
    case Excerpt::ErrorDetail: return redactAndTruncate(text, {secret}, 400);
    case Excerpt::Body: return bodyExcerpt(text.toUtf8(), {secret});
    case Excerpt::CurlBuffer: return redactAndTruncate(text.left(255), {secret}, 256, text.size() > 255);
    }
    return {};
}
} // namespace

class TestLlmParts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");   // -1: unreadable
        QTest::newRow("seconds") << QByteArray("2") << qint64(2000);
        QTest::newRow("fraction") << QByteArray(" 1.5 ") << qint64(1500);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("date +30s") << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT") << qint64(30000);
        QTest::newRow("date past") << QByteArray("Wed, 21 Oct 2015 07:27:00 GMT") << qint64(0);
        QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(2015, 10, 21), QTime(7, 28, 0), QTimeZone::utc());
        const std::optional<qint64> got = parseRetryAfter(value, now);
        QCOMPARE(got.value_or(-1), expected);
    }

    void backoffGrowsWithJitterAndCap()
    {
        for (int i = 0; i < 50; ++i) {
            const qint64 first = backoffDelayMs(0, 100, 10'000);
            QVERIFY(first >= 50 && first <= 100);
            const qint64 third = backoffDelayMs(2, 100, 10'000);
            QVERIFY(third >= 200 && third <= 400);
            const qint64 capped = backoffDelayMs(20, 100, 1'000);
            QVERIFY(capped >= 500 && capped <= 1'000);
        }
        QCOMPARE(backoffDelayMs(3, 0, 1000), qint64(0));
    }

    void sleepStopsOnCancel()
    {
        CancelToken cancel;
        QVERIFY(sleepUnlessCancelled(30, cancel));
        cancel.cancel();
        QElapsedTimer t;
        t.start();
        QVERIFY(!sleepUnlessCancelled(5'000, cancel));
        QVERIFY(t.elapsed() < 100);
    }

    void redaction()
    {
        const QString secret = QStringLiteral("plainsecret4242");
        const QString out = redactSecrets(
            QStringLiteral("key plainsecret4242, other sk-proj-abc****wxyz, header Bearer abc.def-123 ok"), secret);
        QVERIFY(!out.contains(secret));
        QVERIFY(!out.contains(QStringLiteral("sk-proj")));
        QVERIFY(!out.contains(QStringLiteral("abc.def")));
        QVERIFY(out.endsWith(QStringLiteral(" ok")));
        // Too short a "secret" would mangle ordinary text.
        QCOMPARE(redactSecrets(QStringLiteral("a b c"), QStringLiteral("a")), QStringLiteral("a b c"));
    }

    void redactionOfEchoedUrls()
    {
        const QString out = redactSecrets(
            QStringLiteral("POST https://alice:hunter22@proxy.example/v1?api_key=AbC123&model=m "
                           "and ?Token=zz9&max_tokens=5 ok"));
        QVERIFY2(!out.contains(QStringLiteral("hunter22")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("alice")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("AbC123")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("zz9")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("https://[redacted]@proxy.example/v1?api_key=[redacted]&model=m")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("max_tokens=5 ok")), qPrintable(out));
    }

    // A secret may sit anywhere relative to a cut: before it, across it at every offset, after
    // it. Whatever the offset, no 4 characters of it may survive the excerpt.
    void cutNeverLeavesPartOfASecret_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("filler");
        QTest::addColumn<int>("cut");
        QTest::addColumn<int>("excerpt");
        const QStringList secrets = {QStringLiteral("sk-ant-tst-S3CRET-0123456789abcdef"),
                                     QStringLiteral("plainsecret4242xyz")};
        const int scan = int(kExcerptScanLimit);
        const int detail = int(Excerpt::ErrorDetail);
        const int body = int(Excerpt::Body);
        for (const QString &secret : secrets) {
            const QByteArray tag = secret.left(5).toUtf8();
            QTest::newRow(tag + ", detail at 400") << secret << QStringLiteral("~") << 400 << detail;
            QTest::newRow(tag + ", detail at scan limit") << secret << QStringLiteral("~") << scan << detail;
            QTest::newRow(tag + ", body at 240") << secret << QStringLiteral("~") << 240 << body;
            QTest::newRow(tag + ", spaced body at 960") << secret << QStringLiteral(" \n") << 960 << body;
            QTest::newRow(tag + ", spaced body at scan limit") << secret << QStringLiteral("\n") << scan << body;
            QTest::newRow(tag + ", utf-8 body at scan limit") << secret << QStringLiteral("é") << scan / 2 << body;
            QTest::newRow(tag + ", full curl buffer") << secret << QStringLiteral("~") << 255
                                                      << int(Excerpt::CurlBuffer);
        }
    }
    void cutNeverLeavesPartOfASecret()
    {
        QFETCH(QString, secret);
        QFETCH(QString, filler);
        QFETCH(int, cut);
        QFETCH(int, excerpt);
        for (int offset = cut - int(secret.size()) - 2; offset <= cut + 2; ++offset) {
            QString text = filler.repeated(offset / filler.size() + 1).left(offset);
            text += secret + QString(40, QLatin1Char('~'));
            const QString out = excerptOf(Excerpt(excerpt), text, secret);
            const QString leak = leakedPart(out, secret);
            QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("offset %1 leaks \"%2\" in: %3")
                                                    .arg(offset).arg(leak, out.right(80))));
        }
    }

    void redactedUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const char *url, const char *expected) {
            QTest::newRow(name) << QString::fromUtf8(url) << QString::fromUtf8(expected);
        };
        row("plain", "https://api.anthropic.com", "https://api.anthropic.com");
        row("port and path", "http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1");
        row("user and password", "https://alice:s3cr3t@proxy.example.com/v1", "https://proxy.example.com/v1");
        row("token as user", "https://ghp_abcdef123@host.example/x", "https://host.example/x");
        row("encoded @ in password", "https://u:p%40ss@host.example", "https://host.example");
        row("api_key", "https://h.example/v1?api_key=abc123&model=x", "https://h.example/v1?api_key=[redacted]&model=x");
        row("names ignore case", "https://h.example/?API_KEY=abc&Token=t&Sig=s",
            "https://h.example/?API_KEY=[redacted]&Token=[redacted]&Sig=[redacted]");
        row("key", "https://g.example/v1beta?key=AIzaXYZ", "https://g.example/v1beta?key=[redacted]");
        row("every listed name",
            "http://h/?apikey=1&api-key=2&access_token=3&secret=4&password=5&signature=6&auth=7&authorization=8",
            "http://h/?apikey=[redacted]&api-key=[redacted]&access_token=[redacted]&secret=[redacted]"
            "&password=[redacted]&signature=[redacted]&auth=[redacted]&authorization=[redacted]");
        row("names containing key, token, secret, pass",
            "http://h/?x-goog-api-key=1&refresh_token=2&client_secret=3&passphrase=4&model=m",
            "http://h/?x-goog-api-key=[redacted]&refresh_token=[redacted]&client_secret=[redacted]"
            "&passphrase=[redacted]&model=m");
        row("look-alikes kept", "http://h/?author=bob&signal=1&max_tokns=3",
            "http://h/?author=bob&signal=1&max_tokns=3");
        row("encoded name", "http://h/?api%5Fkey=x&b=1", "http://h/?api%5Fkey=[redacted]&b=1");
        row("semicolons", "http://h/p?a=1;token=2", "http://h/p?a=1;token=[redacted]");
        row("sas signature", "https://acct.blob.example/c?sv=2020&sig=abc%2Bdef&se=1",
            "https://acct.blob.example/c?sv=2020&sig=[redacted]&se=1");
        row("fragment", "https://h/cb#access_token=abc&state=s", "https://h/cb#access_token=[redacted]&state=s");
        row("no value", "http://h/?key&x=1", "http://h/?key&x=1");
        row("empty value", "http://h/?key=&x=1", "http://h/?key=[redacted]&x=1");
        row("ipv6", "http://[::1]:8080/v1?token=z", "http://[::1]:8080/v1?token=[redacted]");
        row("no scheme", "user:pw@localhost:8080/v1", "localhost:8080/v1");
        row("host and port only", "localhost:11434", "localhost:11434");
        row("trimmed", "  https://h.example/v1  ", "https://h.example/v1");
        row("empty", "", "");
        row("bad port", "http://user:pw@host.example:99999999/v1?key=1", "http://host.example");
        row("bad host", "http://us er:pw@exa mple.com/v1?key=1", "[unparseable URL]");
        row("no scheme, unparseable", "::::", "[unparseable URL]");
    }
    void redactedUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        QCOMPARE(reverie::llm::redactedUrl(url), expected);
    }

    void urlCredentialsAreFound()
    {
        const QStringList found = urlCredentials(
            QStringLiteral("https://alice:s%40cret@h.example/?api_key=a%2Bb+c&model=x#token=zz99"));
        for (const char *secret : {"s%40cret", "s@cret", "a%2Bb+c", "a+b c", "zz99"})
            QVERIFY2(found.contains(QString::fromUtf8(secret)), secret);
        QVERIFY(!found.contains(QStringLiteral("alice")));
        QVERIFY(!found.contains(QStringLiteral("x")));
        QCOMPARE(urlCredentials(QStringLiteral("https://tok3n@h.example/")), QStringList{QStringLiteral("tok3n")});
        QVERIFY(urlCredentials(QStringLiteral("https://api.anthropic.com")).isEmpty());
    }

    void excerptIsShortAndFlat()
    {
        const QByteArray body = "line one\nline\ttwo\r\n" + QByteArray(2000, 'z');
        const QString e = bodyExcerpt(body, {}, 40);
        QVERIFY(e.size() <= 41);
        QVERIFY(!e.contains(QLatin1Char('\n')));
        QVERIFY(e.startsWith(QStringLiteral("line one line two")));
        QCOMPARE(bodyExcerpt({}), QStringLiteral("(empty body)"));
    }

    void configDefaults()
    {
        LlmConfig c;
        QCOMPARE(c.effectiveApiKeyEnv(), QStringLiteral("ANTHROPIC_API_KEY"));
        c.provider = Provider::OpenAi;
        QCOMPARE(c.effectiveApiKeyEnv(), QStringLiteral("OPENAI_API_KEY"));
        c.baseUrl = QStringLiteral("http://127.0.0.1:11434/");
        QCOMPARE(c.effectiveBaseUrl(), QStringLiteral("http://127.0.0.1:11434"));
        // Requests need the credentials; what is stored or shown must not carry them.
        c.baseUrl = QStringLiteral("https://u:pw@proxy.example/v1/?api_key=k1");
        QCOMPARE(c.effectiveBaseUrl(), QStringLiteral("https://u:pw@proxy.example/v1/?api_key=k1"));
        QCOMPARE(c.redactedBaseUrl(), QStringLiteral("https://proxy.example/v1/?api_key=[redacted]"));
        QCOMPARE(providerFromName(QStringLiteral("Ollama")), std::optional<Provider>(Provider::OpenAi));
        QCOMPARE(providerFromName(QStringLiteral("anthropic")), std::optional<Provider>(Provider::Anthropic));
        QVERIFY(!providerFromName(QStringLiteral("gemini")));
        QCOMPARE(HttpLlmClient::joinUrl(QStringLiteral("http://h:1/v1"), "/v1/chat/completions"),
                 QByteArray("http://h:1/v1/chat/completions"));
        QCOMPARE(HttpLlmClient::joinUrl(QStringLiteral("http://h:1/proxy/"), "/v1/messages"),
                 QByteArray("http://h:1/proxy/v1/messages"));
    }

    void anthropicWireFormat()
    {
        ChatRequest r;
        r.messages = {{QStringLiteral("system"), QStringLiteral("extra rule")},
                      {QStringLiteral("user"), QStringLiteral("hi")}};
        r.system = QStringLiteral("base");
        r.temperature = -1;
        r.jsonOutput = true;
        const Json body = Json::parse(AnthropicClient::requestBody(r, QStringLiteral("m")).toStdString());
        QCOMPARE(body.at("system").get<std::string>(), std::string("base\n\nextra rule"));
        QCOMPARE(body.at("messages").size(), size_t(1));
        QVERIFY(!body.contains("temperature"));
        QVERIFY(!body.contains("response_format"));

        const ChatResponse empty = AnthropicClient::parseResponse(
            R"({"content":[],"stop_reason":"max_tokens","model":"c"})");
        QCOMPARE(empty.text, QString());
        QCOMPARE(empty.stopReason, QStringLiteral("max_tokens"));
        QCOMPARE(empty.inputTokens, 0);
    }

    void openAiWireFormat()
    {
        const ChatResponse parts = OpenAiClient::parseResponse(
            R"({"choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"length"}]})");
        QCOMPARE(parts.text, QStringLiteral("ab"));
        QCOMPARE(parts.stopReason, QStringLiteral("length"));
        const ChatResponse refusal = OpenAiClient::parseResponse(
            R"({"choices":[{"message":{"content":null,"refusal":"no"},"finish_reason":"stop"}]})");
        QCOMPARE(refusal.stopReason, QStringLiteral("refusal"));
        try {
            AnthropicClient::parseResponse(R"({"content":[],"usage":{"input_tokens":1e999}})");
            QFAIL("expected a Protocol error for a number beyond a double");
        } catch (const LlmError &e) {
            QCOMPARE(e.kind(), LlmError::Kind::Protocol);
        }
        try {
            OpenAiClient::parseResponse(R"({"error":{"message":"model not loaded"}})");
            QFAIL("expected a Protocol error");
        } catch (const LlmError &e) {
            QCOMPARE(e.kind(), LlmError::Kind::Protocol);
            QVERIFY(e.message().contains(QStringLiteral("model not loaded")));
        }
    }

    void cacheKeySeparatesEveryInput()
    {
        const QByteArray base = ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("u"),
                                                      QStringLiteral("m"), "body");
        QCOMPARE(base.size(), 64);
        QCOMPARE(ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("u"), QStringLiteral("m"), "body"), base);
        QVERIFY(ResponseCache::keyFor(QStringLiteral("b"), QStringLiteral("u"), QStringLiteral("m"), "body") != base);
        QVERIFY(ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("v"), QStringLiteral("m"), "body") != base);
        QVERIFY(ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("u"), QStringLiteral("n"), "body") != base);
        QVERIFY(ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("u"), QStringLiteral("m"), "bodz") != base);
        QVERIFY(ResponseCache::keyFor(QStringLiteral("a"), QStringLiteral("um"), QStringLiteral(""), "body") != base);
        QVERIFY(!ResponseCache::defaultDirectory().isEmpty());
    }

    void cacheOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/c");
        ChatResponse r;
        r.text = QStringLiteral("ünïcode answer");
        r.model = QStringLiteral("m1");
        r.inputTokens = 3;
        r.outputTokens = 4;
        r.stopReason = QStringLiteral("end_turn");
        const QByteArray key = ResponseCache::keyFor(QStringLiteral("p"), QStringLiteral("u"), QStringLiteral("m"), "b");
        {
            ResponseCache cache(path);
            QVERIFY(!cache.find(key));
            cache.store(key, r);
        }
        QCOMPARE(QDir(path).entryList(QDir::Files), QStringList{QString::fromLatin1(key) + QStringLiteral(".json")});
        const QFile::Permissions perms = QFile::permissions(path + QLatin1Char('/') + QString::fromLatin1(key)
                                                            + QStringLiteral(".json"));
        QVERIFY(perms & QFile::ReadOwner);
        QVERIFY(!(perms & (QFile::ReadGroup | QFile::ReadOther)));
        ResponseCache reopened(path);
        const auto hit = reopened.find(key);
        QVERIFY(hit);
        QCOMPARE(hit->text, r.text);
        QCOMPARE(hit->model, r.model);
        QCOMPARE(hit->outputTokens, 4);
        QCOMPARE(hit->stopReason, r.stopReason);

        // A damaged file is a miss, not an error.
        const QByteArray other = ResponseCache::keyFor(QStringLiteral("p"), QStringLiteral("u"), QStringLiteral("m"), "c");
        QFile damaged(path + QLatin1Char('/') + QString::fromLatin1(other) + QStringLiteral(".json"));
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"version\":1,\"te");
        damaged.close();
        QVERIFY(!reopened.find(other));

        reopened.clear();
        QVERIFY(!reopened.find(key));
        QVERIFY(QDir(path).entryList(QDir::Files).isEmpty());
    }

    void cacheMemoryIsBounded()
    {
        ResponseCache cache({}, 3);
        for (int i = 0; i < 10; ++i)
            cache.store(QByteArray::number(i), ChatResponse{});
        QCOMPARE(cache.memoryEntries(), 3);
        QVERIFY(cache.find("9"));
        QVERIFY(!cache.find("0"));
    }
};

QTEST_GUILESS_MAIN(TestLlmParts)
#include "tst_llm_parts.moc"
