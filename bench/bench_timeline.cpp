// Timeline benchmark: a 100,000-step trajectory in a temporary workspace; how long it takes
// to open (read its columns and place its steps, as the loader's worker does, then hand them
// to the view) and to paint one frame into a QImage at the widest and narrowest zoom.
// Budgets (issue 7): open <= 300 ms, a frame <= 16 ms. Prints the numbers; never fails.
//
//   bench_timeline [--steps N] [--frames N] [--png PREFIX]   (PREFIX-widest.png etc.: the frames)

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
#include <QTextStream>

#include <algorithm>
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
    parser.addOptions({stepsOption, framesOption, pngOption});
    parser.process(app);
    const int steps = std::max(1, parser.value(stepsOption).toInt());
    const int frames = std::max(1, parser.value(framesOption).toInt());
    QTextStream out(stdout);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.reverie"));
    QElapsedTimer t;
    t.start();
    const qint64 id = writeTrajectory(path, steps);
    out << QStringLiteral("generated %1 steps in %2 ms\n").arg(steps).arg(ms(t), 0, 'f', 0);

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
            out << QStringLiteral("load failed: %1\n").arg(r.error);
            return 1;
        }
        data = r.data;
        t.restart();
        view.setData(data);
        handOvers.push_back(ms(t));
    }
    const double open = median(loads) + median(handOvers);
    out << QStringLiteral("open: %1 ms (read and place %2 ms, hand to the view %3 ms)  budget 300 ms: %4\n")
               .arg(open, 0, 'f', 1)
               .arg(median(loads), 0, 'f', 1)
               .arg(median(handOvers), 0, 'f', 3)
               .arg(open <= 300 ? QStringLiteral("ok") : QStringLiteral("OVER"));
    out << QStringLiteral("memory: %1 bytes per step in the view\n")
               .arg((sizeof(double) * 2 + 1 + 1 + sizeof(qint64) + sizeof(int) * 2));

    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.setCurrentIndex(data->errorIndexes.empty() ? 0 : data->errorIndexes[data->errorIndexes.size() / 2]);
    auto paintFrames = [&](const QString &label, const QString &name) {
        std::vector<double> times;
        for (int i = 0; i < frames; ++i) {
            t.restart();
            view.renderFrame(&image, image.size());
            times.push_back(ms(t));
        }
        const double m = median(times);
        const double worst = *std::max_element(times.begin(), times.end());
        out << QStringLiteral("paint %1: median %2 ms, worst %3 ms, %4 visible steps  budget 16 ms: %5\n")
                   .arg(label, -28)
                   .arg(m, 0, 'f', 2)
                   .arg(worst, 0, 'f', 2)
                   .arg(view.geometry().visibleRange(data->starts, data->ends).size())
                   .arg(m <= 16 ? QStringLiteral("ok") : QStringLiteral("OVER"));
        if (parser.isSet(pngOption))
            image.save(QStringLiteral("%1-%2.png").arg(parser.value(pngOption), name));
    };
    view.fit();
    paintFrames(QStringLiteral("widest (whole run)"), QStringLiteral("widest"));
    for (int i = 0; i < 6; ++i)
        view.zoomIn();
    paintFrames(QStringLiteral("middle (zoomed 11x)"), QStringLiteral("middle"));
    for (int i = 0; i < 60; ++i)
        view.zoomIn();
    paintFrames(QStringLiteral("narrowest (deepest zoom)"), QStringLiteral("narrowest"));

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
        out << QStringLiteral("detail pane: one step's text and record in %1 ms\n").arg(median(fetches), 0, 'f', 3);
    }
    return 0;
}
