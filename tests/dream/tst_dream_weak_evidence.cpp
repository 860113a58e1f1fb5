// Weak evidence: marked, listed last, never auto-applied; the weakest evidence auto-apply
// accepts is policy, and accepting weaker evidence while auto-apply is on is a loosening that
// goes through the gate. Hand-written runs, so that every replay table is visible.

#include "HandRuns.h"

#include "core/dream/DreamPass.h"
#include "core/dream/Strength.h"
#include "core/review/Ledger.h"
#include "core/review/PolicyChange.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;
using test::HandRun;

namespace {

constexpr qint64 kBase = 1'760'000'000'000;

// `failed` runs skip `before` and fail; `succeeded` runs take it and succeed.
void addLesson(std::vector<HandRun> &runs, const QString &workflow, const char *before, const char *tool, int failed,
               int succeeded)
{
    for (int i = 0; i < failed + succeeded; ++i) {
        const bool skip = i < failed;
        runs.push_back({QStringLiteral("%1-%2").arg(workflow).arg(i), workflow,
                        skip ? std::vector<const char *>{tool} : std::vector<const char *>{before, tool}, !skip,
                        kBase + i * 60'000});
    }
}

// Strong: 6 of 6 that broke it failed, 8 of 8 that kept it succeeded (p = 1/3003). Moderate:
// 4 and 4 (p = 1/70). Weak: 3 and 2 (p = 1/10). Too few runs per workflow for a hold-out.
QString threeLessons(const QTemporaryDir &dir, const QString &name, const review::PolicySettings &policy)
{
    std::vector<HandRun> runs;
    addLesson(runs, QStringLiteral("strongwf"), "run_tests", "deploy", 6, 8);
    addLesson(runs, QStringLiteral("modwf"), "backup_db", "apply_migration", 4, 4);
    addLesson(runs, QStringLiteral("weakwf"), "check_stock", "place_order", 3, 2);
    const QString path = test::handWorkspace(dir, name, runs);
    store::Workspace ws(path);
    review::Policy(ws).save(policy);
    return path;
}

const Proposal *inWorkflow(const std::vector<Proposal> &ps, const QString &workflow)
{
    for (const Proposal &p : ps) {
        if (p.scope.workflows.contains(workflow))
            return &p;
    }
    return nullptr;
}

review::PolicySettings autoApplying(StrengthLevel minimum)
{
    review::PolicySettings policy;
    policy.autoApplyLowStakes = true;
    policy.minStrength = minimum;
    return policy;
}

Proposal manualWithReplay(const QString &text, ReplayRecord replay)
{
    Proposal p;
    p.text = text;
    p.rationale = QStringLiteral("Seen in review.");
    p.replay = replay;
    return p;
}

} // namespace

class TestDreamWeakEvidence : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void theThreeLessonsHaveTheirStrengths()
    {
        const QString path = threeLessons(m_dir, QStringLiteral("levels.reverie"), {});
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        const Proposal *strong = inWorkflow(r.proposals, QStringLiteral("strongwf"));
        const Proposal *moderate = inWorkflow(r.proposals, QStringLiteral("modwf"));
        const Proposal *weak = inWorkflow(r.proposals, QStringLiteral("weakwf"));
        QVERIFY(strong && moderate && weak);
        QCOMPARE(strengthOf(strong->replay).level, StrengthLevel::Strong);
        QCOMPARE(strengthOf(moderate->replay).level, StrengthLevel::Moderate);
        QCOMPARE(strengthOf(weak->replay).level, StrengthLevel::Weak);
        QCOMPARE(strengthRank(*weak), kWeakStrengthRank);
    }

    void weakIsNotAutoAppliedStrongIs()
    {
        const QString path = threeLessons(m_dir, QStringLiteral("auto.reverie"), autoApplying(StrengthLevel::Moderate));
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("strongwf"))->status, ProposalStatus::Approved);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("modwf"))->status, ProposalStatus::Approved);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("weakwf"))->status, ProposalStatus::Pending);
        QCOMPARE(r.autoApplied, 2);
    }

    void minStrengthStrongStopsModerateOnes()
    {
        const QString path = threeLessons(m_dir, QStringLiteral("strict.reverie"), autoApplying(StrengthLevel::Strong));
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("strongwf"))->status, ProposalStatus::Approved);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("modwf"))->status, ProposalStatus::Pending);
        QCOMPARE(inWorkflow(r.proposals, QStringLiteral("weakwf"))->status, ProposalStatus::Pending);
        QCOMPARE(r.autoApplied, 1);
    }

    void theLedgerRefusesWeakEvidenceOnEveryPath()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("ledger.reverie")));
        review::Policy(ws).save(autoApplying(StrengthLevel::Moderate));
        review::Ledger ledger(ws);
        Proposal weak = manualWithReplay(QStringLiteral("Wait a little."), {3, 3, 2, 2, false});
        const qint64 weakId = ledger.proposeManual(weak, QStringLiteral("lee"));
        try {
            ledger.applyAutomatically(weakId, QStringLiteral("policy"));
            QFAIL("weak evidence was auto-applied");
        } catch (const review::LedgerRefusal &e) {
            QVERIFY2(e.message().contains(QLatin1String("evidence is weak (p = 0.1)")), qPrintable(e.message()));
        }
        Proposal unmeasured = manualWithReplay(QStringLiteral("Be kind."), {});
        const qint64 unmeasuredId = ledger.proposeManual(unmeasured, QStringLiteral("lee"));
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.applyAutomatically(unmeasuredId, QStringLiteral("policy")));
        Proposal strong = manualWithReplay(QStringLiteral("Back up first."), {6, 6, 8, 8, false});
        const qint64 strongId = ledger.proposeManual(strong, QStringLiteral("lee"));
        QCOMPARE(ledger.applyAutomatically(strongId, QStringLiteral("policy")).outcome, review::DecisionResult::Outcome::Applied);

        // An operator who accepts any evidence gets what they asked for.
        review::Policy(ws).save(autoApplying(StrengthLevel::Weak));
        QCOMPARE(ledger.applyAutomatically(weakId, QStringLiteral("policy")).outcome, review::DecisionResult::Outcome::Applied);
        QCOMPARE(store::ProposalStore(ws).get(unmeasuredId)->status, ProposalStatus::Pending);
    }

    void loweringTheMinimumIsALooseningWhileAutoApplyIsOn_data()
    {
        QTest::addColumn<bool>("autoApply");
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<bool>("loosens");
        QTest::newRow("on, moderate -> weak") << true << int(StrengthLevel::Moderate) << int(StrengthLevel::Weak) << true;
        QTest::newRow("on, strong -> moderate") << true << int(StrengthLevel::Strong) << int(StrengthLevel::Moderate) << true;
        QTest::newRow("on, moderate -> strong") << true << int(StrengthLevel::Moderate) << int(StrengthLevel::Strong) << false;
        QTest::newRow("off, moderate -> weak") << false << int(StrengthLevel::Moderate) << int(StrengthLevel::Weak) << false;
    }
    void loweringTheMinimumIsALooseningWhileAutoApplyIsOn()
    {
        QFETCH(bool, autoApply);
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(bool, loosens);
        review::PolicySettings before;
        before.autoApplyLowStakes = autoApply;
        before.minStrength = static_cast<StrengthLevel>(from);
        before.highStakesWorkflows = {QStringLiteral("deploy_service")};   // the policy protects something
        review::PolicyChange change;
        change.minStrength = static_cast<StrengthLevel>(to);
        const review::PolicySettings after = change.applyTo(before);
        QCOMPARE(!review::loosenings(before, after).isEmpty(), loosens);
        QCOMPARE(review::describeChange(before, after),
                 QStringLiteral("auto-apply needs %1 evidence (was %2)")
                     .arg(strengthLevelName(after.minStrength), strengthLevelName(before.minStrength)));
        QCOMPARE(review::PolicyChange::fromJson(change.toJson()).minStrength, change.minStrength);

        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("gate.reverie")));
        review::Policy(ws).save(before);
        const review::DecisionResult r = review::Ledger(ws).changePolicy(change, QStringLiteral("ops"), QStringLiteral("why"));
        QCOMPARE(r.outcome, loosens ? review::DecisionResult::Outcome::AwaitingApprovals
                                    : review::DecisionResult::Outcome::Applied);
        QCOMPARE(review::Policy(ws).load().minStrength, loosens ? before.minStrength : after.minStrength);
        if (loosens) {
            // The policy's two approvers let it land.
            review::Ledger(ws).approve(r.proposal, QStringLiteral("sam"), QStringLiteral("agreed"));
            QCOMPARE(review::Policy(ws).load().minStrength, before.minStrength);
            review::Ledger(ws).approve(r.proposal, QStringLiteral("kim"), QStringLiteral("agreed"));
            QCOMPARE(review::Policy(ws).load().minStrength, after.minStrength);
        }
    }

    void policyCommandSetsAndShowsTheMinimum()
    {
        const QString path = m_dir.filePath(QStringLiteral("cli-policy.reverie"));
        { store::Workspace ws(path); }
        const auto cli = [&](QStringList args) {
            args.prepend(path);
            args.prepend(QStringLiteral("--workspace"));
            return test::runCli(args);
        };
        QCOMPARE(cli({QStringLiteral("policy"), QStringLiteral("--min-strength"), QStringLiteral("certain"),
                      QStringLiteral("--reviewer"), QStringLiteral("ops")}).exitCode, 2);
        const auto set = cli({QStringLiteral("policy"), QStringLiteral("--min-strength"), QStringLiteral("strong"),
                              QStringLiteral("--reviewer"), QStringLiteral("ops")});
        QVERIFY2(set.exitCode == 0, set.err.constData());
        QVERIFY2(set.out.contains("auto-apply needs strong evidence (was moderate)"), set.out.constData());
        QVERIFY(set.out.contains("auto-apply low stakes: no, with strong evidence or stronger"));
        const auto json = cli({QStringLiteral("policy"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(json.out).object()[QLatin1String("min_strength")].toString(), QStringLiteral("strong"));
    }

    void proposalsListStrongFirstWeakLast()
    {
        const QString path = m_dir.filePath(QStringLiteral("cli-order.reverie"));
        qint64 weak = 0, strong = 0, moderate = 0, unmeasured = 0;
        {
            store::Workspace ws(path);
            review::Ledger ledger(ws);
            Proposal w = manualWithReplay(QStringLiteral("Weak: wait a little."), {3, 3, 2, 2, false});
            weak = ledger.proposeManual(w, QStringLiteral("lee"));
            Proposal s = manualWithReplay(QStringLiteral("Strong: back up first."), {6, 6, 8, 8, false});
            strong = ledger.proposeManual(s, QStringLiteral("lee"));
            Proposal m = manualWithReplay(QStringLiteral("Moderate: confirm first."), {4, 4, 4, 4, false});
            moderate = ledger.proposeManual(m, QStringLiteral("lee"));
            Proposal u = manualWithReplay(QStringLiteral("Unmeasured: be kind."), {});
            unmeasured = ledger.proposeManual(u, QStringLiteral("lee"));
        }
        const auto cli = [&](QStringList args) {
            args.prepend(path);
            args.prepend(QStringLiteral("--workspace"));
            return test::runCli(args);
        };
        const auto text = cli({QStringLiteral("proposals")});
        QCOMPARE(text.exitCode, 0);
        const QList<qsizetype> at{text.out.indexOf("Strong:"), text.out.indexOf("Moderate:"), text.out.indexOf("Unmeasured:"),
                                  text.out.indexOf("Weak:")};
        QVERIFY2(at[0] >= 0 && at[0] < at[1] && at[1] < at[2] && at[2] < at[3], text.out.constData());
        QVERIFY(text.out.contains(QStringLiteral("#%1 add [low stakes, pending, weak evidence] Weak:").arg(weak).toUtf8()));
        QCOMPARE(text.out.count("weak evidence]"), 1);

        const auto json = cli({QStringLiteral("proposals"), QStringLiteral("--json")});
        QList<qint64> ids;
        QStringList levels;
        for (const QJsonValue &v : QJsonDocument::fromJson(json.out).array()) {
            ids << v.toObject()[QLatin1String("id")].toInteger();
            levels << v.toObject()[QLatin1String("strength")].toObject()[QLatin1String("level")].toString();
            QVERIFY(v.toObject()[QLatin1String("holdout")].isNull());   // a person's proposal: no hold-out
        }
        QCOMPARE(ids, (QList<qint64>{strong, moderate, unmeasured, weak}));
        QCOMPARE(levels.first(), QStringLiteral("strong"));
        QCOMPARE(levels.last(), QStringLiteral("weak"));
    }
};

QTEST_GUILESS_MAIN(TestDreamWeakEvidence)
#include "tst_dream_weak_evidence.moc"
