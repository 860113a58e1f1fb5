#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace reverie::llm {

// A cancellation flag shared by copies: one thread calls cancel(), the worker running the
// request polls isCancelled(). An optional predicate bridges other flags (e.g. a QPromise's
// isCanceled()) so a dream pass can hand its own cancellation straight through.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    explicit CancelToken(std::function<bool()> alsoCancelledWhen)
        : m_flag(std::make_shared<std::atomic_bool>(false)), m_predicate(std::move(alsoCancelledWhen))
    {
    }

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const
    {
        return m_flag->load(std::memory_order_relaxed) || (m_predicate && m_predicate());
    }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
    std::function<bool()> m_predicate;
};

} // namespace reverie::llm
