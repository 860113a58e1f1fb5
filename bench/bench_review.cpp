// P9: the review page opening on a queue of 500 pending proposals, each citing evidence in the
// runs of a 100,000-step workspace: from the page being shown to its queue filled (the page's
// queueReloaded() signal, then the paint that shows it). The page reads on a worker; the time
// is what a reviewer waits for the list.
//
//   bench_review [--dir DIR] [--proposals N] [--repeat N]
//
// The workspace is made in a folder of its own each run. --repeat N more openings (5), each
// with the page hidden, marked stale and shown again, are noted as a median.

#include "BenchSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/model/Error.h"
#include "core/store/DreamStore.h"
#include "core/store/ProposalStore.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"
#include "ui/review/ReviewPage.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace reverie;

namespace {

QString option(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

// 1,000 runs of 100 steps, then `count` dreamed proposals, each citing three steps of
// different runs, of both stakes and a spread of confidence, as a dream pass leaves them.
void makeWorkspace(const QString &dir, const QString &path, int count)
{
    const QString jsonl = QDir(dir).filePath(QStringLiteral("review-events.jsonl"));
    bench::writeNativeJsonl(jsonl, 100'000);
    store::Workspace ws(path);
    {
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult r = runner.importFile(jsonl);
        QFile::remove(jsonl);
        if (!r.ok())
            throw Error(QStringLiteral("making the workspace: %1").arg(r.error));
    }
    std::vector<qint64> steps;
    {
        sql::Statement st(ws.db(), "SELECT id FROM steps WHERE is_error = 1 ORDER BY id");
        while (st.step())
            steps.push_back(st.int64(0));
    }
    DreamRun run;
    run.engine = QStringLiteral("offline-miner");
    run.startedMs = 1763900000000;
    run.status = DreamStatus::Succeeded;
    const qint64 dreamRunId = store::DreamStore(ws).insert(run);
    static const char *workflows[] = {"deploy_service", "refund_order", "db_migration", "triage_ticket", "write_report"};
    store::ProposalStore proposals(ws);
    sql::Transaction tx(ws.db());
    for (int i = 0; i < count; ++i) {
        Proposal p;
        p.dreamRunId = dreamRunId;
        p.op = ProposalOp::Add;
        p.text = QStringLiteral("Before step %1 of %2, check the result of the previous tool call and quote its error.")
                     .arg(i % 17)
                     .arg(QLatin1String(workflows[i % 5]));
        p.rationale = QStringLiteral("Failures skip this; successes do it.");
        p.stakes = i % 4 == 0 ? Stakes::High : Stakes::Low;
        p.scope.workflows << QLatin1String(workflows[i % 5]);
        p.confidence = 0.5 + double(i % 50) / 100.0;
        p.support = 3 + i % 9;
        p.baseVersion = 0;
        p.author = QStringLiteral("offline-miner");
        p.kind = QStringLiteral("precedence");
        p.replay = ReplayRecord{4, 4, 6, 5, false};
        for (int e = 0; e < 3 && !steps.empty(); ++e) {
            Evidence ev;
            ev.stepId = steps[std::size_t(i * 7 + e * 101) % steps.size()];
            ev.trajectoryId = ev.stepId >> 24;   // step ids carry their run (TrajectoryWriter.h)
            ev.note = QStringLiteral("error left unquoted");
            p.evidence.push_back(ev);
        }
        proposals.insert(p);
    }
    tx.commit();
}

// Shows the page and runs the event loop until `filled` holds after a queueReloaded(); returns ms.
double openPage(ui::ReviewPage &page, const std::function<void()> &show)
{
    bool reloaded = false, ok = true;
    QObject context;
    QObject::connect(&page, &ui::ReviewPage::queueReloaded, &context, [&](bool good) {
        reloaded = true;
        ok = good;
    });
    QElapsedTimer t;
    t.start();
    show();
    while (!reloaded) {
        if (t.elapsed() > 60'000)
            throw Error(QStringLiteral("the review queue did not arrive within 60 s"));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    if (!ok)
        throw Error(QStringLiteral("reading the review queue failed"));
    QCoreApplication::processEvents();   // and paint it
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Unknown options are ignored: `./dev bench ARGS` hands its extra options to every benchmark.
    const QStringList args = app.arguments();
    const int count = std::max(1, option(args, QStringLiteral("--proposals"), QStringLiteral("500")).toInt());
    const int repeat = std::max(0, option(args, QStringLiteral("--repeat"), QStringLiteral("5")).toInt());
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("review.reverie"));
    try {
        makeWorkspace(tmp.path(), path, count);
        store::Workspace ws(path);   // the page is handed the window's connection; it reads on workers
        ui::ReviewPage page;
        page.resize(1400, 900);
        const double first = openPage(page, [&] {
            page.setWorkspace(path);
            page.show();
        });
        const int pending = page.pendingCount();
        std::vector<double> again;
        for (int i = 0; i < repeat; ++i) {
            page.hide();
            page.markStale();
            again.push_back(openPage(page, [&] { page.show(); }));
        }
        std::sort(again.begin(), again.end());
        std::printf("# review page: %d pending proposals shown %.1f ms after the page was; shown again (stale): "
                    "median %.1f ms of %d\n",
                    pending, first, again.empty() ? -1.0 : again[again.size() / 2], int(again.size()));
        if (pending != count)
            throw Error(QStringLiteral("the queue shows %1 proposals, not %2").arg(pending).arg(count));
        bench::report("P9", first, "ms", 200, true,
                      QStringLiteral("the review page shown until its queue of %1 pending proposals (3 evidence "
                                     "steps each) is filled and painted")
                          .arg(count));
    } catch (const Error &e) {
        std::fprintf(stderr, "bench_review: %s\n", e.what());
        return 1;
    }
    return 0;
}
