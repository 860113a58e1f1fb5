#pragma once

// Retry timing: exponential backoff with jitter, the server's retry-after, and sleeps that
// notice cancellation. Pure functions so the timing rules have their own tests.

#include "core/llm/CancelToken.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace reverie::llm {

// Delay before retry number `attempt` (0 = the first retry): initialMs * 2^attempt, capped at
// maxMs, then "equal jitter" (half of it fixed, half random) so clients that failed together
// do not retry together.
qint64 backoffDelayMs(int attempt, int initialMs, int maxMs);

// A retry-after value: delta-seconds ("2", "1.5") or an HTTP date ("Sun, 06 Nov 1994 08:49:37
// GMT"). Returns the wait in ms from `now` (0 for a date already past), nullopt if unreadable.
std::optional<qint64> parseRetryAfter(const QByteArray &value,
                                      const QDateTime &now = QDateTime::currentDateTimeUtc());

// Sleeps `ms` in short slices; returns false as soon as `cancel` fires.
bool sleepUnlessCancelled(qint64 ms, const CancelToken &cancel);

} // namespace reverie::llm
