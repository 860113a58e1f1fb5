// The offline miner on synthetic trajectories with planted lessons, and on the demo data.

#include "core/dream/OfflineMiner.h"
#include "core/dream/Replay.h"
#include "core/dream/RuleText.h"
#include "core/dream/Selection.h"
#include "core/dream/SyntheticTrajectories.h"
#include "core/dream/TrajectoryFeatures.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;

namespace {

std::vector<MinedLesson> mineAll(store::Workspace &ws, FeatureSet *keep = nullptr)
{
    const std::vector<RunHeader> headers = selectRuns(ws, DreamSelection{});
    FeatureSet set = loadFeatures(ws, headers, {});
    std::vector<MinedLesson> out = OfflineMiner(set).mine();
    for (MinedLesson &m : out)
        m.proposal.replay = replay(m.lesson, set);
    if (keep)
        *keep = std::move(set);
    return out;
}

QString describe(const Proposal &p)
{
    return QStringLiteral("[%1] %2 (support %3, confidence %4) — %5")
        .arg(p.kind, p.text)
        .arg(p.support)
        .arg(p.confidence)
        .arg(p.rationale);
}

} // namespace

class TestOfflineMiner : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_ws;
    std::vector<MinedLesson> m_mined;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ws = std::make_unique<store::Workspace>(m_dir.filePath(QStringLiteral("synthetic.reverie")));
        SyntheticTrajectories gen;
        QVERIFY(gen.writeTo(*m_ws) > 10'000);
        m_mined = mineAll(*m_ws);
        for (const MinedLesson &m : m_mined)
            qInfo().noquote() << describe(m.proposal);
    }

    void recoversPlantedLessons()
    {
        const auto planted = SyntheticTrajectories::plantedLessons();
        int found = 0;
        for (const PlantedLesson &l : planted) {
            const bool hit = std::any_of(m_mined.begin(), m_mined.end(), [&](const MinedLesson &m) { return l.matches(m.proposal); });
            if (!hit)
                qWarning().noquote() << "missed planted lesson:" << l.kind << l.workflow << l.tools << l.arg << l.note;
            found += hit;
        }
        QVERIFY2(found * 100 >= 95 * int(planted.size()),
                 qPrintable(QStringLiteral("%1 of %2 planted lessons recovered").arg(found).arg(planted.size())));
    }

    void proposalsMatchPlantedLessons()
    {
        const auto planted = SyntheticTrajectories::plantedLessons();
        QVERIFY(!m_mined.empty());
        int matching = 0;
        for (const MinedLesson &m : m_mined) {
            const bool hit = std::any_of(planted.begin(), planted.end(), [&](const PlantedLesson &l) { return l.matches(m.proposal); });
            if (!hit)
                qWarning().noquote() << "proposal matches no planted lesson:" << describe(m.proposal);
            matching += hit;
        }
        QVERIFY2(matching * 100 >= 80 * int(m_mined.size()),
                 qPrintable(QStringLiteral("%1 of %2 proposals match a planted lesson").arg(matching).arg(m_mined.size())));
    }

    void noProposalForTheWorkflowWithoutLessons()
    {
        for (const MinedLesson &m : m_mined)
            QVERIFY2(!m.proposal.scope.workflows.contains(SyntheticTrajectories::noLessonWorkflow()), qPrintable(m.proposal.text));
    }

    void noiseFailuresDoNotBecomeRules()
    {
        for (const MinedLesson &m : m_mined) {
            QVERIFY2(!m.proposal.text.contains(QLatin1String("debug_probe")), qPrintable(m.proposal.text));
            QVERIFY2(!m.proposal.text.contains(QLatin1String("INC-")), qPrintable(m.proposal.text));
            QVERIFY2(!m.proposal.text.contains(QLatin1String("priority=")), qPrintable(m.proposal.text));
        }
    }

    void everyProposalHasEvidenceOnRealSteps()
    {
        store::TrajectoryQueries q(*m_ws);
        for (const MinedLesson &m : m_mined) {
            const Proposal &p = m.proposal;
            QVERIFY2(!p.evidence.empty(), qPrintable(p.text));
            QVERIFY(p.support >= 3);
            QVERIFY(p.confidence > 0.0 && p.confidence <= 1.0);
            QVERIFY(!p.rationale.isEmpty());
            QCOMPARE(p.scope.workflows.size(), 1);
            for (const Evidence &e : p.evidence) {
                const auto t = q.get(e.trajectoryId);
                QVERIFY(t);
                QCOMPARE(t->info.externalId, e.trajectoryExternalId);
                QVERIFY2(e.stepId > 0, qPrintable(p.text));
                const auto step = q.step(e.stepId);
                QVERIFY(step);
                QCOMPARE(step->step.seq, e.stepSeq);
                const auto same = q.steps(e.trajectoryId, e.stepSeq, 1);
                QCOMPARE(same.size(), std::size_t(1));
                QCOMPARE(same.front().id, e.stepId);
            }
        }
    }

    void textsAreOneImperative()
    {
        for (const MinedLesson &m : m_mined) {
            const QString &t = m.proposal.text;
            QVERIFY2(t.startsWith(QLatin1String("In ")), qPrintable(t));
            QVERIFY2(t.endsWith(QLatin1Char('.')), qPrintable(t));
            QVERIFY2(!t.contains(QLatin1Char('\n')), qPrintable(t));
        }
        const auto text = [&](const QString &kind, const QString &workflow) {
            for (const MinedLesson &m : m_mined) {
                if (m.proposal.kind == kind && m.proposal.scope.workflows.contains(workflow))
                    return m.proposal.text;
            }
            return QString();
        };
        QCOMPARE(text(QStringLiteral("precedence"), QStringLiteral("deploy_service")),
                 QStringLiteral("In deploy_service, run run_tests before deploy."));
        QCOMPARE(text(QStringLiteral("argument"), QStringLiteral("refund_order")),
                 QStringLiteral("In refund_order, do not call issue_refund with force=true."));
        QVERIFY(text(QStringLiteral("loop"), QStringLiteral("db_migration"))
                    .startsWith(QLatin1String("In db_migration, do not repeat apply_migration after it fails with the same error;")));
        QCOMPARE(text(QStringLiteral("recovery"), QStringLiteral("db_migration")),
                 QStringLiteral("In db_migration, when apply_migration fails with 'lock timeout after \u2026 ms', call "
                                "release_locks before retrying."));
    }

    void textsReadBackAsTheirLessons()
    {
        // The curator and replay read rules back from their text; every mined form must survive that.
        FeatureSet set;
        const std::vector<MinedLesson> mined = mineAll(*m_ws, &set);
        int checked = 0;
        for (const MinedLesson &m : mined) {
            if (m.lesson.kind == LessonKind::Constraint)
                continue;
            const std::optional<Lesson> back = lessonFromText(m.proposal.text, set);
            QVERIFY2(back, qPrintable(m.proposal.text));
            QVERIFY2(*back == m.lesson, qPrintable(m.proposal.text));
            QCOMPARE(back->retryAfter, m.lesson.retryAfter);
            ++checked;
        }
        QVERIFY(checked >= 8);
    }

    void replayAgreesWithTheLesson()
    {
        for (const MinedLesson &m : m_mined) {
            const ReplayRecord &r = m.proposal.replay;
            QVERIFY(r.broke >= r.brokeFailed);
            QVERIFY(r.kept >= r.keptSucceeded);
            QVERIFY2(r.brokeFailed >= 3, qPrintable(m.proposal.text));
            QVERIFY2(!r.successesBreakIt, qPrintable(m.proposal.text));
        }
    }

    void deterministic()
    {
        const std::vector<MinedLesson> again = mineAll(*m_ws);
        QCOMPARE(again.size(), m_mined.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            QCOMPARE(again[i].proposal.text, m_mined[i].proposal.text);
            QCOMPARE(again[i].proposal.support, m_mined[i].proposal.support);
            QCOMPARE(again[i].proposal.confidence, m_mined[i].proposal.confidence);
            QCOMPARE(again[i].proposal.evidence.size(), m_mined[i].proposal.evidence.size());
            for (std::size_t e = 0; e < again[i].proposal.evidence.size(); ++e)
                QCOMPARE(again[i].proposal.evidence[e].stepId, m_mined[i].proposal.evidence[e].stepId);
        }
    }

    void sameLessonsThroughJsonlImport()
    {
        // The generator's JSONL goes through the real importer and yields the same lessons.
        QTemporaryDir dir;
        SyntheticOptions options;
        options.trajectories = 700;
        SyntheticTrajectories gen(options);
        const QString path = dir.filePath(QStringLiteral("synthetic.jsonl"));
        QVERIFY(gen.writeJsonl(path) > 5000);
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const auto result = runner.importFile(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.trajectories, 700);
        const std::vector<MinedLesson> viaImport = mineAll(ws);

        QTemporaryDir dir2;
        store::Workspace direct(dir2.filePath(QStringLiteral("w.reverie")));
        gen.writeTo(direct);
        const std::vector<MinedLesson> viaWriter = mineAll(direct);
        QCOMPARE(viaImport.size(), viaWriter.size());
        for (std::size_t i = 0; i < viaImport.size(); ++i)
            QCOMPARE(viaImport[i].proposal.text, viaWriter[i].proposal.text);
    }

    void demoData()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("demo.reverie")));
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const QString demo = QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo");
        for (const QString &f : QDir(demo).entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name))
            QVERIFY(runner.importFile(QDir(demo).filePath(f)).ok());
        const std::vector<MinedLesson> mined = mineAll(ws);
        QStringList texts;
        for (const MinedLesson &m : mined) {
            qInfo().noquote() << "demo:" << describe(m.proposal);
            texts << m.proposal.text;
        }
        QVERIFY(texts.contains(QStringLiteral("In deploy_service, run run_tests before deploy.")));
        QVERIFY(texts.contains(QStringLiteral("In refund_order, do not call issue_refund with force=true.")));
        QVERIFY(texts.contains(QStringLiteral("In db_migration, when apply_migration fails with 'lock timeout on table "
                                              "invoices', call release_locks before retrying.")));
        QVERIFY(std::any_of(texts.begin(), texts.end(), [](const QString &t) {
            return t.startsWith(QLatin1String("In db_migration, do not repeat apply_migration"));
        }));
        QVERIFY(texts.contains(QStringLiteral("In deploy_service, never deploy without running the smoke tests first.")));
    }
};

QTEST_GUILESS_MAIN(TestOfflineMiner)
#include "tst_dream_miner.moc"
