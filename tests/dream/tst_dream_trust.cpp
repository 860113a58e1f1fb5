// Issue 16's "done when", end to end on generated data: a full dream pass (hold-out on) over
// planted lessons, planted duplicates and a spurious small-sample pattern; then the mined rule
// approved and run by two models (it helps one and hurts the other), and a harmful change
// after it, which `regressions` and `bisect` must both name.

#include "DreamTestSupport.h"

#include "core/dream/DreamPass.h"
#include "core/dream/HoldOut.h"
#include "core/dream/Strength.h"
#include "synthetic/SyntheticTrajectories.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/review/Ledger.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace reverie;
using namespace reverie::dream;

namespace {

// 16 alert triages, half of them failed for reasons no call shows. Three failures happened to
// page with urgency=low, and no success did: "3 of 3 broke it and failed" reads as certainty,
// but with half of all runs failing, the chance of that is C(8,3)/C(16,3) = 56/560 = 0.1.
QByteArray spuriousRuns()
{
    QByteArray jsonl;
    qint64 ts = 1'700'000'000'000;
    const auto run = [&](int i, const char *urgency, bool success) {
        const QByteArray input = QByteArrayLiteral("{\"urgency\": \"") + urgency + "\"}";
        jsonl += test::nativeRun(QStringLiteral("triage-%1").arg(i), QStringLiteral("triage_alerts"),
                                 {{"fetch_alert"}, {"page_oncall", false, input.constData()}, {"close_alert"}}, success,
                                 ts += 60'000);
    };
    int i = 0;
    for (int k = 0; k < 3; ++k)
        run(i++, "low", false);
    for (int k = 0; k < 5; ++k)
        run(i++, "high", false);
    for (int k = 0; k < 8; ++k)
        run(i++, "high", true);
    return jsonl;
}

int countVerdicts(store::Workspace &ws, int version, const QString &model, Verdict v)
{
    sql::Statement st(ws.db(), "SELECT count(*) FROM trajectories WHERE playbook_version = ?1 AND model = ?2 AND verdict = ?3");
    st.bind(1, version).bind(2, model).bind(3, int(v));
    return st.step() ? int(st.int64(0)) : -1;
}

QJsonDocument cliJson(const QString &workspace, QStringList args, int expectedExit)
{
    args.prepend(workspace);
    args.prepend(QStringLiteral("--workspace"));
    args << QStringLiteral("--json");
    const auto r = test::runCli(args);
    if (r.exitCode != expectedExit)
        qWarning("%s exited %d: %s", qPrintable(args.join(QLatin1Char(' '))), r.exitCode, r.err.constData());
    return r.exitCode == expectedExit ? QJsonDocument::fromJson(r.out) : QJsonDocument();
}

// `successes` of `n` runs of `workflow` by `model` under `version` succeeded, the rest failed.
void writeRuns(store::Workspace &ws, int version, const QString &workflow, const QString &model, int successes,
               int failures)
{
    test::writeVersionRuns(ws, QStringLiteral("v%1-%2-%3").arg(version).arg(workflow, model), version, workflow, model,
                           successes, failures);
}

} // namespace

class TestDreamTrust : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    DreamResult m_pass;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::syntheticWorkspace(m_dir, QStringLiteral("trust.reverie"));
        store::Workspace ws(m_path);
        const QString file = test::writeFile(m_dir, QStringLiteral("triage.jsonl"), spuriousRuns());
        const auto imported = ingest::ImportRunner(ws, ingest::FormatRegistry::builtin()).importFile(file);
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        DreamRequest request;
        request.workspacePath = m_path;
        m_pass = runDreamPass(request);
        QCOMPARE(m_pass.run.status, DreamStatus::Succeeded);
        for (const Proposal &p : m_pass.proposals)
            qInfo().noquote() << p.text << "|" << describeStrength(strengthOf(p.replay)) << "|" << describeHoldOut(p.holdOut)
                              << "|" << p.rationale;
    }

    void recallOfPlantedLessons()
    {
        const auto planted = SyntheticTrajectories::plantedLessons();
        int found = 0;
        for (const PlantedLesson &l : planted) {
            const auto n = std::count_if(m_pass.proposals.begin(), m_pass.proposals.end(),
                                         [&](const Proposal &p) { return l.matchesAnyReading(p); });
            found += n > 0 ? 1 : 0;
            QVERIFY2(n <= 1, qPrintable(QStringLiteral("%1 proposals state %2 in %3").arg(n).arg(l.kind, l.workflow)));
        }
        QVERIFY2(found * 100 >= 95 * int(planted.size()), qPrintable(QStringLiteral("%1 of %2").arg(found).arg(planted.size())));
    }

    void duplicatesAreReasonsNotProposals()
    {
        QVERIFY(m_pass.run.parameters.contains("\"notes_attached\":3"));
        QVERIFY(m_pass.run.parameters.contains("\"merged_same_failures\":1"));
    }

    void spuriousPatternIsWeakOrDropped()
    {
        for (const Proposal &p : m_pass.proposals) {
            if (!p.scope.workflows.contains(QLatin1String("triage_alerts")))
                continue;
            const Strength s = strengthOf(p.replay);
            QCOMPARE(s.brokeFailed, 3);
            QCOMPARE(s.keptFailed, 5);
            QVERIFY(std::abs(s.pValue - 0.1) < 1e-12);
            QCOMPARE(s.level, Strength::Level::Weak);
        }
    }

    void afterApprovalHarmAndPortabilityAreNamed()
    {
        const auto mined = std::find_if(m_pass.proposals.begin(), m_pass.proposals.end(), [](const Proposal &p) {
            return p.text == QLatin1String("In deploy_service, run run_tests before deploy.");
        });
        QVERIFY(mined != m_pass.proposals.end());
        qint64 harmful = 0;
        {
            store::Workspace ws(m_path);
            review::Ledger ledger(ws);
            QCOMPARE(ledger.approve(mined->id, QStringLiteral("dana")).outcome, review::DecisionResult::Outcome::Applied);
            // Version 1: the rule helps one model and hurts the other on deploy_service; refund_order
            // runs as it did.
            writeRuns(ws, 1, QStringLiteral("deploy_service"), QStringLiteral("gpt-4o"), 57, 60 - 57);
            writeRuns(ws, 1, QStringLiteral("deploy_service"), QStringLiteral("llama-4-maverick"), 30, 60 - 30);
            writeRuns(ws, 1, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 32, 40 - 32);
            writeRuns(ws, 1, QStringLiteral("refund_order"), QStringLiteral("llama-4-maverick"), 32, 40 - 32);
            QCOMPARE(countVerdicts(ws, 1, QStringLiteral("gpt-4o"), Verdict::Success), 57 + 32);
            // Version 2: a person's rule that makes refunds fail.
            Proposal p;
            p.text = QStringLiteral("In refund_order, issue the refund before the fraud check returns.");
            p.scope.workflows = {QStringLiteral("refund_order")};
            harmful = ledger.proposeManual(p, QStringLiteral("lee"));
            QCOMPARE(ledger.approve(harmful, QStringLiteral("dana")).outcome, review::DecisionResult::Outcome::Applied);
            QCOMPARE(store::PlaybookHistory(ws).current().number, 2);
            writeRuns(ws, 2, QStringLiteral("refund_order"), QStringLiteral("gpt-4o"), 14, 40 - 14);
            writeRuns(ws, 2, QStringLiteral("refund_order"), QStringLiteral("llama-4-maverick"), 14, 40 - 14);
        }

        const QJsonObject regressions = cliJson(m_path, {QStringLiteral("regressions")}, 4).object();
        const QJsonArray flagged = regressions[QLatin1String("regressions")].toArray();
        QCOMPARE(flagged.size(), 1);
        QCOMPARE(flagged[0].toObject()[QLatin1String("version")].toInt(), 2);
        QCOMPARE(flagged[0].toObject()[QLatin1String("introduced_by")].toObject()[QLatin1String("proposal")].toInteger(), harmful);

        const QJsonObject bisect = cliJson(m_path, {QStringLiteral("bisect")}, 4).object();
        QVERIFY(bisect[QLatin1String("found")].toBool());
        QCOMPARE(bisect[QLatin1String("version")].toInt(), 2);

        const QJsonObject stats = cliJson(m_path, {QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("version,model")}, 0).object();
        const QJsonArray specific = stats[QLatin1String("model_specific_rules")].toArray();
        QCOMPARE(specific.size(), 1);
        const QJsonObject rule = specific[0].toObject();
        QCOMPARE(rule[QLatin1String("helps_models")].toArray(), QJsonArray({QStringLiteral("gpt-4o")}));
        QCOMPARE(rule[QLatin1String("hurts_models")].toArray(), QJsonArray({QStringLiteral("llama-4-maverick")}));
    }
};

QTEST_GUILESS_MAIN(TestDreamTrust)
#include "tst_dream_trust.moc"
