#pragma once

#include "core/model/Playbook.h"
#include "core/model/Trajectory.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::dream {

// A lesson the generator planted, and whether a proposal states it.
struct PlantedLesson {
    QString kind;                // "precedence", "argument", "loop", "recovery", "constraint"
    QString workflow;
    QStringList tools;           // precedence: {before, action}; recovery: {tool, next}; else {tool}
    QString arg;                 // argument: "key=value"
    QString note;                // constraint: the reviewers' note
    std::vector<PlantedLesson> readings{};   // the same lesson stated another way (a planted duplicate)
    bool matches(const Proposal &p) const;
    bool matchesAnyReading(const Proposal &p) const;
};

struct SyntheticOptions {
    int trajectories = 1400;
    int minSteps = 0;              // pad every run with routine steps up to about this many (benchmarks: 100)
    double lessonRate = 0.12;      // per planted lesson: share of its workflow's runs that break it
    double noiseRate = 0.05;       // runs that fail for a one-off reason
    double unknownRate = 0.04;     // runs with no verdict
    double violatorLuck = 0.1;     // runs that break a lesson and succeed anyway
    quint64 seed = 42;
    qint64 startMs = 1'760'000'000'000;
};

// Synthetic trajectories with planted lessons of every kind the offline miner knows, one-off
// noise failures (with their own errors, probe calls and notes), neutral arguments, planted
// duplicates (reviewers' notes restating a lesson; a retry loop beside the missing recovery),
// a skipped step whose protected action is not the next one, and a
// workflow with no lesson at all (summarize_ticket). Run i is a pure function of (seed, i),
// so a corpus is reproducible and can be streamed: 10,000 runs of 100 steps never sit in
// memory at once.
class SyntheticTrajectories {
public:
    explicit SyntheticTrajectories(SyntheticOptions options = {});

    const SyntheticOptions &options() const { return m_options; }
    static std::vector<PlantedLesson> plantedLessons();
    static QStringList workflows();
    static QString noLessonWorkflow() { return QStringLiteral("summarize_ticket"); }

    Trajectory make(int index) const;

    // Writes every run through store::TrajectoryWriter in one transaction (as one source).
    // Returns the number of steps written.
    qint64 writeTo(store::Workspace &ws) const;
    // Writes every run as native Reverie JSONL. Returns the number of steps written.
    qint64 writeJsonl(const QString &path) const;

private:
    SyntheticOptions m_options;
};

} // namespace reverie::dream
