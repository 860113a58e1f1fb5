// P3, the timeline: a 100,000-step trajectory in a temporary workspace; how long it takes to
// open (read its columns and place its steps, as the loader's worker does, then hand them to the
// view) and to paint one frame into a QImage at the widest and narrowest zoom.
// Targets (issue 9): open <= 300 ms, a frame <= 16 ms (the worst of --frames frames counts).
//
//   bench_timeline [--steps N] [--frames N] [--png PREFIX] [--dir DIR]
// PREFIX-widest.png etc. are the frames; DIR (given by `./dev bench` to every benchmark) is not
// needed here: the trajectory is generated in a folder of its own.

#include "BenchSupport.h"

#include "core/model/Trajectory.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelineLoader.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace reverie;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double ms(const QElapsedTimer &t) { return double(t.nsecsElapsed()) / 1e6; }

// One run with a realistic mix: plans, tool calls and their observations (some failing),
// messages; times advance 50 ms to 2 s per step.
qint64 writeTrajectory(const QString &path, int steps)
{
    store::Workspace ws(path);
    store::TrajectoryWriter writer(ws, {QStringLiteral("bench.jsonl"), QStringLiteral("reverie-jsonl"),
                                        QStringLiteral("bench-%1").arg(steps), 0});
    TrajectoryInfo info;
    info.externalId = QStringLiteral("bench-run");
    info.workflow = QStringLiteral("bench");
    info.model = QStringLiteral("bench-model");
    info.startedMs = 1763900000000;
    const qint64 handle = writer.begin(info);
    QRandomGenerator rng(42);
    const QStringList tools{QStringLiteral("search"), QStringLiteral("read_file"), QStringLiteral("edit_file"),
                            QStringLiteral("run_tests"), QStringLiteral("deploy")};
    qint64 ts = info.startedMs;
    for (int i = 0; i < steps; ++i) {
        Step s;
        s.timestampMs = ts;
        ts += 50 + rng.bounded(1950);
        const int phase = i % 6;
        s.kind = i == 0 ? StepKind::Task
                 : phase == 1 ? StepKind::Plan
                 : phase == 2 || phase == 4 ? StepKind::ToolCall
                 : phase == 3 || phase == 5 ? StepKind::Observation
                                            : StepKind::Message;
        if (s.kind == StepKind::ToolCall || s.kind == StepKind::Observation)
            s.tool = tools[int(rng.bounded(int(tools.size())))];
        s.isError = s.kind == StepKind::Observation && rng.bounded(100) < 3;
        s.text = QStringLiteral("step %1: %2 the quick brown fox jumps over the lazy dog while the agent works")
                     .arg(i)
                     .arg(s.isError ? QStringLiteral("error: timeout") : QStringLiteral("ok"));
        s.raw = QStringLiteral(R"({"trajectory":"bench-run","type":"message","seq":%1,"text":"%2"})")
                    .arg(i)
                    .arg(s.text)
                    .toUtf8();
        writer.addStep(handle, s);
    }
    info.endedMs = ts;
    writer.finish(handle, info);
    writer.commit();
    return store::TrajectoryQueries(ws).findByExternalId(QStringLiteral("bench-run")).front().id;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption stepsOption(QStringLiteral("steps"), QStringLiteral("Steps in the trajectory."),
                                         QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("Frames per zoom level."),
                                          QStringLiteral("N"), QStringLiteral("30"));
    const QCommandLineOption pngOption(QStringLiteral("png"), QStringLiteral("Save each zoom's frame as PREFIX-<zoom>.png."),
                                       QStringLiteral("PREFIX"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("The benchmarks' shared data folder (unused)."),
                                       QStringLiteral("DIR"));
    parser.addOptions({stepsOption, framesOption, pngOption, dirOption});
    // parse(), not process(): `./dev bench ARGS` hands its extra options to every benchmark,
    // so one meant for another benchmark must not stop this one.
    if (!parser.parse(app.arguments()))
        std::fprintf(stderr, "bench_timeline: ignoring: %s\n", qPrintable(parser.errorText()));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp();
    const int steps = std::max(1, parser.value(stepsOption).toInt());
    const int frames = std::max(1, parser.value(framesOption).toInt());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.reverie"));
    QElapsedTimer t;
    t.start();
    const qint64 id = writeTrajectory(path, steps);
    std::printf("generated %d steps in %.0f ms\n", steps, ms(t));

    ui::TimelineView view;
    view.resize(1400, 330);
    view.show();
    QCoreApplication::processEvents();

    // Open: the worker's read (own connection) plus the UI thread's hand-over to the view.
    std::vector<double> loads, handOvers;
    std::shared_ptr<const ui::TimelineData> data;
    for (int i = 0; i < 5; ++i) {
        t.restart();
        const ui::TimelineLoadResult r = ui::loadTimeline(path, id);
        loads.push_back(ms(t));
        if (!r.error.isEmpty()) {
            std::fprintf(stderr, "load failed: %s\n", qPrintable(r.error));
            return 1;
        }
        data = r.data;
        t.restart();
        view.setData(data);
        handOvers.push_back(ms(t));
    }
    const double open = median(loads) + median(handOvers);
    bench::report("P3-open", open, "ms", 300, true,
                  QStringLiteral("open a %1-step trajectory on the timeline: read and place %2 ms + hand to the "
                                 "view %3 ms (median of 5)")
                      .arg(steps)
                      .arg(median(loads), 0, 'f', 1)
                      .arg(median(handOvers), 0, 'f', 2));

    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.setCurrentIndex(data->errorIndexes.empty() ? 0 : data->errorIndexes[data->errorIndexes.size() / 2]);
    // The worst of `frames` frames is the figure: a stutter is what a person notices.
    auto paintFrames = [&](const char *benchId, const QString &label, const QString &name) {
        std::vector<double> times;
        for (int i = 0; i < frames; ++i) {
            t.restart();
            view.renderFrame(&image, image.size());
            times.push_back(ms(t));
        }
        const double worst = *std::max_element(times.begin(), times.end());
        const QString what = QStringLiteral("worst of %1 frames at the %2 zoom of a %3-step run (median %4 ms, %5 visible steps)")
                                 .arg(frames)
                                 .arg(label)
                                 .arg(steps)
                                 .arg(median(times), 0, 'f', 2)
                                 .arg(view.geometry().visibleRange(data->starts, data->ends).size());
        if (benchId)
            bench::report(benchId, worst, "ms", 16, true, what);
        else
            std::printf("%s: worst %.2f ms\n", qPrintable(what), worst);
        if (parser.isSet(pngOption))
            image.save(QStringLiteral("%1-%2.png").arg(parser.value(pngOption), name));
    };
    view.fit();
    paintFrames("P3-frame-widest", QStringLiteral("widest"), QStringLiteral("widest"));
    for (int i = 0; i < 6; ++i)
        view.zoomIn();
    paintFrames(nullptr, QStringLiteral("middle (11x)"), QStringLiteral("middle"));
    for (int i = 0; i < 60; ++i)
        view.zoomIn();
    paintFrames("P3-frame-narrowest", QStringLiteral("narrowest"), QStringLiteral("narrowest"));

    // What selecting a step costs the UI thread: one row by primary key.
    {
        store::Workspace ws(path);
        store::TrajectoryQueries q(ws);
        std::vector<double> fetches;
        for (int i = 0; i < 50; ++i) {
            t.restart();
            (void)q.step(data->stepIds[std::size_t(i * (data->size() / 50))]);
            fetches.push_back(ms(t));
        }
        std::printf("# timeline detail pane: one step's text and record in %.3f ms (median of 50)\n", median(fetches));
    }
    return 0;
}
