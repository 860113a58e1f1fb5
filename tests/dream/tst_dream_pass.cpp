// The dream pass end to end: background runner, progress, cancellation, selection, the
// curator against an existing playbook, and what a pass leaves in the workspace.

#include "FakeLlmClient.h"

#include "core/dream/DreamPass.h"
#include "core/dream/DreamRunner.h"
#include "core/dream/Replay.h"
#include "core/dream/SyntheticTrajectories.h"
#include "core/store/DreamStore.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/Policy.h"
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

namespace {

int countRows(store::Workspace &ws, const char *sql, qint64 arg)
{
    sql::Statement st(ws.db(), sql);
    st.bind(1, arg);
    return st.step() ? int(st.int64(0)) : -1;
}

Rule rule(const QString &id, const QString &text, const QString &workflow, const QStringList &tools = {})
{
    Rule r;
    r.id = id;
    r.text = text;
    r.scope.workflows = {workflow};
    r.scope.tools = tools;
    r.origin = QStringLiteral("manual");
    return r;
}

const Proposal *findText(const std::vector<Proposal> &ps, const QString &text)
{
    for (const Proposal &p : ps) {
        if (p.text == text)
            return &p;
    }
    return nullptr;
}

} // namespace

class TestDreamPass : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString freshWorkspace(const QString &name, int trajectories = 1400, quint64 seed = 42)
    {
        const QString path = m_dir.filePath(name);
        store::Workspace ws(path);
        SyntheticOptions o;
        o.trajectories = trajectories;
        o.seed = seed;
        SyntheticTrajectories(o).writeTo(ws);
        return path;
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

    void earlierProposalsAreNotRepeated()
    {
        const QString path = freshWorkspace(QStringLiteral("repeat.reverie"));
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult first = runDreamPass(req);
        QVERIFY(first.proposals.size() >= 9);
        {
            store::Workspace ws(path);
            store::ProposalStore(ws).setStatus(first.proposals.front().id, ProposalStatus::Rejected);
            store::ProposalStore(ws).setStatus(first.proposals.back().id, ProposalStatus::Approved);
        }
        const DreamResult second = runDreamPass(req);
        QCOMPARE(second.run.status, DreamStatus::Succeeded);
        // Pending and rejected ones are not proposed again; the approved one is not in the
        // playbook (nobody applied it here), so it comes back.
        QCOMPARE(second.proposals.size(), std::size_t(1));
        QCOMPARE(second.proposals.front().text, first.proposals.back().text);
        QCOMPARE(second.curator.alreadyProposed, int(first.proposals.size()) - 1);
        QVERIFY(second.run.parameters.contains("\"already_proposed\""));
    }

    void curatorAgainstTheCurrentPlaybook()
    {
        const QString path = freshWorkspace(QStringLiteral("curate.reverie"));
        {
            store::Workspace ws(path);
            PlaybookVersion v;
            v.author = QStringLiteral("test");
            v.change = QStringLiteral("manual");
            v.rules = {
                rule(QStringLiteral("R1"), QStringLiteral("In deploy_service, run run_tests before deploy."),
                     QStringLiteral("deploy_service"), {QStringLiteral("run_tests"), QStringLiteral("deploy")}),
                rule(QStringLiteral("R2"), QStringLiteral("In refund_order, call issue_refund with force=true."),
                     QStringLiteral("refund_order"), {QStringLiteral("issue_refund")}),
                rule(QStringLiteral("R3"), QStringLiteral("In deploy_service, run lint_code before deploy."),
                     QStringLiteral("deploy_service"), {QStringLiteral("lint_code")}),
                rule(QStringLiteral("R4"), QStringLiteral("In book_flight, run update_payment before pay."),
                     QStringLiteral("book_flight"), {QStringLiteral("update_payment"), QStringLiteral("pay")}),
            };
            store::PlaybookHistory(ws).append(v);
            store::PolicySettings policy = store::Policy(ws).load();
            policy.highStakesWorkflows = {QStringLiteral("refund_order")};
            store::Policy(ws).save(policy);
        }
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        for (const Proposal &p : r.proposals)
            qInfo().noquote() << proposalOpName(p.op) << p.targetRules << p.text << "|" << p.rationale;

        // Already in the playbook: not proposed again.
        QVERIFY(!findText(r.proposals, QStringLiteral("In deploy_service, run run_tests before deploy.")));
        QCOMPARE(r.curator.alreadyInPlaybook, 1);
        // Contradiction with R2, and high stakes from the policy.
        const Proposal *force = findText(r.proposals, QStringLiteral("In refund_order, do not call issue_refund with force=true."));
        QVERIFY(force);
        QCOMPARE(force->stakes, Stakes::High);
        QVERIFY(std::any_of(force->conflicts.begin(), force->conflicts.end(), [](const Conflict &c) {
            return c.kind == QLatin1String("contradicts") && c.ruleId == QLatin1String("R2");
        }));
        // R3 names a tool no recent run uses; R4 is broken by most successes.
        const auto removal = [&](const QString &id) -> const Proposal * {
            for (const Proposal &p : r.proposals) {
                if (p.op == ProposalOp::Remove && p.targetRules == QStringList{id})
                    return &p;
            }
            return nullptr;
        };
        QVERIFY(removal(QStringLiteral("R3")));
        QVERIFY(removal(QStringLiteral("R3"))->rationale.contains(QLatin1String("No supporting evidence lately")));
        QVERIFY(removal(QStringLiteral("R4")));
        QVERIFY(removal(QStringLiteral("R4"))->rationale.contains(QLatin1String("Contradicted by recent successes")));
        QVERIFY(!removal(QStringLiteral("R4"))->evidence.empty());
        QVERIFY(!removal(QStringLiteral("R2")));   // contradicted by a proposal, not stale
        for (const Proposal &p : r.proposals) {
            QCOMPARE(p.baseVersion, 1);
            QCOMPARE(p.stakes, p.scope.workflows.contains(QStringLiteral("refund_order")) ? Stakes::High : Stakes::Low);
        }
    }

    void sizeBudgetProposesMerges()
    {
        const QString path = freshWorkspace(QStringLiteral("budget.reverie"));
        {
            store::Workspace ws(path);
            PlaybookVersion v;
            v.author = QStringLiteral("test");
            v.change = QStringLiteral("manual");
            v.rules = {
                rule(QStringLiteral("R1"), QStringLiteral("In scrape_catalog, call list_pages before fetch_page."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("list_pages")}),
                rule(QStringLiteral("R2"), QStringLiteral("In scrape_catalog, store every page you fetch."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("store_items")}),
                rule(QStringLiteral("R3"), QStringLiteral("In scrape_catalog, keep requests polite."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("fetch_page")}),
            };
            store::PlaybookHistory(ws).append(v);
            store::PolicySettings policy = store::Policy(ws).load();
            policy.maxRules = 6;
            store::Policy(ws).save(policy);
        }
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.curator.budgetMerges, 1);
        const auto merge = std::find_if(r.proposals.begin(), r.proposals.end(), [](const Proposal &p) { return p.op == ProposalOp::Merge; });
        QVERIFY(merge != r.proposals.end());
        QCOMPARE(merge->targetRules, (QStringList{QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3")}));
        QVERIFY2(merge->text.startsWith(QLatin1String("In scrape_catalog: call list_pages before fetch_page; ")), qPrintable(merge->text));
        QVERIFY(!merge->evidence.empty());
        int adds = 0;
        for (const Proposal &p : r.proposals)
            adds += p.op == ProposalOp::Add;
        QVERIFY2(1 + adds <= 6, qPrintable(QString::number(adds)));   // 3 rules merged into 1, plus the additions
        QVERIFY(r.curator.droppedForBudget > 0);
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
        qInfo() << "corpus:" << steps << "steps written in" << t.elapsed() << "ms";
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

    void replayFlagsRulesSuccessesBreak()
    {
        const QString path = freshWorkspace(QStringLiteral("replay.reverie"));
        store::Workspace ws(path);
        const std::vector<RunHeader> headers = selectRuns(ws, DreamSelection{});
        const FeatureSet set = loadFeatures(ws, headers, {});
        Proposal bad;
        bad.text = QStringLiteral("In book_flight, run update_payment before pay.");
        const ReplayRecord flagged = replayProposal(bad, set);
        QVERIFY(flagged.successesBreakIt);
        QVERIFY(flagged.broke > flagged.brokeFailed);
        Proposal good;
        good.text = QStringLiteral("In deploy_service, run run_tests before deploy.");
        const ReplayRecord ok = replayProposal(good, set);
        QVERIFY(!ok.successesBreakIt);
        QVERIFY(ok.brokeFailed * 10 >= ok.broke * 8);
        QVERIFY(ok.keptSucceeded * 10 >= ok.kept * 7);
        Proposal freeText;
        freeText.text = QStringLiteral("Be careful with deployments.");
        QCOMPARE(replayProposal(freeText, set).broke + replayProposal(freeText, set).kept, 0);
    }
};

QTEST_GUILESS_MAIN(TestDreamPass)
#include "tst_dream_pass.moc"
