// The playbook ledger through the core API, on real workspace files.

#include "core/playbook/Render.h"
#include "core/review/Ledger.h"
#include "core/store/OutcomeStats.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/Sqlite.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using Outcome = review::DecisionResult::Outcome;

namespace {

Rule rule(const char *text, const char *workflow = nullptr)
{
    Rule r;
    r.text = QString::fromUtf8(text);
    if (workflow)
        r.scope.workflows << QString::fromUtf8(workflow);
    return r;
}

Proposal proposal(ProposalOp op, const QString &text, const QStringList &targets = {}, const char *workflow = nullptr)
{
    Proposal p;
    p.op = op;
    p.text = text;
    p.targetRules = targets;
    if (workflow)
        p.scope.workflows << QString::fromUtf8(workflow);
    return p;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestLedger : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_ws;
    QString m_md;
    QString m_json;

    store::Workspace &ws() { return *m_ws; }
    void verifyClean()
    {
        const QStringList problems = store::verifyWorkspace(ws());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::serverSkipReason().isEmpty())
            QSKIP(qPrintable(test::serverSkipReason()));
    }

    void init()
    {
        static int n = 0;
        try {
            m_ws = std::make_unique<store::Workspace>(
                test::workspaceLocation(m_dir, QStringLiteral("ledger%1.reverie").arg(++n)));
            m_md = m_dir.filePath(QStringLiteral("out%1/AGENTS.md").arg(n));
            m_json = m_dir.filePath(QStringLiteral("out%1/playbook.json").arg(n));
            review::PolicySettings policy;
            policy.highStakesWorkflows << QStringLiteral("deploy_service");
            policy.publishTargets << m_md << m_json;
            review::Policy(ws()).save(policy);
            review::Ledger(ws()).importPlaybook({rule("Confirm the order id before any refund.", "refund_order"),
                                                rule("Quote the error message when a tool fails.")},
                                               QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        } catch (const reverie::Error &e) {
            QFAIL(qPrintable(e.message()));
        }
    }

    void importStartsTheHistoryOnce()
    {
        store::PlaybookHistory history(ws());
        QCOMPARE(history.currentNumber(), 1);
        const PlaybookVersion v = history.current();
        QCOMPARE(int(v.rules.size()), 2);
        QCOMPARE(v.rules[0].id, QStringLiteral("R1"));
        QCOMPARE(v.change, QStringLiteral("import"));
        QVERIFY(readAll(m_md).contains("Confirm the order id"));   // published on import
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal,
                                 review::Ledger(ws()).importPlaybook({rule("x")}, QStringLiteral("ops"), QStringLiteral("again")));
        verifyClean();
    }

