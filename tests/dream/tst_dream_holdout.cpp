// The hold-out check: a pass mines each workflow's older runs and tests every candidate on the
// newest quarter. Hand-written runs, so that which runs are held out and every count is visible.

#include "HandRuns.h"

#include "core/dream/DreamPass.h"
#include "core/dream/HoldOut.h"
#include "core/dream/Selection.h"
#include "core/dream/TrajectoryFeatures.h"
#include "core/store/DreamStore.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;
using test::HandRun;

namespace {

constexpr qint64 kBase = 1'760'000'000'000;
constexpr qint64 kMinute = 60'000;

// `older` runs where skipping `before` fails (every third run) and taking it succeeds, then
// `newer` runs alternating between skipping it and taking it; a skip fails when `newerSkipFails`.
// Run i starts at minute i, so the newer runs are the newest.
void addLesson(std::vector<HandRun> &runs, const QString &workflow, const char *before, const char *tool, int older,
               int newer, bool newerSkipFails)
{
    for (int i = 0; i < older + newer; ++i) {
        const bool isNewer = i >= older;
        const bool skip = isNewer ? (i - older) % 2 == 0 : i % 3 == 0;
        HandRun r;
        r.id = QStringLiteral("%1-%2").arg(workflow).arg(i, 2, 10, QLatin1Char('0'));
        r.workflow = workflow;
        r.tools = skip ? std::vector<const char *>{tool} : std::vector<const char *>{before, tool};
        r.success = !skip || (isNewer && !newerSkipFails);
        r.startMs = kBase + i * kMinute;
        runs.push_back(r);
    }
}

// ship: a real lesson that still holds on the newest runs; migrate: one that stopped mattering
// (the newest runs skip the backup and succeed); small: too few runs to hold any out; quiet:
// the newest runs never call the tool the rule is about.
std::vector<HandRun> lessonRuns()
{
    std::vector<HandRun> runs;
    addLesson(runs, QStringLiteral("ship"), "run_tests", "deploy", 30, 10, true);
    addLesson(runs, QStringLiteral("migrate"), "backup_db", "apply_migration", 30, 10, false);
    addLesson(runs, QStringLiteral("small"), "check_stock", "place_order", 12, 0, true);
    addLesson(runs, QStringLiteral("quiet"), "read_contract", "sign_contract", 18, 0, true);
    for (int i = 0; i < 6; ++i)
        runs.push_back({QStringLiteral("quiet-new-%1").arg(i), QStringLiteral("quiet"), {"read_docs"}, true,
                        kBase + (100 + i) * kMinute});
    return runs;
}

const Proposal *containing(const std::vector<Proposal> &ps, const QString &words)
{
    for (const Proposal &p : ps) {
        if (p.text.contains(words))
            return &p;
    }
    return nullptr;
}

QSet<QString> heldOutIds(const FeatureSet &set)
{
    QSet<QString> out;
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
        if (set.runs[i].heldOut)
            out.insert(set.externalIds[i]);
    }
    return out;
}

} // namespace

