// The LLM reflector with an in-process fake model: what it sends, and how it validates what
// comes back. An invalid answer fails the pass with the reason and stores no proposal.

#include "FakeLlmClient.h"

#include "core/dream/DreamPass.h"
#include "core/dream/Reflector.h"
#include "core/dream/ReflectorAnswer.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/playbook/Budget.h"
#include "core/store/DreamStore.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using namespace reverie::dream;

namespace {

// The row id of the first step of `kind` (and `tool`) in a run.
qint64 stepOf(store::Workspace &ws, const QString &run, StepKind kind, const QString &tool = {})
{
    store::TrajectoryQueries q(ws);
    const auto t = q.findByExternalId(run);
    if (t.empty())
        return 0;
    for (const auto &s : q.steps(t.front().id)) {
        if (s.step.kind == kind && (tool.isEmpty() || s.step.tool == tool))
            return s.id;
    }
    return 0;
}

} // namespace

class TestReflector : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_deployStep = 0;      // deploy-000: the deploy call that skipped the tests
    qint64 m_otherRunStep = 0;    // deploy-001: its run_tests call

    DreamResult pass(const std::shared_ptr<test::FakeLlmClient> &client, int budget = 12'000)
    {
        DreamRequest req;
        req.workspacePath = m_path;
        req.engine = QStringLiteral("anthropic");
        req.client = client;
        req.reflectorTokenBudget = budget;
        return runDreamPass(req);
    }

    int proposalCount()
    {
        store::Workspace ws(m_path);
        return int(store::ProposalStore(ws).list().size());
    }

    void expectRejected(const QString &answer, const QString &reason)
    {
        const int before = proposalCount();
        const DreamResult r = pass(std::make_shared<test::FakeLlmClient>(answer));
        QCOMPARE(r.run.status, DreamStatus::Failed);
        QVERIFY2(r.run.error.contains(reason), qPrintable(r.run.error));
        QVERIFY(r.proposals.empty());
        QCOMPARE(proposalCount(), before);
        store::Workspace ws(m_path);
        const auto run = store::DreamStore(ws).get(r.run.id);
        QCOMPARE(run->status, DreamStatus::Failed);
        QCOMPARE(run->error, r.run.error);
        QCOMPARE(store::DreamStore(ws).inputCount(r.run.id), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("demo.reverie"));
        store::Workspace ws(m_path);
        ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
        const QDir demo(QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo"));
        for (const QString &f : demo.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name))
            QVERIFY(runner.importFile(demo.filePath(f)).ok());
        PlaybookVersion v;
        v.author = QStringLiteral("test");
        v.change = QStringLiteral("manual");
        Rule r;
        r.id = QStringLiteral("R1");
        r.text = QStringLiteral("In refund_order, check the order before refunding.");
        r.scope.workflows = {QStringLiteral("refund_order")};
        v.rules = {r};
        store::PlaybookHistory(ws).append(v);
        m_deployStep = stepOf(ws, QStringLiteral("deploy-000"), StepKind::ToolCall, QStringLiteral("deploy"));
        m_otherRunStep = stepOf(ws, QStringLiteral("deploy-001"), StepKind::ToolCall, QStringLiteral("run_tests"));
        QVERIFY(m_deployStep > 0 && m_otherRunStep > 0);
    }

    void validAnswerBecomesProposals()
    {
        auto client = std::make_shared<test::FakeLlmClient>(QString());
        client->answerFor = [this](const llm::ChatRequest &) {
            return QStringLiteral(R"({"operations": [
                {"op": "add", "text": "In deploy_service, run run_tests before deploy.",
                 "scope": {"workflows": ["deploy_service"], "tools": ["run_tests", "deploy"]},
                 "rationale": "deploy-000 deployed without tests and failed its health check.",
                 "confidence": 0.9,
                 "evidence": [{"trajectory": "deploy-000", "step": %1}, {"trajectory": "deploy-001", "step": %2}]},
                {"op": "edit", "target_rules": ["R1"], "text": "In refund_order, never set force on issue_refund.",
                 "scope": {"workflows": ["refund_order"]}, "confidence": 0.7,
                 "evidence": [{"trajectory": "deploy-000", "step": %1}]}
            ]})").arg(m_deployStep).arg(m_otherRunStep);
        };
        const DreamResult r = pass(client);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.proposals.size(), std::size_t(2));
        const Proposal &add = r.proposals[0];
        QCOMPARE(add.op, ProposalOp::Add);
        QCOMPARE(add.kind, QStringLiteral("reflection"));
        QCOMPARE(add.author, QStringLiteral("fake-model"));
        QCOMPARE(add.support, 2);
        QCOMPARE(add.evidence.size(), std::size_t(2));
        QCOMPARE(add.evidence[0].trajectoryExternalId, QStringLiteral("deploy-000"));
        QCOMPARE(add.evidence[0].stepId, m_deployStep);
        // Replay reads the model's rule back when it has a checkable form.
        QCOMPARE(add.replay.broke, 5);
        QCOMPARE(add.replay.brokeFailed, 5);
        QCOMPARE(add.replay.keptSucceeded, 9);
        const Proposal &edit = r.proposals[1];
        QCOMPARE(edit.op, ProposalOp::Edit);
        QCOMPARE(edit.targetRules, QStringList{QStringLiteral("R1")});
        QCOMPARE(edit.baseVersion, 1);

        // What the model was shown: instructions, the playbook and digests citing step ids.
        const auto requests = client->requests();
        QCOMPARE(requests.size(), std::size_t(1));
        const llm::ChatRequest &req = requests.front();
        QVERIFY(req.jsonOutput);
        QVERIFY(req.system.contains(QLatin1String("\"operations\"")));
        QVERIFY(req.system.contains(QLatin1String("data to analyse")));
        const QString user = req.messages.front().content;
        QVERIFY(user.contains(QLatin1String("R1 [refund_order] In refund_order, check the order before refunding.")));
        QVERIFY(user.contains(QStringLiteral("[step %1] call deploy").arg(m_deployStep)));
        QVERIFY(user.contains(QLatin1String("verdict=\"failure\"")));
        QVERIFY(user.contains(QLatin1String("verdict=\"success\"")));
        QVERIFY(user.contains(QLatin1String("reviewer notes: Never deploy without running the smoke tests first.")));
        QVERIFY(playbook::estimateTokens(user) + playbook::estimateTokens(req.system) <= 12'000);
    }

    void scopeAndStakesFollowEvidenceAndTargets()
    {
        {
            store::Workspace ws(m_path);
            review::PolicySettings policy = review::Policy(ws).load();
            policy.highStakesWorkflows = {QStringLiteral("deploy_service"), QStringLiteral("refund_order")};
            review::Policy(ws).save(policy);
        }
        auto client = std::make_shared<test::FakeLlmClient>(QString());
        client->answerFor = [this](const llm::ChatRequest &) {
            return QStringLiteral("{\"operations\": ["
                                  "{\"op\": \"add\", \"text\": \"Smoke-test every build before it ships.\", "
                                  " \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": %1}]},"
                                  "{\"op\": \"remove\", \"target_rules\": [\"R1\"], \"scope\": {\"workflows\": [\"other\"]},"
                                  " \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": %1}]}]}")
                .arg(m_deployStep);
        };
        const DreamResult r = pass(client);
        {
            store::Workspace ws(m_path);
            review::Policy(ws).save(review::PolicySettings{});
        }
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QCOMPARE(r.proposals.size(), std::size_t(2));
        const bool addFirst = r.proposals[0].op == ProposalOp::Add;
        const Proposal &add = r.proposals[addFirst ? 0 : 1];
        const Proposal &remove = r.proposals[addFirst ? 1 : 0];
        // No scope given: the workflows of the cited runs, and so the policy's stakes.
        QCOMPARE(add.scope.workflows, QStringList{QStringLiteral("deploy_service")});
        QCOMPARE(add.stakes, Stakes::High);
        // Removing a rule of a high-stakes workflow is high-stakes whatever scope the model claims.
        QCOMPARE(remove.op, ProposalOp::Remove);
        QCOMPARE(remove.text, QStringLiteral("In refund_order, check the order before refunding."));
        QCOMPARE(remove.stakes, Stakes::High);
    }

    void digestStaysInsideTheBudget()
    {
        auto client = std::make_shared<test::FakeLlmClient>(QStringLiteral("{\"operations\": []}"));
        const DreamResult r = pass(client, 1500);
        QCOMPARE(r.run.status, DreamStatus::Succeeded);
        QVERIFY(r.proposals.empty());
        const QString user = client->requests().front().messages.front().content;
        QVERIFY2(playbook::estimateTokens(user) <= 1500, qPrintable(QString::number(playbook::estimateTokens(user))));
        QVERIFY(user.count(QLatin1String("<run ")) >= 2);
        QVERIFY(user.count(QLatin1String("<run ")) < 20);
    }

    void invalidSchemaIsRejected_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QStringLiteral("I think you should run the tests.") << QStringLiteral("not JSON");
        QTest::newRow("no operations") << QStringLiteral("{\"ops\": []}") << QStringLiteral("expected {\"operations\"");
        QTest::newRow("unknown op") << QStringLiteral("{\"operations\": [{\"op\": \"rewrite\", \"text\": \"x\", \"evidence\": []}]}")
                                    << QStringLiteral("operations[0].op");
        QTest::newRow("no evidence") << QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"Run tests.\"}]}")
                                     << QStringLiteral("operations[0].evidence: missing");
        QTest::newRow("no text") << QStringLiteral("{\"operations\": [{\"op\": \"add\", \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": 1}]}]}")
                                 << QStringLiteral("operations[0].text");
        QTest::newRow("edit without target")
            << QStringLiteral("{\"operations\": [{\"op\": \"edit\", \"text\": \"x\", \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": 1}]}]}")
            << QStringLiteral("edit takes exactly one");
        QTest::newRow("unknown rule")
            << QStringLiteral("{\"operations\": [{\"op\": \"remove\", \"target_rules\": [\"R99\"], \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": 1}]}]}")
            << QStringLiteral("rule \"R99\" is not in the current playbook");
        QTest::newRow("confidence out of range")
            << QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"x\", \"confidence\": 7, \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": 1}]}]}")
            << QStringLiteral("confidence");
        QTest::newRow("step as text")
            << QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"x\", \"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": \"four\"}]}]}")
            << QStringLiteral("evidence[0].step");
        QTest::newRow("deep nesting") << QStringLiteral("{\"operations\": %1%2}").arg(QString(200, QLatin1Char('[')), QString(200, QLatin1Char(']')))
                                      << QStringLiteral("nested deeper");
    }
    void invalidSchemaIsRejected()
    {
        QFETCH(QString, answer);
        QFETCH(QString, reason);
        expectRejected(answer, reason);
    }

    void nonexistentStepIsRejected()
    {
        expectRejected(QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"In deploy_service, run run_tests before deploy.\", "
                                      "\"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": 987654}]}]}"),
                       QStringLiteral("step 987654 does not exist in trajectory \"deploy-000\""));
        // A real step, but of another run than the one named.
        expectRejected(QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"In deploy_service, run run_tests before deploy.\", "
                                      "\"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": %1}]}]}").arg(m_otherRunStep),
                       QStringLiteral("does not exist in trajectory \"deploy-000\""));
        expectRejected(QStringLiteral("{\"operations\": [{\"op\": \"add\", \"text\": \"x\", "
                                      "\"evidence\": [{\"trajectory\": \"no-such-run\", \"step\": %1}]}]}").arg(m_deployStep),
                       QStringLiteral("does not exist in trajectory \"no-such-run\""));
    }

    void modelErrorsFailThePass()
    {
        auto client = std::make_shared<test::FakeLlmClient>(QString());
        client->error = llm::LlmError(llm::LlmError::Kind::RateLimited, QStringLiteral("HTTP 429 from the server"), 429, true);
        const DreamResult r = pass(client);
        QCOMPARE(r.run.status, DreamStatus::Failed);
        QVERIFY2(r.run.error.contains(QLatin1String("HTTP 429")), qPrintable(r.run.error));
    }

    void fencedAnswerIsAccepted()
    {
        const PlaybookVersion empty;
        const auto resolve = [this](const QString &t, qint64 step) -> std::optional<Evidence> {
            if (t == QLatin1String("deploy-000") && step == m_deployStep)
                return Evidence{1, t, step, 4, QString()};
            return std::nullopt;
        };
        const auto ps = parseReflectorAnswer(
            QStringLiteral("```json\n{\"operations\": [{\"op\": \"add\", \"text\": \"  Run   tests\\nfirst. \", "
                           "\"evidence\": [{\"trajectory\": \"deploy-000\", \"step\": %1}]}]}\n```").arg(m_deployStep),
            empty, resolve, QStringLiteral("m"));
        QCOMPARE(ps.size(), std::size_t(1));
        QCOMPARE(ps.front().text, QStringLiteral("Run tests first."));
        QCOMPARE(ps.front().confidence, 0.5);
    }
};

QTEST_GUILESS_MAIN(TestReflector)
#include "tst_dream_reflector.moc"
