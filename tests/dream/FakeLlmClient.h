#pragma once

// An in-process LlmClient for dream tests: answers with canned text, records what it was
// asked, and can wait for cancellation. No network.

#include "core/llm/LlmClient.h"

#include <QElapsedTimer>
#include <QThread>

#include <functional>
#include <mutex>

namespace reverie::test {

class FakeLlmClient : public llm::LlmClient {
public:
    explicit FakeLlmClient(QString answer) : m_answer(std::move(answer)) { m_config.model = QStringLiteral("fake-model"); }

    // Builds the answer from the request (e.g. to cite step ids the digest showed).
    std::function<QString(const llm::ChatRequest &)> answerFor;
    // Blocks until the caller cancels (or 20 s pass), then throws a cancellation error.
    bool waitForCancel = false;
    // Throws this error instead of answering.
    std::optional<llm::LlmError> error;

    llm::ChatResponse complete(const llm::ChatRequest &request, const llm::CancelToken &cancel) override
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_requests.push_back(request);
        }
        if (waitForCancel) {
            QElapsedTimer t;
            t.start();
            while (!cancel.isCancelled() && t.elapsed() < 20'000)
                QThread::msleep(5);
            throw llm::LlmError(llm::LlmError::Kind::Cancelled, QStringLiteral("cancelled"));
        }
        if (error)
            throw *error;
        llm::ChatResponse r;
        r.text = answerFor ? answerFor(request) : m_answer;
        r.model = m_config.model;
        r.stopReason = QStringLiteral("end_turn");
        return r;
    }
    const llm::LlmConfig &config() const override { return m_config; }

    std::vector<llm::ChatRequest> requests() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_requests;
    }

private:
    QString m_answer;
    llm::LlmConfig m_config;
    mutable std::mutex m_mutex;
    std::vector<llm::ChatRequest> m_requests;
};

} // namespace reverie::test
