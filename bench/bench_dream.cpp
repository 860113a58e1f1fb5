// P4: an offline dream pass over 10,000 trajectories (about 1,000,000 steps). The corpus is the
// dream engine's own synthetic generator (core/dream/SyntheticTrajectories), which plants lessons
// the miner should find, so the pass does the work it does on real runs; only the pass is timed.
//
//   bench_dream [--trajectories N] [--steps-per-run N] [--dir DIR] [--keep PATH]
// --steps-per-run pads every run to about N steps (103 makes 10,000 runs just over 1,000,000 steps).
// DIR, given by `./dev bench` to every benchmark, is unused: the corpus has a folder of its own.
// --keep writes the corpus to the new workspace PATH and leaves it there, to look at with the CLI.

#include "BenchSupport.h"

#include "core/dream/DreamPass.h"
#include "synthetic/SyntheticTrajectories.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace reverie;

namespace {

int intOption(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? std::max(1, args.at(i + 1).toInt()) : fallback;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Unknown options are ignored: `./dev bench ARGS` hands its extra options to every benchmark.
    const QStringList args = app.arguments();
    dream::SyntheticOptions corpus;
    corpus.trajectories = intOption(args, QStringLiteral("--trajectories"), 10'000);
    corpus.minSteps = intOption(args, QStringLiteral("--steps-per-run"), 103);

    QTemporaryDir dir;
    const qsizetype keep = args.indexOf(QStringLiteral("--keep"));
    const QString path = keep >= 0 && keep + 1 < args.size() ? args.at(keep + 1) : dir.filePath(QStringLiteral("dream.reverie"));
    qint64 steps = 0;
    const double written = bench::timeMs([&] {
        store::Workspace ws(path);
        steps = dream::SyntheticTrajectories(corpus).writeTo(ws);
    });
    std::printf("corpus: %d runs, %lld steps written in %.0f ms\n", corpus.trajectories, steps, written);

    dream::DreamRequest request;
    request.workspacePath = path;
    dream::DreamControl control;
    QString lastStage;
    QElapsedTimer stage;
    stage.start();
    control.progress = [&](int, const QString &name) {
        if (name == lastStage)
            return;
        if (!lastStage.isEmpty())
            std::printf("  %-32s %lld ms\n", qPrintable(lastStage), stage.restart());
        lastStage = name;
    };
    dream::DreamResult result;
    const double ms = bench::timeMs([&] { result = dream::runDreamPass(request, control); });
    if (!lastStage.isEmpty())
        std::printf("  %-32s %lld ms\n", qPrintable(lastStage), stage.elapsed());
    if (result.run.status != DreamStatus::Succeeded) {
        std::fprintf(stderr, "the dream pass did not succeed: %s\n", qPrintable(result.run.error));
        return 1;
    }

    // Speed means nothing if the pass stopped finding things: say how many planted lessons it found.
    const auto planted = dream::SyntheticTrajectories::plantedLessons();
    const auto found = std::count_if(planted.begin(), planted.end(), [&](const dream::PlantedLesson &l) {
        return std::any_of(result.proposals.begin(), result.proposals.end(),
                           [&](const Proposal &p) { return l.matches(p); });
    });
    std::printf("# dream pass: %d proposals, %lld of %zu planted lessons recovered; this process peaked at %.0f MiB, corpus writing included\n",
                int(result.proposals.size()), qint64(found), planted.size(), bench::peakRssMiB());
    // The pass mines older runs and tests on the newest quarter of each workflow (dream/HoldOut.h).
    std::printf("# hold-out check on: %d newest runs of %d workflows held out, %zu candidates dropped\n",
                result.holdOut.heldOutRuns, result.holdOut.workflowsSplit, result.holdOut.dropped.size());
    bench::report("P4", ms / 1000.0, "s", 10, true,
                  QStringLiteral("offline dream pass over %1 trajectories / %2 steps (synthetic corpus with planted lessons)")
                      .arg(result.run.trajectoryCount)
                      .arg(steps));
    return 0;
}
