// The dream pass end to end: background runner, progress, cancellation, selection, and what
// a pass leaves in the workspace.

#include "DreamTestSupport.h"
#include "FakeLlmClient.h"

#include "core/dream/DreamPass.h"
#include "core/dream/DreamRunner.h"
#include "synthetic/SyntheticTrajectories.h"
#include "core/store/DreamStore.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;

using test::countRows;
using test::findText;

class TestDreamPass : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshWorkspace(const QString &name, int trajectories = 1400)
    {
        return test::syntheticWorkspace(m_dir, name, trajectories);
    }

private Q_SLOTS:
    void runsInTheBackgroundWithProgress()
    {
        const QString path = freshWorkspace(QStringLiteral("bg.reverie"));
        DreamRequest req;
        req.workspacePath = path;
        QFutureWatcher<DreamResult> watcher;
        QSignalSpy progress(&watcher, &QFutureWatcher<DreamResult>::progressValueChanged);
        QSignalSpy finished(&watcher, &QFutureWatcher<DreamResult>::finished);
        watcher.setFuture(DreamRunner::start(req));
        QVERIFY(finished.wait(60'000));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(watcher.future().resultCount(), 1);
        const DreamResult r = watcher.future().result();
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(r.run.id > 0);
        QCOMPARE(r.run.trajectoryCount, 1400);
        for (const Proposal &p : r.proposals)
            qInfo().noquote() << p.text << "|" << p.rationale;
        QVERIFY(r.proposals.size() >= 9);
        QCOMPARE(int(r.proposals.size()), r.run.proposalCount);

        store::Workspace ws(path);
        const auto stored = store::ProposalStore(ws).list(std::nullopt, r.run.id);
        QCOMPARE(stored.size(), r.proposals.size());
        for (const Proposal &p : stored) {
            QCOMPARE(p.status, ProposalStatus::Pending);
            QCOMPARE(p.author, QStringLiteral("offline"));
            QVERIFY(!p.evidence.empty());
            QVERIFY(p.replay.broke + p.replay.kept > 0);
        }
        const auto run = store::DreamStore(ws).get(r.run.id);
        QVERIFY(run);
        QCOMPARE(run->status, DreamStatus::Succeeded);
        QVERIFY(run->finishedMs >= run->startedMs);
        QVERIFY(run->parameters.contains("min_support"));
        QCOMPARE(store::DreamStore(ws).inputCount(r.run.id), 1400);
    }

    void cancellationLeavesNoProposals_data()
    {
        QTest::addColumn<int>("cancelAt");
        QTest::newRow("while selecting") << 0;
        QTest::newRow("while reading steps") << 6;
        QTest::newRow("while analysing") << 60;
        QTest::newRow("while curating") << 85;
        QTest::newRow("while storing") << 95;
    }
    void cancellationLeavesNoProposals()
    {
        QFETCH(int, cancelAt);
        const QString path = freshWorkspace(QStringLiteral("cancel%1.reverie").arg(cancelAt));
        bool cancel = false;
        DreamControl control;
        control.isCancelled = [&] { return cancel; };
        control.progress = [&](int percent, const QString &) {
            if (percent >= cancelAt)
                cancel = true;
        };
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req, control);
        QCOMPARE(r.run.status, DreamStatus::Cancelled);
        QVERIFY(r.proposals.empty());
        QVERIFY(!r.run.error.isEmpty());

        store::Workspace ws(path);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM proposals WHERE dream_run_id = ?", r.run.id), 0);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM dream_inputs WHERE dream_run_id = ?", r.run.id), 0);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM evidence WHERE ? > 0", 1), 0);
        const auto run = store::DreamStore(ws).get(r.run.id);
        QVERIFY(run);
        QCOMPARE(run->status, DreamStatus::Cancelled);
        QVERIFY(run->finishedMs > 0);
    }

    void cancellingTheFutureMidPass()
    {
        // A fake model that waits until the pass is cancelled makes "mid-pass" deterministic.
        const QString path = freshWorkspace(QStringLiteral("future-cancel.reverie"), 140);
        auto client = std::make_shared<test::FakeLlmClient>(QString());
        client->waitForCancel = true;
        DreamRequest req;
        req.workspacePath = path;
        req.engine = QStringLiteral("anthropic");
        req.client = client;
        QFuture<DreamResult> future = DreamRunner::start(req);
        QTRY_VERIFY_WITH_TIMEOUT(!client->requests().empty(), 30'000);
        future.cancel();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        store::Workspace ws(path);
        const auto runs = store::DreamStore(ws).list();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs.front().status, DreamStatus::Cancelled);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM proposals WHERE ? > 0", 1), 0);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM dream_inputs WHERE ? > 0", 1), 0);
    }

    void failureIsRecordedOnTheRun()
    {
        const QString path = freshWorkspace(QStringLiteral("fail.reverie"), 70);
        DreamRequest req;
        req.workspacePath = path;
        req.engine = QStringLiteral("magic");
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Failed);
        QVERIFY2(r.run.error.contains(QLatin1String("unknown engine")), qPrintable(r.run.error));
        store::Workspace ws(path);
        QCOMPARE(store::DreamStore(ws).get(r.run.id)->error, r.run.error);
        QCOMPARE(countRows(ws, "SELECT count(*) FROM proposals WHERE ? > 0", 1), 0);
    }

    void selectionByWorkflowWindowAndNotYetDreamed()
    {
        const QString path = freshWorkspace(QStringLiteral("select.reverie"));
        DreamRequest req;
        req.workspacePath = path;
        req.selection.workflow = QStringLiteral("deploy_service");
        DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.run.trajectoryCount, 200);
        for (const Proposal &p : r.proposals)
            QCOMPARE(p.scope.workflows, QStringList{QStringLiteral("deploy_service")});
        QVERIFY(r.run.selection.contains("deploy_service"));

        // The same selection again, only runs not dreamed over: there are none.
        req.selection.notYetDreamed = true;
        r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.run.trajectoryCount, 0);
        QVERIFY(r.proposals.empty());

        // A time window: the first half of the corpus (one run a minute from startMs).
        DreamRequest windowed;
        windowed.workspacePath = path;
        windowed.selection.sinceMs = SyntheticOptions{}.startMs;
        windowed.selection.untilMs = SyntheticOptions{}.startMs + 350 * 60'000;
        r = runDreamPass(windowed);
        QCOMPARE(r.run.trajectoryCount, 350);

        // Failed runs only: the contrast comes from the workflow's other successes.
        DreamRequest failures;
        failures.workspacePath = freshWorkspace(QStringLiteral("select-failures.reverie"));
        failures.selection.verdict = Verdict::Failure;
        failures.selection.workflow = QStringLiteral("refund_order");
        r = runDreamPass(failures);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(findText(r.proposals, QStringLiteral("In refund_order, do not call issue_refund with force=true.")));
    }

    // Not a timed test: with REVERIE_DREAM_BENCH=1 it builds 10,000 runs of about 100 steps
    // and prints how long each stage of an offline pass takes.
    void largeCorpusTimings()
    {
        if (!qEnvironmentVariableIsSet("REVERIE_DREAM_BENCH"))
            QSKIP("set REVERIE_DREAM_BENCH=1 to time a pass over 10,000 runs / 1,000,000 steps");
        const QString path = m_dir.filePath(QStringLiteral("large.reverie"));
        QElapsedTimer t;
        t.start();
        qint64 steps = 0;
        {
            store::Workspace ws(path);
            SyntheticOptions o;
            o.trajectories = 10'000;
            o.minSteps = 103;
            steps = SyntheticTrajectories(o).writeTo(ws);
        }
        qInfo() << "corpus:" << steps << "steps written through the TrajectoryWriter in" << t.elapsed() << "ms";
        {
            SyntheticOptions o;
            o.trajectories = 10'000;
            o.minSteps = 103;
            t.restart();
            const qint64 lines = SyntheticTrajectories(o).writeJsonl(m_dir.filePath(QStringLiteral("large.jsonl")));
            qInfo() << "corpus:" << lines << "JSONL lines generated in" << t.elapsed() << "ms";
            t.restart();
        }
        QVERIFY(steps >= 1'000'000);
        DreamRequest req;
        req.workspacePath = path;
        QString lastStage;
        QElapsedTimer stage;
        stage.start();
        DreamControl control;
        control.progress = [&](int, const QString &name) {
            if (name == lastStage)
                return;
            if (!lastStage.isEmpty())
                qInfo().noquote() << "  " << lastStage << stage.restart() << "ms";
            lastStage = name;
        };
        t.restart();
        const DreamResult r = runDreamPass(req, control);
        const qint64 total = t.elapsed();
        qInfo() << "offline pass:" << total << "ms," << r.run.trajectoryCount << "runs," << r.proposals.size() << "proposals";
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.run.trajectoryCount, 10'000);
        const auto planted = SyntheticTrajectories::plantedLessons();
        int found = 0;
        for (const PlantedLesson &l : planted)
            found += std::any_of(r.proposals.begin(), r.proposals.end(), [&](const Proposal &p) { return l.matches(p); });
        qInfo() << "planted lessons recovered:" << found << "of" << planted.size();
        for (const Proposal &p : r.proposals)
            qInfo().noquote() << "  " << p.text;
    }

};

QTEST_GUILESS_MAIN(TestDreamPass)
#include "tst_dream_pass.moc"
