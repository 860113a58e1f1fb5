// The LLM clients when things go wrong: retries, timeouts, cancellation, malformed answers.

#include "LlmTestSupport.h"
#include "SecretLeaks.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <thread>

using namespace reverie::test::llm;
using reverie::test::FakeLlmServer;
using reverie::test::reply;

class TestLlmFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { setTestKeys(); }

    void rateLimitedHonoursRetryAfter()
    {
        FakeLlmServer server;
        server.script(reply(429, R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})",
                            {{"retry-after", "1"}}));
        auto client = makeClient(configFor(Provider::Anthropic, server));
        QElapsedTimer timer;
        timer.start();
        const ChatResponse r = client->complete(helloRequest(), CancelToken());
        QCOMPARE(r.text, QStringLiteral("Hello from Claude"));
        QCOMPARE(server.hits(), 2);
        const auto reqs = server.requests();
        const qint64 gap = reqs[1].atMs - reqs[0].atMs;
        QVERIFY2(gap >= 950 && gap < 2000, qPrintable(QStringLiteral("gap %1 ms").arg(gap)));
        QVERIFY(timer.elapsed() >= 950);
    }

    void serverErrorThenSuccess()
    {
        FakeLlmServer server;
        server.script(reply(500, R"({"error":{"message":"boom","type":"server_error"}})"));
        server.script(reply(503, "upstream unavailable"));
        auto client = makeClient(configFor(Provider::OpenAi, server));
        const ChatResponse r = client->complete(helloRequest(), CancelToken());
        QCOMPARE(r.text, QStringLiteral("Hello from GPT"));
        QCOMPARE(server.hits(), 3);
    }

    void persistentServerErrorGivesUp()
    {
        FakeLlmServer server;
        for (int i = 0; i < 5; ++i)
            server.script(reply(529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
        LlmConfig config = configFor(Provider::Anthropic, server);
        config.maxRetries = 2;
        auto client = makeClient(config);
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Http);
        QCOMPARE(e->httpStatus(), 529);
        QCOMPARE(server.hits(), 3);
        QVERIFY2(e->message().contains(QStringLiteral("Overloaded")), qPrintable(e->message()));
        QVERIFY2(e->message().contains(QStringLiteral("3 attempts")), qPrintable(e->message()));
    }

    void clientErrorIsNotRetried()
    {
        FakeLlmServer server;
        server.script(reply(400, R"({"error":{"message":"max_tokens: must be positive","type":"invalid_request_error"}})"));
        auto client = makeClient(configFor(Provider::Anthropic, server));
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Http);
        QCOMPARE(server.hits(), 1);
        QVERIFY(e->message().contains(QStringLiteral("max_tokens: must be positive")));
    }

    // The key echoed in an error body, placed so that it straddles each cut an error message
    // goes through (the 400-character detail, the 240-character excerpt, the old 960-byte
    // read, the scan limit) at every offset: no 4 characters of it may reach the message.
    void echoedKeyStraddlingACutNeverLeaks_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("shape");   // "json": in the error message; else the filler
        QTest::addColumn<int>("cut");
        const int scan = int(kExcerptScanLimit);
        for (const Provider p : {Provider::Anthropic, Provider::OpenAi}) {
            const QByteArray name = providerName(p).toUtf8();
            QTest::newRow(name + ", json message at 400") << int(p) << QByteArray("json") << 400;
            QTest::newRow(name + ", json message at scan limit") << int(p) << QByteArray("json") << scan;
            QTest::newRow(name + ", text body at 240") << int(p) << QByteArray("~") << 240;
            QTest::newRow(name + ", text body at 960") << int(p) << QByteArray("~") << 960;
            QTest::newRow(name + ", blank body at 960") << int(p) << QByteArray(" \n") << 960;
            QTest::newRow(name + ", blank body at scan limit") << int(p) << QByteArray("\n") << scan;
        }
    }
    void echoedKeyStraddlingACutNeverLeaks()
    {
        QFETCH(int, provider);
        QFETCH(QByteArray, shape);
        QFETCH(int, cut);
        const QByteArray key = keyFor(Provider(provider)).toUtf8();
        const bool json = shape == "json";
        // The detail starts after `{"error":{"message":"`; offsets count from there.
        const QByteArray filler = json ? QByteArray("~") : shape;
        FakeLlmServer server;
        auto client = makeClient(configFor(Provider(provider), server));
        for (int offset = cut - int(key.size()) - 2; offset <= cut + 2; ++offset) {
            const QByteArray text = filler.repeated(offset / filler.size() + 1).left(offset) + key
                + QByteArray(40, '~');
            const QByteArray body = json ? "{\"error\":{\"message\":\"" + text + "\"}}" : text;
            server.script(reply(400, body.toStdString()));
            const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
            QVERIFY(e);
            QCOMPARE(e->httpStatus(), 400);
            // The port in the URL could spell a few digits of a key by chance.
            const QString message = QString(e->message()).remove(server.baseUrl());
            const QString leak = leakedPart(message, QString::fromUtf8(key));
            QVERIFY2(leak.isEmpty(), qPrintable(QStringLiteral("offset %1 leaks \"%2\": %3")
                                                    .arg(offset).arg(leak, message.right(120))));
        }
    }

    void malformedAnswers_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("anthropic, not JSON") << int(Provider::Anthropic) << QByteArray("{\"content\": [oops");
        QTest::newRow("anthropic, no content") << int(Provider::Anthropic) << QByteArray(R"({"id":"x","usage":{}})");
        QTest::newRow("anthropic, array") << int(Provider::Anthropic) << QByteArray("[1,2]");
        QTest::newRow("openai, html") << int(Provider::OpenAi) << QByteArray("<html><body>Bad gateway</body></html>");
        QTest::newRow("openai, empty choices") << int(Provider::OpenAi) << QByteArray(R"({"choices":[]})");
        QTest::newRow("openai, content number") << int(Provider::OpenAi)
                                                << QByteArray(R"({"choices":[{"message":{"content":42}}]})");
    }

    void malformedAnswers()
    {
        QFETCH(int, provider);
        QFETCH(QByteArray, body);
        FakeLlmServer server;
        server.script(reply(200, body.toStdString()));
        auto client = makeClient(configFor(Provider(provider), server));
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Protocol);
        QCOMPARE(server.hits(), 1);
        QVERIFY2(e->message().contains(server.baseUrl()), qPrintable(e->message()));
    }

    void oversizedAnswerIsRefused()
    {
        FakeLlmServer server;
        server.script(reply(200, "{\"pad\":\"" + std::string(64 * 1024, 'x') + "\"}"));
        LlmConfig config = configFor(Provider::OpenAi, server);
        config.maxResponseBytes = 4096;
        auto client = makeClient(config);
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Protocol);
    }

    void slowAnswerTimesOut()
    {
        FakeLlmServer server;
        server.script(reply(200, {}, {}, 5000));
        LlmConfig config = configFor(Provider::Anthropic, server);
        config.requestTimeoutMs = 300;
        auto client = makeClient(config);
        QElapsedTimer timer;
        timer.start();
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Timeout);
        QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(server.hits(), 1);   // a request that ran out of time is not sent again
    }

    void cancelMidRequest()
    {
        FakeLlmServer server;
        server.script(reply(200, {}, {}, 5000));
        auto client = makeClient(configFor(Provider::OpenAi, server));
        CancelToken cancel;
        std::thread canceller([cancel] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            cancel.cancel();
        });
        QElapsedTimer timer;
        timer.start();
        const auto e = failureOf([&] { client->complete(helloRequest(), cancel); });
        canceller.join();
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Cancelled);
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    }

    void cancelDuringBackoff()
    {
        FakeLlmServer server;
        server.script(reply(429, "{}", {{"retry-after", "5"}}));
        auto client = makeClient(configFor(Provider::Anthropic, server));
        std::atomic_bool external{false};
        CancelToken cancel([&external] { return external.load(); });   // bridged flag
        std::thread canceller([&external] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            external = true;
        });
        QElapsedTimer timer;
        timer.start();
        const auto e = failureOf([&] { client->complete(helloRequest(), cancel); });
        canceller.join();
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Cancelled);
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(server.hits(), 1);
    }

    void unreachableServerIsNetworkError()
    {
        int closedPort = 0;
        {
            FakeLlmServer probe;   // a port that was free a moment ago and is closed now
            closedPort = QUrl(probe.baseUrl()).port();
        }
        LlmConfig config;
        config.provider = Provider::OpenAi;
        config.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(closedPort);
        config.model = QStringLiteral("m");
        config.maxRetries = 1;
        config.initialBackoffMs = 20;
        config.useCache = false;
        auto client = makeClient(config);
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Network);
        QVERIFY2(e->message().contains(QStringLiteral("2 attempts")), qPrintable(e->message()));
    }
};

QTEST_GUILESS_MAIN(TestLlmFailures)
#include "tst_llm_failures.moc"
