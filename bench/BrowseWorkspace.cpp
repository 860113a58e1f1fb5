#include "BrowseWorkspace.h"

#include "BenchSupport.h"

#include "core/model/Error.h"
#include "core/store/TrajectoryQueries.h"
#include "ui/MainWindow.h"
#include "ui/models/SearchHitModel.h"
#include "ui/models/TrajectoryListModel.h"
#include "ui/timeline/TimelinePanel.h"
#include "ui/trajectories/TrajectoriesPage.h"
#include "ui/trajectories/TrajectoryFilterBar.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>

#include <functional>

namespace reverie::bench {

namespace {

constexpr int kStepTimeoutMs = 120'000;

// Runs the event loop (paints, queued page fetches, finished loads) until `done` holds. Waits
// for events rather than spinning, so a background load has the CPU to itself; the tick makes
// sure `done` is looked at even when nothing else happens.
void spinUntil(const std::function<bool()> &done, const char *what)
{
    QTimer tick;
    tick.start(10);
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > kStepTimeoutMs)
            throw Error(QStringLiteral("browsing: %1 did not finish within %2 s").arg(QLatin1String(what)).arg(kStepTimeoutMs / 1000));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    QCoreApplication::processEvents();   // and paint what it brought
}

// The longest stretch the GUI thread spent without going back to wait for events: what a
// user sees as one frame, however many events it handled.
class FrameMeter {
public:
    FrameMeter()
    {
        QAbstractEventDispatcher *d = QAbstractEventDispatcher::instance();
        QObject::connect(d, &QAbstractEventDispatcher::awake, &m_context, [this] { m_busy.start(); });
        QObject::connect(d, &QAbstractEventDispatcher::aboutToBlock, &m_context, [this] { endFrame(); });
        m_busy.start();
    }
    double worstMs() const { return m_worstMs; }
    int frames() const { return m_frames; }

private:
    void endFrame()
    {
        if (!m_busy.isValid())
            return;
        m_worstMs = std::max(m_worstMs, double(m_busy.nsecsElapsed()) / 1e6);
        ++m_frames;
        m_busy.invalidate();
    }
    QObject m_context;
    QElapsedTimer m_busy;
    double m_worstMs = 0;
    int m_frames = 0;
};

// Waits until the list model has finished a read that `act` starts (its loaded() signal, with
// no read left under way), failing on readFailed().
// Waits until the list shows the rows `act` asked for; with `withCount`, also their count.
void waitForList(ui::TrajectoryListModel *model, const std::function<void()> &act, const char *what, bool withCount = true)
{
    bool loaded = false;
    QString failed;
    QObject context;
    if (withCount)
        QObject::connect(model, &ui::TrajectoryListModel::loaded, &context, [&] { loaded = true; });
    else
        QObject::connect(model, &ui::TrajectoryListModel::firstPageShown, &context, [&] { loaded = true; });
    QObject::connect(model, &ui::TrajectoryListModel::readFailed, &context, [&](const QString &m) { failed = m; });
    act();
    spinUntil([&] {
        if (!failed.isEmpty())
            throw Error(QStringLiteral("browsing: %1: %2").arg(QLatin1String(what), failed));
        return loaded && (!withCount || !model->isLoading());
    }, what);
}

// Opens a run on the timeline the way activating a row or a hit does, and waits for its load.
void openOnTimeline(ui::TrajectoriesPage *page, qint64 trajectoryId, qint64 stepId)
{
    bool loaded = false;
    QObject context;
    QObject::connect(page->timeline(), &ui::TimelinePanel::loaded, &context,
                     [&](qint64 id) { loaded = loaded || id == trajectoryId; });
    page->openTrajectory(trajectoryId, stepId);
    spinUntil([&] { return loaded; }, "opening a trajectory");
}

} // namespace

