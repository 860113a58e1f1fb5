// The offline miner on synthetic trajectories with planted lessons, and on the demo data.

#include "core/dream/OfflineMiner.h"
#include "core/dream/Replay.h"
#include "core/dream/RuleText.h"
#include "core/dream/Selection.h"
#include "synthetic/SyntheticTrajectories.h"
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
        QCOMPARE(text(QStringLiteral("recovery"), QStringLiteral("db_migration")),
                 QStringLiteral("In db_migration, when apply_migration fails with 'lock timeout after \u2026 ms', call "
                                "release_locks before retrying."));
        // The retry loop is the same failures seen from the other side: a reason, not a rule.
        QVERIFY(text(QStringLiteral("loop"), QStringLiteral("db_migration")).isEmpty());
    }

    void oneProposalPerPlantedLesson()
    {
        // Planted duplicates: reviewers' notes restating three lessons, and a retry loop beside
        // the missing recovery. Each lesson is stated by exactly one proposal.
        for (const PlantedLesson &l : SyntheticTrajectories::plantedLessons()) {
            const auto n = std::count_if(m_mined.begin(), m_mined.end(),
                                         [&](const MinedLesson &m) { return l.matchesAnyReading(m.proposal); });
            QVERIFY2(n == 1, qPrintable(QStringLiteral("%1 %2 %3: %4 proposals").arg(l.kind, l.workflow, l.tools.join(QLatin1Char(' '))).arg(n)));
        }
        QCOMPARE(m_mined.size(), SyntheticTrajectories::plantedLessons().size());
    }

    void notesAreEvidenceOfTheRuleTheySupport()
    {
        const auto proposalFor = [&](const QString &workflow, const QString &kind) -> const Proposal * {
            for (const MinedLesson &m : m_mined) {
                if (m.proposal.kind == kind && m.proposal.scope.workflows.contains(workflow))
                    return &m.proposal;
            }
            return nullptr;
        };
        const struct {
            const char *workflow, *kind, *note;
        } restated[] = {
            {"deploy_service", "precedence", "Never deploy without running the smoke tests first."},
            {"refund_order", "argument", "Refunded with force before the fraud review finished."},
            {"db_migration", "precedence", "Applied the migration without a fresh backup."},
        };
        for (const auto &r : restated) {
            const Proposal *p = proposalFor(QLatin1String(r.workflow), QLatin1String(r.kind));
            QVERIFY2(p, r.workflow);
            QVERIFY2(p->rationale.contains(QLatin1String(r.note)), qPrintable(p->rationale));
            const bool cited = std::any_of(p->evidence.begin(), p->evidence.end(), [&](const Evidence &e) {
                return e.note == QStringLiteral("reviewer wrote: \"%1\"").arg(QLatin1String(r.note)) && e.stepId > 0;
            });
            QVERIFY2(cited, r.note);
            for (const MinedLesson &m : m_mined)
                QVERIFY2(!m.proposal.text.contains(QLatin1String(r.note).left(20), Qt::CaseInsensitive), qPrintable(m.proposal.text));
        }
        // Notes no mined rule explains stay rules, and say where they come from.
        for (const MinedLesson &m : m_mined) {
            if (m.lesson.kind == LessonKind::Constraint)
                QVERIFY2(m.proposal.rationale.startsWith(QLatin1String("From reviewers' notes")), qPrintable(m.proposal.rationale));
        }
    }

    void precedenceAimsAtTheProtectedAction()
    {
        // The skipped backup shows first at write_migration, but apply_migration is what it
        // protects: the refusal comes there, and the reviewers' notes name it.
        bool found = false;
        for (const MinedLesson &m : m_mined) {
            if (m.lesson.kind != LessonKind::Precedence || !m.proposal.scope.workflows.contains(QLatin1String("db_migration")))
                continue;
            found = true;
            QCOMPARE(m.proposal.text, QStringLiteral("In db_migration, run backup_db before apply_migration."));
            QVERIFY2(!m.proposal.rationale.contains(QLatin1String("Equally supported")), qPrintable(m.proposal.rationale));
        }
        QVERIFY(found);
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
        // One lesson, one proposal: the retry loop and the reviewers' notes are reasons of these three.
        QCOMPARE(texts.size(), 3);
        for (const MinedLesson &m : mined) {
            if (m.proposal.kind == QLatin1String("recovery"))
                QVERIFY(m.proposal.rationale.contains(QLatin1String("do not repeat apply_migration")));
            if (m.proposal.kind == QLatin1String("precedence"))
                QVERIFY(m.proposal.rationale.contains(QLatin1String("Never deploy without running the smoke tests first.")));
            if (m.proposal.kind == QLatin1String("argument"))
                QVERIFY(m.proposal.rationale.contains(QLatin1String("Do not set force on refunds.")));
        }
    }
};

QTEST_GUILESS_MAIN(TestOfflineMiner)
#include "tst_dream_miner.moc"
