// The curator against an existing playbook and earlier proposals: duplicates, typed
// conflicts, stale rules, the size budget, stakes, and replay's flag on rules successes break.

#include "DreamTestSupport.h"

#include "core/dream/DreamPass.h"
#include "core/dream/Replay.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;

class TestDreamCurator : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void earlierProposalsAreNotRepeated()
    {
        const QString path = test::syntheticWorkspace(m_dir, QStringLiteral("repeat.reverie"));
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
        const QString path = test::syntheticWorkspace(m_dir, QStringLiteral("curate.reverie"));
        {
            store::Workspace ws(path);
            PlaybookVersion v;
            v.author = QStringLiteral("test");
            v.change = QStringLiteral("manual");
            v.rules = {
                test::rule(QStringLiteral("R1"), QStringLiteral("In deploy_service, run run_tests before deploy."),
                     QStringLiteral("deploy_service"), {QStringLiteral("run_tests"), QStringLiteral("deploy")}),
                test::rule(QStringLiteral("R2"), QStringLiteral("In refund_order, call issue_refund with force=true."),
                     QStringLiteral("refund_order"), {QStringLiteral("issue_refund")}),
                test::rule(QStringLiteral("R3"), QStringLiteral("In deploy_service, run lint_code before deploy."),
                     QStringLiteral("deploy_service"), {QStringLiteral("lint_code")}),
                test::rule(QStringLiteral("R4"), QStringLiteral("In book_flight, run update_payment before pay."),
                     QStringLiteral("book_flight"), {QStringLiteral("update_payment"), QStringLiteral("pay")}),
            };
            store::PlaybookHistory(ws).append(v);
            review::PolicySettings policy = review::Policy(ws).load();
            policy.highStakesWorkflows = {QStringLiteral("refund_order")};
            review::Policy(ws).save(policy);
        }
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        for (const Proposal &p : r.proposals)
            qInfo().noquote() << proposalOpName(p.op) << p.targetRules << p.text << "|" << p.rationale;

        // Already in the playbook: not proposed again.
        QVERIFY(!test::findText(r.proposals, QStringLiteral("In deploy_service, run run_tests before deploy.")));
        QCOMPARE(r.curator.alreadyInPlaybook, 1);
        // Contradiction with R2, and high stakes from the policy.
        const Proposal *force = test::findText(r.proposals, QStringLiteral("In refund_order, do not call issue_refund with force=true."));
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
        const QString path = test::syntheticWorkspace(m_dir, QStringLiteral("budget.reverie"));
        {
            store::Workspace ws(path);
            PlaybookVersion v;
            v.author = QStringLiteral("test");
            v.change = QStringLiteral("manual");
            v.rules = {
                test::rule(QStringLiteral("R1"), QStringLiteral("In scrape_catalog, call list_pages before fetch_page."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("list_pages")}),
                test::rule(QStringLiteral("R2"), QStringLiteral("In scrape_catalog, store every page you fetch."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("store_items")}),
                test::rule(QStringLiteral("R3"), QStringLiteral("In scrape_catalog, keep requests polite."),
                     QStringLiteral("scrape_catalog"), {QStringLiteral("fetch_page")}),
            };
            store::PlaybookHistory(ws).append(v);
            review::PolicySettings policy = review::Policy(ws).load();
            policy.maxRules = 6;
            review::Policy(ws).save(policy);
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

    void lowStakesAdditionsApplyWhenThePolicySaysSo()
    {
        const QString path = test::syntheticWorkspace(m_dir, QStringLiteral("auto.reverie"));
        {
            store::Workspace ws(path);
            review::PolicySettings policy = review::Policy(ws).load();
            policy.autoApplyLowStakes = true;
            policy.highStakesWorkflows = {QStringLiteral("refund_order")};
            review::Policy(ws).save(policy);
        }
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        int approved = 0;
        for (const Proposal &p : r.proposals) {
            const bool high = p.scope.workflows.contains(QStringLiteral("refund_order"));
            QCOMPARE(p.status, high ? ProposalStatus::Pending : ProposalStatus::Approved);
            approved += p.status == ProposalStatus::Approved;
        }
        QVERIFY(approved >= 6);
        QCOMPARE(r.autoApplied, approved);
        store::Workspace ws(path);
        const PlaybookVersion current = store::PlaybookHistory(ws).current();
        QCOMPARE(int(current.rules.size()), approved);
        QCOMPARE(current.author, QStringLiteral("auto-apply"));
        QVERIFY(r.run.parameters.contains("\"auto_applied\""));
    }

    void replayFlagsRulesSuccessesBreak()
    {
        const QString path = test::syntheticWorkspace(m_dir, QStringLiteral("replay.reverie"));
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

QTEST_GUILESS_MAIN(TestDreamCurator)
#include "tst_dream_curator.moc"
