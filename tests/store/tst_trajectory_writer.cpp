// The writer stores a new run's row once, when the run finishes (several runs to a statement):
// ids follow the order runs began in, every field lands, a run begun and never finished is
// still stored, and a run finished twice keeps the later row and all its steps.

#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

Step step(const QString &text, bool isError = false)
{
    Step s;
    s.kind = StepKind::Observation;
    s.text = text;
    s.isError = isError;
    return s;
}

TrajectoryInfo info(int n)
{
    TrajectoryInfo i;
    i.externalId = QStringLiteral("run-%1").arg(n);
    i.workflow = QStringLiteral("wf-%1").arg(n % 3);
    i.task = QStringLiteral("Task %1").arg(n);
    i.model = QStringLiteral("model-%1").arg(n % 2);
    i.startedMs = 1000 + n;
    i.endedMs = 2000 + n;
    i.outcome = QStringLiteral("done");
    i.verdict = n % 2 ? Verdict::Failure : Verdict::Success;
    return i;
}

} // namespace

class TestTrajectoryWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // More runs than one multi-row statement holds, finished in another order than begun.
    void storesEveryRunWhenItFinishes()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        constexpr int kRuns = 37;
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 1});
            std::vector<qint64> handles;
            for (int n = 1; n <= kRuns; ++n) {
                handles.push_back(w.begin(info(n)));
                for (int s = 0; s < n % 4; ++s)
                    w.addStep(handles.back(), step(QStringLiteral("step %1").arg(s), s == 1));
            }
            for (int n = kRuns; n >= 2; --n)   // run 1 is never finished
                w.finish(handles[std::size_t(n - 1)], info(n));
            w.commit();
        }
        store::TrajectoryQueries q(ws);
        store::TrajectoryFilter all;
        all.sort = store::TrajectoryFilter::Sort::ExternalId;
        QCOMPARE(q.count(all), qint64(kRuns));
        for (int n = 2; n <= kRuns; ++n) {
            const std::optional<TrajectorySummary> t = q.get(n);   // ids in the order runs began
            QVERIFY(t);
            const TrajectoryInfo want = info(n);
            QCOMPARE(t->info.externalId, want.externalId);
            QCOMPARE(t->info.workflow, want.workflow);
            QCOMPARE(t->info.task, want.task);
            QCOMPARE(t->info.model, want.model);
            QCOMPARE(t->info.startedMs, want.startedMs);
            QCOMPARE(t->info.endedMs, want.endedMs);
            QCOMPARE(t->info.outcome, want.outcome);
            QCOMPARE(t->info.verdict, want.verdict);
            QVERIFY(t->info.agent.isEmpty());
            QCOMPARE(t->stepCount, n % 4);
            QCOMPARE(t->errorCount, n % 4 > 1 ? 1 : 0);
            QCOMPARE(int(q.steps(n).size()), n % 4);
        }
        const std::optional<TrajectorySummary> unfinished = q.get(1);
        QVERIFY(unfinished);
        QCOMPARE(unfinished->info.externalId, QStringLiteral("run-1"));
        QCOMPARE(unfinished->stepCount, 1);
    }

    void aRunFinishedTwiceKeepsTheLaterRow()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        {
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 1});
            const qint64 run = w.begin(info(1));
            w.addStep(run, step(QStringLiteral("first")));
            w.finish(run, info(1));
            w.addStep(run, step(QStringLiteral("second"), true));
            TrajectoryInfo later = info(1);
            later.outcome = QStringLiteral("done again");
            w.finish(run, later);
            w.commit();
        }
        store::TrajectoryQueries q(ws);
        const std::optional<TrajectorySummary> t = q.get(1);
        QVERIFY(t);
        QCOMPARE(t->info.outcome, QStringLiteral("done again"));
        QCOMPARE(t->stepCount, 2);
        QCOMPARE(t->errorCount, 1);
        QCOMPARE(q.count({}), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestTrajectoryWriter)
#include "tst_trajectory_writer.moc"
