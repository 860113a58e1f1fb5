#pragma once

// A real HTTP server on 127.0.0.1 (random free port, own thread) that speaks both the
// Anthropic Messages and the OpenAI chat-completions protocol, with scripted misbehaviour.

#include <QString>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace reverie::test {

struct ScriptedReply {
    int status = 200;
    std::string body;                                    // empty: the normal answer for the path
    std::vector<std::pair<std::string, std::string>> headers;
    int delayMs = 0;                                     // wait before answering
};

inline ScriptedReply reply(int status, std::string body = {},
                           std::vector<std::pair<std::string, std::string>> headers = {}, int delayMs = 0)
{
    return ScriptedReply{status, std::move(body), std::move(headers), delayMs};
}

struct ReceivedRequest {
    std::string path;
    std::map<std::string, std::string> headers;          // names lower-cased
    std::string body;
    qint64 atMs = 0;                                     // steady clock, ms

    std::string header(const std::string &lowerName) const;
};

class FakeLlmServer {
public:
    FakeLlmServer();
    ~FakeLlmServer();
    FakeLlmServer(const FakeLlmServer &) = delete;
    FakeLlmServer &operator=(const FakeLlmServer &) = delete;

    QString baseUrl() const;
    // Replies are consumed in order, one per request, whatever the path; once the script is
    // used up every request gets the normal answer for its path.
    void script(ScriptedReply reply);
    std::vector<ReceivedRequest> requests() const;
    int hits() const;

    static std::string anthropicAnswer();    // text "Hello from Claude", 12 in / 5 out, end_turn
    static std::string openAiAnswer();       // text "Hello from GPT", 20 in / 4 out, stop

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

qint64 steadyNowMs();

} // namespace reverie::test