    void approvingAppendsAVersionAndPublishes()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Add, QStringLiteral("Check stock before promising a delivery date."));
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.approve(id, QStringLiteral("lee")));   // own proposal
        const auto r = ledger.approve(id, QStringLiteral("dana"));
        QCOMPARE(r.outcome, Outcome::Applied);
        QCOMPARE(r.version, 2);
        QCOMPARE(r.published.size(), 2);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(int(v.rules.size()), 3);
        QCOMPARE(v.rules.back().text, QStringLiteral("Check stock before promising a delivery date."));
        QCOMPARE(v.rules.back().origin, QStringLiteral("proposal:%1").arg(id));
        QCOMPARE(v.author, QStringLiteral("dana"));
        QCOMPARE(test::publishedBlock(m_md), playbook::renderMarkdown(v.rules));
        QCOMPARE(readAll(m_json), playbook::renderJson(v));
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Approved);
        // Whoever comes second hears who decided it, and that it is no longer pending.
        try {
            ledger.approve(id, QStringLiteral("sam"));
            QFAIL("a decided proposal was decided again");
        } catch (const review::LedgerRefusal &e) {
            QVERIFY2(e.message().contains(QStringLiteral("proposal %1 was decided by dana (approve, ").arg(id))
                         && e.message().contains(QLatin1String("it is approved, not pending")),
                     qPrintable(e.message()));
        }
        verifyClean();
    }

    void highStakesNeedsAReasonAndTwoDistinctApprovers()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Add, QStringLiteral("In deploy_service, run run_tests before deploy."), {},
                              "deploy_service");
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QCOMPARE(store::ProposalStore(ws()).get(id)->stakes, Stakes::High);
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.approve(id, QStringLiteral("dana")));   // no reason
        auto first = ledger.approve(id, QStringLiteral("dana"), QStringLiteral("three rollbacks last week"));
        QCOMPARE(first.outcome, Outcome::AwaitingApprovals);
        QCOMPARE(first.approvers, QStringList{QStringLiteral("dana")});
        QCOMPARE(first.approvalsNeeded, 2);
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Pending);
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 1);
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.approve(id, QStringLiteral("dana"), QStringLiteral("again")));
        auto second = ledger.approve(id, QStringLiteral("sam"), QStringLiteral("agreed"));
        QCOMPARE(second.outcome, Outcome::Applied);
        QCOMPARE(second.approvers.size(), 2);
        QCOMPARE(store::PlaybookHistory(ws()).current().rules.back().stakes, Stakes::High);
        QCOMPARE(store::ReviewLog(ws()).forProposal(id).size(), std::size_t(2));
        verifyClean();
    }

    void rejectNeedsAReason()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Add, QStringLiteral("Always retry five times."));
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.reject(id, QStringLiteral("dana"), QString()));
        QCOMPARE(ledger.reject(id, QStringLiteral("dana"), QStringLiteral("loops are the problem")).outcome,
                 Outcome::Rejected);
        QCOMPARE(store::ProposalStore(ws()).get(id)->status, ProposalStatus::Rejected);
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 1);
        verifyClean();
    }

    void editThenApproveLandsTheEditedTextAndKeepsTheProposed()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Edit, QStringLiteral("Confirm the order id and amount before any refund."),
                              {QStringLiteral("R1")}, "refund_order");
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        const auto r = ledger.edit(id, QStringLiteral("dana"),
                                   QStringLiteral("Confirm the order id and the amount with the customer before any refund."));
        QCOMPARE(r.outcome, Outcome::Applied);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(v.rules[0].id, QStringLiteral("R1"));
        QCOMPARE(v.rules[0].text, QStringLiteral("Confirm the order id and the amount with the customer before any refund."));
        QCOMPARE(v.change, QStringLiteral("edit"));
        QCOMPARE(store::ProposalStore(ws()).get(id)->text, QStringLiteral("Confirm the order id and amount before any refund."));
        QCOMPARE(store::ReviewLog(ws()).forProposal(id).front().editedText, v.rules[0].text);
        verifyClean();
    }

    void aStaleProposalNeedsARebaseUnlessItsRulesAreUnchanged()
    {
        review::Ledger ledger(ws());
        Proposal a = proposal(ProposalOp::Edit, QStringLiteral("Confirm the order id twice before any refund."),
                              {QStringLiteral("R1")});
        Proposal b = proposal(ProposalOp::Edit, QStringLiteral("Confirm the order id and the email before any refund."),
                              {QStringLiteral("R1")});
        Proposal c = proposal(ProposalOp::Edit, QStringLiteral("Quote the exact error message when a tool fails."),
                              {QStringLiteral("R2")});
        const qint64 ia = ledger.proposeManual(a, QStringLiteral("lee"));
        const qint64 ib = ledger.proposeManual(b, QStringLiteral("lee"));
        const qint64 ic = ledger.proposeManual(c, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(ib, QStringLiteral("dana")).version, 2);
        const auto stale = ledger.approve(ia, QStringLiteral("dana"));
        QCOMPARE(stale.outcome, Outcome::NeedsRebase);
        QCOMPARE(stale.conflicts.size(), std::size_t(1));
        QCOMPARE(stale.conflicts.front().ruleId, QStringLiteral("R1"));
        QVERIFY2(stale.conflicts.front().detail.contains(QLatin1String("version 2")), qPrintable(stale.conflicts.front().detail));
        QVERIFY2(stale.conflicts.front().detail.contains(QLatin1String("{+")), qPrintable(stale.conflicts.front().detail));
        QCOMPARE(store::ProposalStore(ws()).get(ia)->status, ProposalStatus::NeedsRebase);
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 2);
        // Based on version 1 too, but R2 has not changed since: it applies.
        QCOMPARE(ledger.approve(ic, QStringLiteral("dana")).outcome, Outcome::Applied);
        verifyClean();
    }

    void revertUndoesOneChangeAndRefusesWhenALaterOneDependsOnIt()
    {
        review::Ledger ledger(ws());
        Proposal add = proposal(ProposalOp::Add, QStringLiteral("Log every refund in the ledger."));
        const qint64 iadd = ledger.proposeManual(add, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(iadd, QStringLiteral("dana")).version, 2);   // adds R3
        Proposal other = proposal(ProposalOp::Add, QStringLiteral("Never share internal ids with customers."));
        const qint64 iother = ledger.proposeManual(other, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(iother, QStringLiteral("dana")).version, 3);  // adds R4
        Proposal tweak = proposal(ProposalOp::Edit, QStringLiteral("Log every refund in the finance ledger."),
                                  {QStringLiteral("R3")});
        const qint64 itweak = ledger.proposeManual(tweak, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(itweak, QStringLiteral("dana")).version, 4);

        try {
            ledger.revert(iadd, QStringLiteral("sam"));
            QFAIL("reverting a change a later change builds on must be refused");
        } catch (const review::LedgerRefusal &e) {
            QVERIFY2(e.message().contains(QLatin1String("version 4")), qPrintable(e.message()));
            QVERIFY(e.message().contains(QLatin1String("R3")));
        }
        QCOMPARE(store::PlaybookHistory(ws()).currentNumber(), 4);

        // Undo the tweak: R3 gets its old words back, R4 (a later change) stays.
        QCOMPARE(ledger.revert(itweak, QStringLiteral("sam"), QStringLiteral("wording was fine")).version, 5);
        PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(int(v.rules.size()), 4);
        QCOMPARE(v.rules[2].text, QStringLiteral("Log every refund in the ledger."));
        QCOMPARE(v.rules[3].id, QStringLiteral("R4"));
        // Now the first change can go, and only it.
        QCOMPARE(ledger.revert(iadd, QStringLiteral("sam")).version, 6);
        v = store::PlaybookHistory(ws()).current();
        QCOMPARE(int(v.rules.size()), 3);
        QCOMPARE(v.rules[2].id, QStringLiteral("R4"));
        QCOMPARE(store::ProposalStore(ws()).get(iadd)->status, ProposalStatus::Reverted);
        verifyClean();
    }

    // The block's rules come back byte for byte; its marker names the new version.
    void rollbackPublishesTheOldVersionByteForByte()
    {
        review::Ledger ledger(ws());
        const QByteArray v1 = test::publishedBlock(m_md);
        QVERIFY(!v1.isEmpty());
        Proposal p = proposal(ProposalOp::Remove, QString(), {QStringLiteral("R2")});
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        ledger.approve(id, QStringLiteral("dana"));
        QVERIFY(test::publishedBlock(m_md) != v1);
        const auto r = ledger.rollback(1, QStringLiteral("sam"), QStringLiteral("R2 was useful"));
        QCOMPARE(r.version, 3);
        QCOMPARE(test::publishedBlock(m_md), v1);
        QVERIFY(readAll(m_md).startsWith("<!-- reverie:playbook begin version=3 "));
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(v.change, QStringLiteral("rollback"));
        QCOMPARE(int(v.rules.size()), 2);
        QCOMPARE(store::PlaybookHistory(ws()).versions().size(), std::size_t(3));   // nothing rewritten
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.rollback(3, QStringLiteral("sam")));
        QVERIFY_THROWS_EXCEPTION(review::LedgerRefusal, ledger.rollback(99, QStringLiteral("sam")));
        verifyClean();
    }

    void mergeRetiresItsRules()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Merge, QStringLiteral("Confirm the order id before a refund and quote tool errors."),
                              {QStringLiteral("R1"), QStringLiteral("R2")});
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(id, QStringLiteral("dana")).outcome, Outcome::Applied);
        const PlaybookVersion v = store::PlaybookHistory(ws()).current();
        QCOMPARE(int(v.rules.size()), 1);
        QCOMPARE(v.rules[0].id, QStringLiteral("R3"));
        sql::Statement st(ws().db(), "SELECT retired_version, superseded_by FROM rules WHERE id = 'R1'");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), 2);
        QCOMPARE(st.text(1), QStringLiteral("R3"));
    }

    void verifyCatchesATamperedReviewVersionOrRule()
    {
        review::Ledger ledger(ws());
        Proposal p = proposal(ProposalOp::Add, QStringLiteral("Cite the ticket number in every reply."));
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        ledger.approve(id, QStringLiteral("dana"));
        verifyClean();
        ws().db().exec("UPDATE reviews SET reviewer = 'mallory'");
        QVERIFY(store::verifyWorkspace(ws()).join(QLatin1Char(' ')).contains(QLatin1String("review 1")));
        ws().db().exec("UPDATE version_rules SET text = 'Deploy on Fridays.' WHERE version = 2 AND rule_id = 'R3'");
        QVERIFY(store::verifyWorkspace(ws()).join(QLatin1Char(' ')).contains(QLatin1String("version 2")));
    }

    void outcomesPerVersionAndModel()
    {
        // Runs that recorded the playbook version they ran under.
        ws().db().exec("INSERT INTO sources (id, path, format, content_hash, size_bytes, imported_at) "
                       "VALUES (1, 'x', 'reverie-jsonl', 'h', 1, 0)");
        ws().db().exec("INSERT INTO trajectories (id, source_id, external_id, model, playbook_version, verdict) VALUES "
                       "(1, 1, 'a', 'gpt-4o', 0, 2), (2, 1, 'b', 'gpt-4o', 0, 1), (3, 1, 'c', 'gpt-4o', 1, 1), "
                       "(4, 1, 'd', 'claude', 1, 1), (5, 1, 'e', 'claude', 1, 0)");
        store::OutcomeStats stats(ws());
        const auto byVersion = stats.byVersion();
        QCOMPARE(byVersion.size(), std::size_t(2));
        QCOMPARE(byVersion[0].successRate(), 0.5);
        QCOMPARE(byVersion[1].successRate(), 1.0);
        QCOMPARE(byVersion[1].unknown, 1);
        const auto byModel = stats.byModel();
        QCOMPARE(byModel[0].key, QStringLiteral("claude"));
        QCOMPARE(byModel[0].successes, 1);
        const auto byRule = stats.byRule();
        QCOMPARE(byRule.size(), std::size_t(2));
        QCOMPARE(byRule[0].helpful, 2);   // the two successes that ran under version 1
        QCOMPARE(byRule[0].harmful, 0);
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
