// The LLM clients against a real HTTP server on 127.0.0.1: both protocols on the wire, the
// cache, keys, threads.

#include "LlmTestSupport.h"

#include "core/llm/ResponseCache.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace reverie::test::llm;
using reverie::test::FakeLlmServer;
using reverie::test::reply;
using Json = nlohmann::json;

class TestLlmClients : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { setTestKeys(); }

    void anthropicRoundTrip()
    {
        FakeLlmServer server;
        auto client = makeClient(configFor(Provider::Anthropic, server));
        const ChatResponse r = client->complete(helloRequest(), CancelToken());
        QCOMPARE(r.text, QStringLiteral("Hello from Claude"));
        QCOMPARE(r.model, QStringLiteral("claude-test-1"));
        QCOMPARE(r.inputTokens, 12);
        QCOMPARE(r.outputTokens, 5);
        QCOMPARE(r.stopReason, QStringLiteral("end_turn"));
        QVERIFY(!r.fromCache);

        QCOMPARE(server.hits(), 1);
        const auto req = server.requests().front();
        QCOMPARE(req.path, std::string("/v1/messages"));
        QCOMPARE(req.header("x-api-key"), kAnthropicKey.toStdString());
        QCOMPARE(req.header("anthropic-version"), std::string("2023-06-01"));
        QCOMPARE(req.header("content-type"), std::string("application/json"));
        QVERIFY(req.header("authorization").empty());
        const Json body = Json::parse(req.body);
        QCOMPARE(body.at("model").get<std::string>(), std::string("claude-test"));
        QCOMPARE(body.at("max_tokens").get<int>(), 77);
        QCOMPARE(body.at("system").get<std::string>(), std::string("You review agent runs."));
        QCOMPARE(body.at("temperature").get<double>(), 0.25);
        QCOMPARE(body.at("messages").size(), size_t(3));
        QCOMPARE(body.at("messages")[1].at("role").get<std::string>(), std::string("assistant"));
        QCOMPARE(QString::fromStdString(body.at("messages")[2].at("content").get<std::string>()),
                 QStringLiteral("Properly, ünïcode please"));
    }

    void openAiRoundTrip_data()
    {
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<bool>("jsonOutput");
        QTest::newRow("key, json") << true << true;
        QTest::newRow("no key (local server), text") << false << false;
    }

    void openAiRoundTrip()
    {
        QFETCH(bool, withKey);
        QFETCH(bool, jsonOutput);
        if (!withKey)
            qunsetenv(kOpenAiKeyEnv);
        FakeLlmServer server;
        // Ollama-style base URL with "/v1": must not become /v1/v1/...
        LlmConfig config = configFor(Provider::OpenAi, server);
        config.baseUrl += QStringLiteral("/v1/");
        auto client = makeClient(config);
        ChatRequest request = helloRequest();
        request.jsonOutput = jsonOutput;
        request.model = QStringLiteral("llama3.2");
        const ChatResponse r = client->complete(request, CancelToken());
        QCOMPARE(r.text, QStringLiteral("Hello from GPT"));
        QCOMPARE(r.model, QStringLiteral("gpt-test-1"));
        QCOMPARE(r.inputTokens, 20);
        QCOMPARE(r.outputTokens, 4);
        QCOMPARE(r.stopReason, QStringLiteral("stop"));

        const auto req = server.requests().front();
        QCOMPARE(req.path, std::string("/v1/chat/completions"));
        QCOMPARE(req.header("authorization"), withKey ? "Bearer " + kOpenAiKey.toStdString() : std::string());
        QVERIFY(req.header("x-api-key").empty());
        const Json body = Json::parse(req.body);
        QCOMPARE(body.at("model").get<std::string>(), std::string("llama3.2"));
        QCOMPARE(body.at("max_tokens").get<int>(), 77);
        QCOMPARE(body.at("temperature").get<double>(), 0.25);
        QCOMPARE(body.at("messages").size(), size_t(4));
        QCOMPARE(body.at("messages")[0].at("role").get<std::string>(), std::string("system"));
        QCOMPARE(body.at("messages")[0].at("content").get<std::string>(), std::string("You review agent runs."));
        QCOMPARE(body.contains("response_format"), jsonOutput);
        if (jsonOutput)
            QCOMPARE(body.at("response_format").at("type").get<std::string>(), std::string("json_object"));
    }

    void cacheHitMakesNoCall()
    {
        QTemporaryDir dir;
        FakeLlmServer server;
        LlmConfig config = configFor(Provider::Anthropic, server);
        config.useCache = true;
        config.cacheDir = dir.path() + QStringLiteral("/cache");
        auto client = makeClient(config);
        const ChatRequest request = helloRequest();
        QVERIFY(!client->complete(request, CancelToken()).fromCache);
        const ChatResponse again = client->complete(request, CancelToken());
        QVERIFY(again.fromCache);
        QCOMPARE(again.text, QStringLiteral("Hello from Claude"));
        QCOMPARE(again.inputTokens, 12);
        QCOMPARE(server.hits(), 1);

        ChatRequest other = request;
        other.maxTokens = 78;
        QVERIFY(!client->complete(other, CancelToken()).fromCache);
        QCOMPARE(server.hits(), 2);

        // A new client (a later session) finds the answer on disk.
        auto later = makeClient(config);
        QVERIFY(later->complete(request, CancelToken()).fromCache);
        QCOMPARE(server.hits(), 2);
        QCOMPARE(QDir(config.cacheDir).entryList(QDir::Files).size(), 2);
        for (const QString &name : QDir(config.cacheDir).entryList(QDir::Files)) {
            QFile file(config.cacheDir + QLatin1Char('/') + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY(content.contains("Hello from Claude"));
            QVERIFY(!content.contains(kAnthropicKey));
        }
    }

    void apiKeyNeverInErrors_data()
    {
        QTest::addColumn<int>("provider");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        for (Provider p : {Provider::Anthropic, Provider::OpenAi}) {
            const QByteArray name = providerName(p).toLatin1();
            QTest::newRow(name + " 401") << int(p) << 401 << int(LlmError::Kind::Auth);
            QTest::newRow(name + " 400") << int(p) << 400 << int(LlmError::Kind::Http);
            QTest::newRow(name + " 500") << int(p) << 500 << int(LlmError::Kind::Http);
            QTest::newRow(name + " 429") << int(p) << 429 << int(LlmError::Kind::RateLimited);
            QTest::newRow(name + " 200 malformed") << int(p) << 200 << int(LlmError::Kind::Protocol);
        }
    }

    void apiKeyNeverInErrors()
    {
        QFETCH(int, provider);
        QFETCH(int, status);
        QFETCH(int, kind);
        const QString key = keyFor(Provider(provider));
        FakeLlmServer server;
        // A hostile or careless server echoing the credential in every error body.
        const std::string echo = "{\"error\":{\"message\":\"Invalid key " + key.toStdString()
            + " (Bearer " + key.toStdString() + ")\"}, \"broken\": " + (status == 200 ? "" : "1}");
        for (int i = 0; i < 3; ++i)
            server.script(reply(status, echo, {{"retry-after", "0"}}));
        auto client = makeClient(configFor(Provider(provider), server));
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(int(e->kind()), kind);
        QVERIFY2(!e->message().contains(key), qPrintable(e->message()));
        QVERIFY2(!e->message().contains(key.left(12)), qPrintable(e->message()));
        QVERIFY(!QString::fromUtf8(e->what()).contains(key));
    }

    void missingAnthropicKeyNamesTheVariable()
    {
        qunsetenv(kAnthropicKeyEnv);
        FakeLlmServer server;
        auto client = makeClient(configFor(Provider::Anthropic, server));
        const auto e = failureOf([&] { client->complete(helloRequest(), CancelToken()); });
        QVERIFY(e);
        QCOMPARE(e->kind(), LlmError::Kind::Auth);
        QVERIFY(e->message().contains(QString::fromLatin1(kAnthropicKeyEnv)));
        QCOMPARE(server.hits(), 0);
    }

    void concurrentRequestsShareOneClient()
    {
        FakeLlmServer server;
        auto client = makeClient(configFor(Provider::OpenAi, server));
        std::atomic_int ok{0};
        std::vector<std::thread> workers;
        for (int i = 0; i < 4; ++i) {
            workers.emplace_back([&, i] {
                ChatRequest r = helloRequest();
                r.messages.back().content += QString::number(i);
                try {
                    if (client->complete(r, CancelToken()).text == QStringLiteral("Hello from GPT"))
                        ++ok;
                } catch (const LlmError &) {
                }
            });
        }
        for (auto &w : workers)
            w.join();
        QCOMPARE(ok.load(), 4);
        QCOMPARE(server.hits(), 4);
    }
};

QTEST_GUILESS_MAIN(TestLlmClients)
#include "tst_llm_clients.moc"
