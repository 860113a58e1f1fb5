#pragma once

// Internal to the synthetic generator: a seeded random source and a builder that appends
// native-format events (with their raw JSONL line) to one trajectory.

#include "core/model/Trajectory.h"

#include <QString>

namespace reverie::dream::synthetic {

// splitmix64: tiny, fast, and the same numbers on every platform.
class Rng {
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    int below(int n) { return int(next() % quint64(n)); }
    bool chance(double p) { return uniform() < p; }

private:
    quint64 m_state;
};

QString jsonString(const QString &s);

// Builds one run. `noiseAt` >= 0 makes that workflow call fail with a one-off error and ends
// the run's calls there (the run then fails whatever its scenario).
class RunMaker {
public:
    RunMaker(const QString &id, qint64 startMs, Rng &rng, int padSteps);

    void task(const QString &title, const QString &workflow, const QString &model);
    // A tool call and its observation; `input` is a compact JSON object with sorted keys.
    // No-op once the run stopped (noise). Returns false when it did nothing.
    bool call(const QString &tool, const QString &input, const QString &output, bool error = false);
    void message(const QString &text);
    void armNoise(int callIndex) { m_noiseAt = callIndex; }
    bool noiseHit() const { return m_noiseHit; }
    bool stopped() const { return m_noiseHit; }
    void finish(bool success, const QString &summary, const QString &notes, bool judged);
    Trajectory take() { return std::move(m_t); }

private:
    void push(Step step, const QString &fields);
    QString nextCallId() { return QStringLiteral("c%1").arg(++m_callIds); }

    Trajectory m_t;
    Rng &m_rng;
    qint64 m_ts;
    int m_padLeft;
    int m_calls = 0;
    int m_callIds = 0;
    int m_noiseAt = -1;
    bool m_noiseHit = false;
};

} // namespace reverie::dream::synthetic
