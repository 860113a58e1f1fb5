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

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTableView>
#include <QTimer>

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
    if (!window.openWorkspace(path))
        throw Error(QStringLiteral("%1: cannot open the workspace").arg(path));
    window.show();
    QCoreApplication::processEvents();
    report.firstPaintRssMiB = peakRssMiB();

    ui::TrajectoriesPage *page = window.trajectoriesPage();
    ui::TrajectoryListModel *model = page->model();
    QTableView *table = page->table();

    // Scroll to the end: the view asks for each next page as it reaches the bottom; asking the
    // model too keeps this going should the view wait for a paint that offscreen skips.
    spinUntil([&] {
        table->scrollToBottom();
        if (model->canFetchMore({}))
            model->fetchMore({});
        return model->rowCount() >= model->totalCount();
    }, "scrolling the list to its end");
    report.rowsFetched = model->rowCount();

    // Sort by a column (the model re-reads its first page in that order), then filter with a search.
    table->sortByColumn(ui::TrajectoryListModel::Steps, Qt::DescendingOrder);
    QCoreApplication::processEvents();
    store::TrajectoryFilter filter;
    filter.verdict = Verdict::Failure;
    filter.search = QStringLiteral("invoice rollback");
    page->filterBar()->setFilter(filter);
    spinUntil([&] { return page->hitModel()->query() == filter.search; }, "the search");
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

    report.peakRssMiB = peakRssMiB();
    report.seconds = double(clock.elapsed()) / 1000.0;
    return report;
}

} // namespace reverie::bench
