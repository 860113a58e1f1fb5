// One lesson, one proposal, aimed at the right step, and never a lesson the playbook or an
// open proposal already states in other words. Small hand-written runs, so that every count
// in them is visible in the test.

#include "core/dream/DreamPass.h"
#include "core/dream/OfflineMiner.h"
#include "core/dream/Selection.h"
#include "core/dream/TrajectoryFeatures.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/review/Ledger.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"
#include "DreamTestSupport.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;

namespace {

// Six successes take a backup, write the migration and apply it; five failures skip the backup.
// `applyFails`: the failures are refused at apply_migration; otherwise they stop without an
// error and report, so nothing points at either action.
std::vector<MinedLesson> mineBackupRuns(const QTemporaryDir &dir, bool applyFails)
{
    QByteArray jsonl;
    qint64 ts = 1'760'000'000'000;
    for (int i = 0; i < 6; ++i)
        jsonl += test::nativeRun(QStringLiteral("ok-%1").arg(i), QStringLiteral("migrate"),
                           {{"backup_db"}, {"write_migration"}, {"apply_migration"}, {"verify_schema"}}, true, ts += 1000);
    for (int i = 0; i < 5; ++i)
        jsonl += test::nativeRun(QStringLiteral("bad-%1").arg(i), QStringLiteral("migrate"),
                           {{"write_migration"}, {"apply_migration", applyFails}, {"report_failure"}}, false, ts += 1000);
    const QString file = test::writeFile(dir, QStringLiteral("runs.jsonl"), jsonl);
    store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
    const auto imported = ingest::ImportRunner(ws, ingest::FormatRegistry::builtin()).importFile(file);
    if (!imported.ok())
        qFatal("import failed: %s", qPrintable(imported.error));
    const FeatureSet set = loadFeatures(ws, selectRuns(ws, DreamSelection{}), {});
    return OfflineMiner(set).mine();
}

QString demoWorkspace(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("demo.reverie"));
    store::Workspace ws(path);
    ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
    const QString demo = QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo");
    for (const QString &f : QDir(demo).entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name)) {
        if (!runner.importFile(QDir(demo).filePath(f)).ok())
            qFatal("cannot import the demo file %s", qPrintable(f));
    }
    return path;
}

const QString kNoteRule = QStringLiteral("In deploy_service, never deploy without running the smoke tests first.");

bool proposesFor(const DreamResult &r, const QString &workflow)
{
    return std::any_of(r.proposals.begin(), r.proposals.end(),
                       [&](const Proposal &p) { return p.scope.workflows.contains(workflow); });
}

} // namespace

