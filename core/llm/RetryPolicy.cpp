#include "core/llm/RetryPolicy.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace reverie::llm {

namespace {
constexpr qint64 kSleepSliceMs = 20;   // how quickly a sleeping retry notices cancellation
} // namespace

qint64 backoffDelayMs(int attempt, int initialMs, int maxMs)
{
    const qint64 cap = std::max(0, maxMs);
    const int shift = std::clamp(attempt, 0, 30);
    const qint64 full = std::min<qint64>(cap, qint64(std::max(0, initialMs)) << shift);
    const qint64 half = full / 2;
    const qint64 jitter = full - half > 0
        ? qint64(QRandomGenerator::global()->bounded(quint64(full - half + 1)))
        : 0;
    return half + jitter;
}

std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = v.toDouble(&ok);
    if (ok) {
        if (!std::isfinite(seconds) || seconds < 0)
            return std::nullopt;
        return qint64(std::llround(std::min(seconds, 1e9) * 1000.0));
    }
    const QString text = QString::fromLatin1(v);
    QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid()) {
        // IMF-fixdate spelled out, in case RFC 2822 parsing rejects the "GMT" zone name.
        when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
        if (when.isValid())
            when.setTimeZone(QTimeZone::utc());
    }
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, now.msecsTo(when));
}

bool sleepUnlessCancelled(qint64 ms, const CancelToken &cancel)
{
    QElapsedTimer timer;
    timer.start();
    while (true) {
        if (cancel.isCancelled())
            return false;
        const qint64 left = ms - timer.elapsed();
        if (left <= 0)
            return true;
        QThread::msleep(static_cast<unsigned long>(std::min(left, kSleepSliceMs)));
    }
}

} // namespace reverie::llm
