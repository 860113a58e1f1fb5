#include "FakeLlmServer.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace reverie::test {

qint64 steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::string ReceivedRequest::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

struct FakeLlmServer::Impl {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::atomic_bool stopping{false};
    mutable std::mutex mutex;
    std::deque<ScriptedReply> script;
    std::vector<ReceivedRequest> received;

    void handle(const httplib::Request &req, httplib::Response &res)
    {
        ReceivedRequest r;
        r.path = req.path;
        for (const auto &[name, value] : req.headers) {
            std::string lower = name;
            for (char &c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            r.headers[lower] = value;
        }
        r.body = req.body;
        r.atMs = steadyNowMs();
        ScriptedReply reply;
        {
            std::lock_guard<std::mutex> lock(mutex);
            received.push_back(r);
            if (!script.empty()) {
                reply = script.front();
                script.pop_front();
            }
        }
        for (int waited = 0; waited < reply.delayMs && !stopping; waited += 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        std::string body = reply.body;
        if (body.empty() && reply.status == 200) {
            if (req.path == "/v1/messages")
                body = anthropicAnswer();
            else if (req.path == "/v1/chat/completions")
                body = openAiAnswer();
            else
                reply.status = 404;
        }
        res.status = reply.status;
        for (const auto &[name, value] : reply.headers)
            res.set_header(name.c_str(), value);
        res.set_content(body, "application/json");
    }
};

FakeLlmServer::FakeLlmServer() : d(std::make_unique<Impl>())
{
    auto handler = [this](const httplib::Request &req, httplib::Response &res) { d->handle(req, res); };
    d->server.Post(".*", handler);
    d->port = d->server.bind_to_any_port("127.0.0.1");
    if (d->port <= 0)
        throw std::runtime_error("FakeLlmServer: cannot bind 127.0.0.1");
    // The socket already listens, so requests made before the thread runs simply queue.
    d->thread = std::thread([this] { d->server.listen_after_bind(); });
    // httplib's stop() is a no-op until the accept loop runs: wait for it, or a server
    // destroyed right away would never stop.
    for (int i = 0; i < 500 && !d->server.is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

FakeLlmServer::~FakeLlmServer()
{
    d->stopping = true;
    d->server.stop();
    if (d->thread.joinable())
        d->thread.join();
}

QString FakeLlmServer::baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(d->port); }

void FakeLlmServer::script(ScriptedReply reply)
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->script.push_back(std::move(reply));
}

std::vector<ReceivedRequest> FakeLlmServer::requests() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->received;
}

int FakeLlmServer::hits() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return int(d->received.size());
}

std::string FakeLlmServer::anthropicAnswer()
{
    return R"({"id":"msg_01","type":"message","role":"assistant","model":"claude-test-1",)"
           R"("content":[{"type":"text","text":"Hello "},{"type":"tool_use","id":"t1","name":"x","input":{}},)"
           R"({"type":"text","text":"from Claude"}],"stop_reason":"end_turn","stop_sequence":null,)"
           R"("usage":{"input_tokens":12,"output_tokens":5}})";
}

std::string FakeLlmServer::openAiAnswer()
{
    return R"({"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test-1",)"
           R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hello from GPT"},)"
           R"("finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":4,"total_tokens":24}})";
}

} // namespace reverie::test