class TestDreamHoldOut : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void splitIsByStartTimePerWorkflow()
    {
        std::vector<HandRun> runs;
        // alpha: imported in one order, started in another (minute (7 i) mod 24); the newest
        // quarter by start time is a-03, a-06, a-10, a-13, a-17 and a-20.
        for (int i = 0; i < 24; ++i)
            runs.push_back({QStringLiteral("a-%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("alpha"),
                            {"look", "act"}, i % 2 == 0, kBase + ((7 * i) % 24) * kMinute});
        // Unjudged runs are neither counted nor held out, however new.
        runs.push_back({QStringLiteral("a-unjudged-1"), QStringLiteral("alpha"), {"act"}, true, kBase + 90 * kMinute, false});
        runs.push_back({QStringLiteral("a-unjudged-2"), QStringLiteral("alpha"), {"act"}, false, kBase + 91 * kMinute, false});
        // beta: 19 judged runs, one short of the minimum.
        for (int i = 0; i < 19; ++i)
            runs.push_back({QStringLiteral("b-%1").arg(i), QStringLiteral("beta"), {"act"}, i % 2 == 0, kBase + i * kMinute});
        // gamma: 20 runs, all successes: nothing to test a rule against.
        for (int i = 0; i < 20; ++i)
            runs.push_back({QStringLiteral("g-%1").arg(i), QStringLiteral("gamma"), {"act"}, true, kBase + i * kMinute});
        // delta: 20 runs started at the same moment: the later rows count as newer.
        for (int i = 0; i < 20; ++i)
            runs.push_back({QStringLiteral("d-%1").arg(i, 2, 10, QLatin1Char('0')), QStringLiteral("delta"), {"act"},
                            i % 3 != 0, kBase});
        const QString path = test::handWorkspace(m_dir, QStringLiteral("split.reverie"), runs);
        store::Workspace ws(path);
        FeatureSet set = loadFeatures(ws, selectRuns(ws, DreamSelection{}), {});

        const HoldOutSplit split = holdOutNewest(set, 0.25);
        const QSet<QString> expected{QStringLiteral("a-03"), QStringLiteral("a-06"), QStringLiteral("a-10"),
                                     QStringLiteral("a-13"), QStringLiteral("a-17"), QStringLiteral("a-20"),
                                     QStringLiteral("d-15"), QStringLiteral("d-16"), QStringLiteral("d-17"),
                                     QStringLiteral("d-18"), QStringLiteral("d-19")};
        QCOMPARE(heldOutIds(set), expected);
        QCOMPARE(split.heldOutRuns(), 11);
        QCOMPARE(split.workflowsSplit(), 2);
        QCOMPARE(split.workflows.at(set.strings.find("alpha")).judged, 24);
        QVERIFY(split.workflows.at(set.strings.find("beta")).heldOut.empty());
        QVERIFY(split.workflows.at(set.strings.find("gamma")).heldOut.empty());

        // Off: nothing held out, and a second split starts from scratch.
        const HoldOutSplit off = holdOutNewest(set, 0);
        QVERIFY(heldOutIds(set).isEmpty());
        QCOMPARE(off.heldOutRuns(), 0);
    }

    void realLessonHoldsStaleOneIsDroppedFewRunsAreKept()
    {
        const QString path = test::handWorkspace(m_dir, QStringLiteral("lessons.reverie"), lessonRuns());
        DreamRequest req;
        req.workspacePath = path;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.holdOut.heldOutRuns, 10 + 10 + 6);

        // ship: the newest ten went as the rule says, five that broke it failed, five that kept it succeeded.
        const Proposal *ship = containing(r.proposals, QStringLiteral("run_tests before deploy"));
        QVERIFY(ship);
        QCOMPARE(ship->holdOut.result, HoldOutRecord::Result::Held);
        QCOMPARE(ship->holdOut.applicable, 10);
        QCOMPARE(ship->holdOut.agreed, 10);
        QCOMPARE(ship->holdOut.broke, 5);
        QCOMPARE(ship->holdOut.brokeFailed, 5);
        QCOMPARE(describeHoldOut(ship->holdOut), QStringLiteral("holds on 10 of 10 newer runs"));
        // Mined on the older runs only: no evidence cites a held-out run.
        for (const Evidence &e : ship->evidence)
            QVERIFY2(e.trajectoryExternalId < QLatin1String("ship-30"), qPrintable(e.trajectoryExternalId));
        // The replay (and so the strength) still counts every stored run.
        QCOMPARE(ship->replay.broke, 15);

        // migrate: the newest runs skip the backup and succeed; dropped, and the run says why.
        QVERIFY(!containing(r.proposals, QStringLiteral("backup_db")));
        QCOMPARE(r.holdOut.dropped.size(), std::size_t(1));
        QVERIFY(r.holdOut.dropped.front().text.contains(QLatin1String("backup_db before apply_migration")));
        QCOMPARE(r.holdOut.dropped.front().reason,
                 QStringLiteral("did not hold on 10 newer runs: 0 of 5 that broke it failed, 0 of 5 that kept it failed"));
        store::Workspace ws(path);
        const auto stored = store::DreamStore(ws).get(r.run.id);
        QVERIFY(stored);
        const QJsonObject holdout = QJsonDocument::fromJson(stored->parameters).object()[QLatin1String("holdout")].toObject();
        QCOMPARE(holdout[QLatin1String("share")].toDouble(), 0.25);
        QCOMPARE(holdout[QLatin1String("held_out_runs")].toInt(), 26);
        const QJsonArray dropped = holdout[QLatin1String("dropped")].toArray();
        QCOMPARE(dropped.size(), 1);
        QVERIFY(dropped.first().toObject()[QLatin1String("reason")].toString().startsWith(QLatin1String("did not hold")));

        // small: too few runs to hold any out: kept, and says it was not tested.
        const Proposal *small = containing(r.proposals, QStringLiteral("check_stock before place_order"));
        QVERIFY(small);
        QCOMPARE(small->holdOut.result, HoldOutRecord::Result::TooFewRuns);
        QCOMPARE(small->holdOut.heldOut, 0);
        QCOMPARE(describeHoldOut(small->holdOut),
                 QStringLiteral("not tested on newer runs: too few runs in its workflow to hold any out"));

        // quiet: six newer runs held out, none of them calls sign_contract: kept, untested.
        const Proposal *quiet = containing(r.proposals, QStringLiteral("read_contract before sign_contract"));
        QVERIFY(quiet);
        QCOMPARE(quiet->holdOut.result, HoldOutRecord::Result::TooFewRuns);
        QCOMPARE(quiet->holdOut.heldOut, 6);
        QCOMPARE(describeHoldOut(quiet->holdOut),
                 QStringLiteral("not enough newer runs to test: of 6 held out, 0 broke it and 0 kept it"));

        // As stored and read back.
        const auto again = store::ProposalStore(ws).get(ship->id);
        QVERIFY(again);
        QCOMPARE(again->holdOut.result, HoldOutRecord::Result::Held);
        QCOMPARE(again->holdOut.agreed, 10);
        QCOMPARE(again->holdOut.share, 0.25);
    }

    void offMeansNoCheck()
    {
        const QString path = test::handWorkspace(m_dir, QStringLiteral("off.reverie"), lessonRuns());
        DreamRequest req;
        req.workspacePath = path;
        req.holdOutShare = 0;
        const DreamResult r = runDreamPass(req);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(containing(r.proposals, QStringLiteral("run_tests before deploy")));
        for (const Proposal &p : r.proposals)
            QCOMPARE(p.holdOut.result, HoldOutRecord::Result::None);
        QVERIFY(r.holdOut.dropped.empty());
        const QJsonObject holdout = QJsonDocument::fromJson(r.run.parameters).object()[QLatin1String("holdout")].toObject();
        QCOMPARE(holdout[QLatin1String("share")].toDouble(), 0.0);
        QCOMPARE(holdout[QLatin1String("held_out_runs")].toInt(), 0);
    }

    void proposalsReadBackAsLessonsAreTested()
    {
        const QString path = test::handWorkspace(m_dir, QStringLiteral("readback.reverie"), lessonRuns());
        store::Workspace ws(path);
        FeatureSet set = loadFeatures(ws, selectRuns(ws, DreamSelection{}), {});
        const HoldOutSplit split = holdOutNewest(set, kDefaultHoldOutShare);
        Proposal mined;
        mined.text = QStringLiteral("In ship, run run_tests before deploy.");
        QCOMPARE(testHoldOut(mined, set, split).result, HoldOutRecord::Result::Held);
        Proposal stale;
        stale.text = QStringLiteral("In migrate, run backup_db before apply_migration.");
        QCOMPARE(testHoldOut(stale, set, split).result, HoldOutRecord::Result::NotHeld);
        Proposal freeText;
        freeText.text = QStringLiteral("Be careful with deployments.");
        QCOMPARE(testHoldOut(freeText, set, split).result, HoldOutRecord::Result::NotTested);
        Proposal removal;
        removal.op = ProposalOp::Remove;
        QCOMPARE(testHoldOut(removal, set, split).result, HoldOutRecord::Result::None);
    }

    void commandLineShowsTheCheck()
    {
        const QString path = test::handWorkspace(m_dir, QStringLiteral("cli.reverie"), lessonRuns());
        const auto cli = [&](QStringList args) {
            args.prepend(path);
            args.prepend(QStringLiteral("--workspace"));
            return test::runCli(args);
        };
        QCOMPARE(cli({QStringLiteral("dream"), QStringLiteral("--holdout"), QStringLiteral("0.9")}).exitCode, 2);
        const auto dream = cli({QStringLiteral("dream")});
        QVERIFY2(dream.exitCode == 0, dream.err.constData());
        QVERIFY2(dream.out.contains("Hold-out: 26 newest runs of 3 workflows tested the candidates; 1 dropped."),
                 dream.out.constData());
        QVERIFY(dream.out.contains("  dropped: In migrate, run backup_db before apply_migration."));
        QVERIFY(dream.out.contains("    did not hold on 10 newer runs"));

        const auto text = cli({QStringLiteral("proposals")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("    hold-out: holds on 10 of 10 newer runs\n"), text.out.constData());
        QVERIFY(text.out.contains("    hold-out: not tested on newer runs: too few runs in its workflow to hold any out\n"));

        const auto json = cli({QStringLiteral("proposals"), QStringLiteral("--json")});
        QCOMPARE(json.exitCode, 0);
        bool sawHeld = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(json.out).array()) {
            const QJsonObject h = v.toObject()[QLatin1String("holdout")].toObject();
            QVERIFY(!h.isEmpty());
            if (h[QLatin1String("result")].toString() == QLatin1String("held")) {
                sawHeld = true;
                QCOMPARE(h[QLatin1String("agreed")].toInt(), 10);
                QCOMPARE(h[QLatin1String("applicable")].toInt(), 10);
                QCOMPARE(h[QLatin1String("text")].toString(), QStringLiteral("holds on 10 of 10 newer runs"));
            }
        }
        QVERIFY(sawHeld);
    }
};

QTEST_GUILESS_MAIN(TestDreamHoldOut)
#include "tst_dream_holdout.moc"
