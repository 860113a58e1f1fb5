// The pieces of core/llm that need no server: retry timing, redaction, wire formats, cache.

#include "core/llm/AnthropicClient.h"
#include "core/llm/HttpLlmClient.h"
#include "core/llm/LlmConfig.h"
#include "core/llm/LlmError.h"
#include "core/llm/OpenAiClient.h"
#include "core/llm/ResponseCache.h"
#include "core/llm/RetryPolicy.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <optional>

using namespace reverie::llm;
using Json = nlohmann::json;

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
