#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace reverie::bench {

// Writes a native Reverie JSONL file of about `events` events in runs of `stepsPerRun` steps,
// spread over a few workflows, with errors and verdicts like real runs. Deterministic.
// Returns the number of events written.
qint64 writeNativeJsonl(const QString &path, qint64 events, int stepsPerRun = 100);

// --events N and --dir DIR, as most benchmark programs take them.
struct SizeAndDir {
    qint64 events = 1000000;
    QString dir;   // empty: a temporary folder of the program's own
};
SizeAndDir sizeAndDir(const QStringList &args, qint64 defaultEvents = 1000000);

// Milliseconds taken by `fn`.
double timeMs(const std::function<void()> &fn);

// Peak resident set size of this process so far, in MiB (VmHWM).
double peakRssMiB();

// Prints a result line that `./dev bench` collects.
void report(const char *id, double value, const char *unit, double target, bool lowerIsBetter,
            const QString &description);

} // namespace reverie::bench