BrowseReport browseWorkspace(const QString &path, int open)
{
    BrowseReport report;
    QElapsedTimer clock;
    clock.start();

    ui::MainWindow window;
    ui::TrajectoriesPage *page = window.trajectoriesPage();
    ui::TrajectoryListModel *model = page->model();
    QTableView *table = page->table();
    {
        bool opened = false;
        QString failed;
        QObject context;
        QObject::connect(&window, &ui::MainWindow::workspaceOpened, &context, [&] { opened = true; });
        QObject::connect(&window, &ui::MainWindow::workspaceOpenFailed, &context,
                         [&](const QString &, const QString &why) { failed = why; });
        waitForList(model, [&] {
            if (!window.openWorkspace(path))
                throw Error(QStringLiteral("%1: cannot open the workspace").arg(path));
            window.show();
        }, "opening the workspace");
        spinUntil([&] {
            if (!failed.isEmpty())
                throw Error(QStringLiteral("%1: %2").arg(path, failed));
            return opened;
        }, "opening the workspace");
    }
    QCoreApplication::processEvents();
    report.openSeconds = double(clock.elapsed()) / 1000.0;
    report.firstPaintRssMiB = peakRssMiB();
    QElapsedTimer phase;
    phase.start();
    auto lap = [&](const char *what) {
        report.phases += QStringLiteral("%1%2 %3 s").arg(report.phases.isEmpty() ? QString() : QStringLiteral(", "),
                                                          QLatin1String(what))
                             .arg(double(phase.restart()) / 1000.0, 0, 'f', 2);
    };

    // Scroll to the end as a user dragging the bar down does: the view asks for each next page
    // as it reaches the bottom, and paints. Asking the model too keeps this going should the
    // view wait for a paint that offscreen skips.
    {
        FrameMeter frames;
        spinUntil([&] {
            table->scrollToBottom();
            table->viewport()->repaint();
            if (model->canFetchMore({}))
                model->fetchMore({});
            return !model->isLoading() && model->rowCount() >= model->totalCount();
        }, "scrolling the list to its end");
            report.scrollWorstFrameMs = frames.worstMs();
        report.scrollFrames = frames.frames();
    }
    report.rowsFetched = model->rowCount();
    lap("scroll");

    // Sort by a column (the model reads its first page in that order), then filter with a search.
    waitForList(model, [&] { table->sortByColumn(ui::TrajectoryListModel::Steps, Qt::DescendingOrder); }, "sorting");
    lap("sort");
    store::TrajectoryFilter filter;
    filter.verdict = Verdict::Failure;
    filter.search = QStringLiteral("invoice rollback");
    {
        bool searched = false;
        QString failed;
        QObject context;
        QObject::connect(page->hitModel(), &ui::SearchHitModel::searched, &context, [&] { searched = true; });
        QObject::connect(page->hitModel(), &ui::SearchHitModel::readFailed, &context, [&](const QString &m) { failed = m; });
        // What a person waits for: the first rows and the first hits. The count of the
        // filtered runs follows on its own worker (read after the lap, for the report).
        waitForList(model, [&] { page->filterBar()->setFilter(filter); }, "the filtered list", false);
        spinUntil([&] {
            if (!failed.isEmpty())
                throw Error(QStringLiteral("browsing: the search: %1").arg(failed));
            return searched && !page->hitModel()->isLoading();
        }, "the search");
    }
    lap("filter and search");
    QElapsedTimer untimed;   // waiting for the count only to report it: not part of the script
    untimed.start();
    spinUntil([&] { return !model->isLoading(); }, "the filtered count");
    const qint64 untimedMs = untimed.elapsed();
    phase.restart();
    report.filteredTotal = model->totalCount();
    report.searchHits = page->hitModel()->rowCount();

    // A few runs from the filtered list, then the first search hit at its step.
    for (int row = 0; row < open && row < model->rowCount(); ++row) {
        openOnTimeline(page, model->index(row, 0).data(ui::TrajectoryListModel::TrajectoryIdRole).toLongLong(), 0);
        ++report.trajectoriesOpened;
    }
    if (const ui::SearchHitModel::Hit *hit = page->hitModel()->hitAt(0)) {
        openOnTimeline(page, hit->trajectoryId, hit->stepId);
        ++report.trajectoriesOpened;
    }

    lap("open runs");
    report.peakRssMiB = peakRssMiB();
    report.seconds = double(clock.elapsed() - untimedMs) / 1000.0;
    return report;
}

} // namespace reverie::bench