class TestOneLesson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aimsAtTheActionTheFailuresPointAt()
    {
        QTemporaryDir dir;
        const std::vector<MinedLesson> mined = mineBackupRuns(dir, true);
        QCOMPARE(mined.size(), std::size_t(1));
        QCOMPARE(mined.front().proposal.text, QStringLiteral("In migrate, run backup_db before apply_migration."));
        QVERIFY(!mined.front().proposal.rationale.contains(QLatin1String("Equally supported")));
    }

    void saysSoWhenTheFailuresPointAtNeither()
    {
        QTemporaryDir dir;
        const std::vector<MinedLesson> mined = mineBackupRuns(dir, false);
        QCOMPARE(mined.size(), std::size_t(1));
        const Proposal &p = mined.front().proposal;
        QCOMPARE(p.text, QStringLiteral("In migrate, run backup_db before write_migration."));
        QVERIFY2(p.rationale.contains(QLatin1String("Equally supported: the failures point as much at apply_migration "
                                                    "as at write_migration")),
                 qPrintable(p.rationale));
    }

    void aLongNoteIsQuotedNotCopied()
    {
        // Notes are free text of any length: the proposal quotes them, it does not copy 20 KB.
        QTemporaryDir dir;
        const QString note = QStringLiteral("Never deploy without run_tests (.*+?[] \\\\ ") + QString(20000, QLatin1Char('x'));
        QByteArray jsonl;
        qint64 ts = 1'760'000'000'000;
        for (int i = 0; i < 6; ++i)
            jsonl += test::nativeRun(QStringLiteral("ok-%1").arg(i), QStringLiteral("ship"), {{"run_tests"}, {"deploy"}},
                                     true, ts += 1000);
        for (int i = 0; i < 5; ++i)
            jsonl += test::nativeRun(QStringLiteral("bad-%1").arg(i), QStringLiteral("ship"), {{"deploy", true}}, false,
                                     ts += 1000, note);
        const QString file = test::writeFile(dir, QStringLiteral("runs.jsonl"), jsonl);
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        const auto imported = ingest::ImportRunner(ws, ingest::FormatRegistry::builtin()).importFile(file);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        const FeatureSet set = loadFeatures(ws, selectRuns(ws, DreamSelection{}), {});
        const std::vector<MinedLesson> mined = OfflineMiner(set).mine();
        QCOMPARE(mined.size(), std::size_t(1));
        const Proposal &p = mined.front().proposal;
        QCOMPARE(p.text, QStringLiteral("In ship, run run_tests before deploy."));
        QVERIFY2(p.rationale.size() < 800, qPrintable(QString::number(p.rationale.size())));
        QVERIFY(p.rationale.contains(QChar(0x2026)));
        for (const Evidence &e : p.evidence)
            QVERIFY(e.note.size() < 400);
    }

    void noRuleThePlaybookHasInOtherWords()
    {
        // The playbook says it in the reviewers' words; the runs show it as a skipped step.
        QTemporaryDir dir;
        const QString path = demoWorkspace(dir);
        {
            store::Workspace ws(path);
            Rule r;
            r.text = kNoteRule;
            r.scope.workflows = {QStringLiteral("deploy_service")};
            review::Ledger(ws).importPlaybook({r}, QStringLiteral("dana"), QStringLiteral("CLAUDE.md"));
        }
        DreamRequest request;
        request.workspacePath = path;
        const DreamResult r = runDreamPass(request);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(!proposesFor(r, QStringLiteral("deploy_service")));
        QVERIFY(proposesFor(r, QStringLiteral("refund_order")));
        QCOMPARE(r.curator.alreadyInPlaybook, 1);
    }

    void noRuleAnOpenProposalMakesInOtherWords()
    {
        QTemporaryDir dir;
        const QString path = demoWorkspace(dir);
        {
            store::Workspace ws(path);
            Proposal p;
            p.text = kNoteRule;
            p.scope.workflows = {QStringLiteral("deploy_service")};
            review::Ledger(ws).proposeManual(p, QStringLiteral("dana"));
        }
        DreamRequest request;
        request.workspacePath = path;
        const DreamResult r = runDreamPass(request);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(!proposesFor(r, QStringLiteral("deploy_service")));
        QCOMPARE(r.curator.alreadyProposed, 1);
        // What it folded and attached is on the dream run's record.
        QVERIFY(r.run.parameters.contains("\"notes_attached\":1"));
        QVERIFY(r.run.parameters.contains("\"merged_same_failures\":1"));
    }

    void aRejectedRuleMayComeBack()
    {
        // A rejection is not a rule: the runs may make the case again (the curator only keeps
        // the exact rejected words from coming back).
        QTemporaryDir dir;
        const QString path = demoWorkspace(dir);
        {
            store::Workspace ws(path);
            Proposal p;
            p.text = kNoteRule;
            p.scope.workflows = {QStringLiteral("deploy_service")};
            review::Ledger ledger(ws);
            const qint64 id = ledger.proposeManual(p, QStringLiteral("dana"));
            ledger.reject(id, QStringLiteral("lee"), QStringLiteral("too vague"));
        }
        DreamRequest request;
        request.workspacePath = path;
        const DreamResult r = runDreamPass(request);
        QVERIFY(proposesFor(r, QStringLiteral("deploy_service")));
    }
};

QTEST_GUILESS_MAIN(TestOneLesson)
#include "tst_dream_one_lesson.moc"
