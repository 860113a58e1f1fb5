// A rule scoped to models, all the way round: stored with a proposal and a version, covered by
// the hash chain (and scopes without models hashing as before), rendered and parsed back as
// Markdown and JSON, merged, and a change of models gated as a scope change.

#include "core/playbook/PlaybookParser.h"
#include "core/playbook/Render.h"
#include "core/review/Gate.h"
#include "core/review/Ledger.h"
#include "core/store/HashChain.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using Outcome = review::DecisionResult::Outcome;

namespace {

Rule rule(const QString &id, const QStringList &workflows, const QStringList &models)
{
    Rule r;
    r.id = id;
    r.text = QStringLiteral("Read the whole order back before refunding.");
    r.scope.workflows = workflows;
    r.scope.models = models;
    r.origin = QStringLiteral("manual");
    return r;
}

} // namespace

class TestScopeModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString nextPath() { return m_dir.filePath(QStringLiteral("scope%1.reverie").arg(++m_n)); }

private Q_SLOTS:
    // The canonical JSON of a scope without models is byte for byte what it was before models
    // existed, so every stored version and approval keeps its hash.
    void scopesWithoutModelsHashAsBefore()
    {
        Scope s;
        s.workflows << QStringLiteral("refund_order");
        s.tools << QStringLiteral("refund");
        QCOMPARE(store::hashchain::scopeToJson(s), QByteArray(R"({"tools":["refund"],"workflows":["refund_order"]})"));
        QCOMPARE(store::hashchain::scopeToJson(Scope{}), QByteArray(R"({"tools":[],"workflows":[]})"));
        s.models << QStringLiteral("gpt-4o");
        QCOMPARE(store::hashchain::scopeToJson(s),
                 QByteArray(R"({"models":["gpt-4o"],"tools":["refund"],"workflows":["refund_order"]})"));
        QCOMPARE(store::hashchain::scopeFromJson(store::hashchain::scopeToJson(s)), s);

        PlaybookVersion v;
        v.number = 1;
        v.rules = {rule(QStringLiteral("R1"), {QStringLiteral("refund_order")}, {})};
        const QString before = store::hashchain::versionHash(v);
        v.rules[0].scope.models << QStringLiteral("gpt-4o");
        QVERIFY(store::hashchain::versionHash(v) != before);   // models are part of what is signed off
    }

    void modelsAreNotGlobalAndCompare()
    {
        Scope s;
        QVERIFY(s.isGlobal());
        s.models << QStringLiteral("gpt-4o");
        QVERIFY(!s.isGlobal());
        QVERIFY(!(s == Scope{}));
    }

    void storedHashedAndVerified()
    {
        store::Workspace ws(nextPath());
        review::Ledger ledger(ws);
        ledger.importPlaybook({rule(QString(), {QStringLiteral("refund_order")}, {QStringLiteral("claude-sonnet-4")})},
                              QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        Proposal p;
        p.text = QStringLiteral("Cite the ticket in every reply.");
        p.scope.models = QStringList{QStringLiteral("gpt-4o"), QStringLiteral("o3")};
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QCOMPARE(store::ProposalStore(ws).get(id)->scope.models, p.scope.models);
        const auto approved = ledger.approve(id, QStringLiteral("dana"));
        QCOMPARE(approved.outcome, Outcome::Applied);

        const PlaybookVersion current = store::PlaybookHistory(ws).current();
        QCOMPARE(current.rules.size(), std::size_t(2));
        QCOMPARE(current.rules[0].scope.models, QStringList{QStringLiteral("claude-sonnet-4")});
        QCOMPARE(current.rules[1].scope.models, p.scope.models);
        QVERIFY2(store::verifyWorkspace(ws).isEmpty(), qPrintable(store::verifyWorkspace(ws).join(QLatin1Char('\n'))));

        // Dropping a model without recomputing the chain is caught.
        ws.db().exec("UPDATE version_rules SET scope = '{\"tools\":[],\"workflows\":[]}' WHERE rule_id = 'R2'");
        QVERIFY(store::verifyWorkspace(ws).join(QLatin1Char(' ')).contains(QLatin1String("version 2")));
    }

    void renderedAndParsedBack_data()
    {
        QTest::addColumn<QStringList>("workflows");
        QTest::addColumn<QStringList>("models");
        QTest::addColumn<QString>("suffix");   // what the Markdown shows
        QTest::newRow("models only") << QStringList{} << QStringList{QStringLiteral("gpt-4o"), QStringLiteral("o3")}
                                     << QStringLiteral("_(models: gpt-4o, o3)_");
        QTest::newRow("with a workflow") << QStringList{QStringLiteral("refund")} << QStringList{QStringLiteral("gpt-4o")}
                                         << QStringLiteral("_(workflows: refund; models: gpt-4o)_");
        // Separators and brackets in a name are escaped, so the name reads back whole.
        QTest::newRow("awkward name") << QStringList{} << QStringList{QStringLiteral("llama (4), maverick; beta")}
                                      << QStringLiteral("_(models: llama \\(4\\)\\, maverick\\; beta)_");
        QTest::newRow("no models") << QStringList{QStringLiteral("refund")} << QStringList{}
                                   << QStringLiteral("_(workflows: refund)_");
    }
    void renderedAndParsedBack()
    {
        QFETCH(QStringList, workflows);
        QFETCH(QStringList, models);
        QFETCH(QString, suffix);
        PlaybookVersion v;
        v.number = 3;
        v.rules = {rule(QStringLiteral("R1"), workflows, models)};
        v.rules[0].origin.clear();   // not part of either rendering

        const QByteArray md = playbook::renderMarkdown(v.rules);
        QVERIFY2(QString::fromUtf8(md).contains(suffix), md.constData());
        const auto fromMd = playbook::parsePlaybook(md, QStringLiteral("AGENTS.md"));
        QCOMPARE(fromMd.size(), std::size_t(1));
        QCOMPARE(fromMd[0].scope, v.rules[0].scope);

        const QByteArray json = playbook::renderJson(v);
        QCOMPARE(json.contains("\"models\""), !models.isEmpty());   // absent when empty: old files still match
        const auto fromJson = playbook::parsePlaybook(json, QStringLiteral("playbook.json"));
        QCOMPARE(fromJson.size(), std::size_t(1));
        QCOMPARE(fromJson[0].scope, v.rules[0].scope);
    }

    // Changing only the models a rule applies to is a scope change: high-stakes.
    void aModelsChangeIsHighStakes()
    {
        const std::vector<Rule> before{rule(QStringLiteral("R1"), {QStringLiteral("refund")}, {})};
        std::vector<Rule> after = before;
        after[0].scope.models << QStringLiteral("gpt-4o");
        QCOMPARE(review::highStakesReasons(before, after, review::PolicySettings{}),
                 QStringList{QStringLiteral("it changes the scope of rule R1")});
        QVERIFY(review::highStakesReasons(before, before, review::PolicySettings{}).isEmpty());

        store::Workspace ws(nextPath());
        review::Ledger ledger(ws);
        ledger.importPlaybook(before, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        Proposal p;
        p.op = ProposalOp::Edit;
        p.targetRules = {QStringLiteral("R1")};
        p.text = before[0].text;
        p.scope.workflows = before[0].scope.workflows;
        p.scope.models << QStringLiteral("gpt-4o");
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        const auto first = ledger.approve(id, QStringLiteral("dana"), QStringLiteral("it hurts claude"));
        QCOMPARE(first.outcome, Outcome::AwaitingApprovals);
        QCOMPARE(first.approvalsNeeded, 2);
        QCOMPARE(ledger.approve(id, QStringLiteral("sam"), QStringLiteral("agreed")).outcome, Outcome::Applied);
        QCOMPARE(store::PlaybookHistory(ws).current().rules[0].scope.models, QStringList{QStringLiteral("gpt-4o")});
    }

    // A merge keeps the union of the models, unless one merged rule was for every model.
    void mergedRulesKeepTheirModels_data()
    {
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("second");
        QTest::addColumn<QStringList>("merged");
        QTest::newRow("both scoped") << QStringList{QStringLiteral("a")} << QStringList{QStringLiteral("b"), QStringLiteral("a")}
                                     << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("one for every model") << QStringList{QStringLiteral("a")} << QStringList{} << QStringList{};
    }
    void mergedRulesKeepTheirModels()
    {
        QFETCH(QStringList, first);
        QFETCH(QStringList, second);
        store::Workspace ws(nextPath());
        review::Ledger ledger(ws);
        Rule one = rule(QString(), {QStringLiteral("refund")}, first);
        Rule two = rule(QString(), {QStringLiteral("refund")}, second);
        two.text = QStringLiteral("Read the order back.");
        ledger.importPlaybook({one, two}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        Proposal p;
        p.op = ProposalOp::Merge;
        p.targetRules = {QStringLiteral("R1"), QStringLiteral("R2")};
        p.text = QStringLiteral("Read the whole order back before refunding.");
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        QCOMPARE(ledger.approve(id, QStringLiteral("dana"), QStringLiteral("one rule")).outcome, Outcome::Applied);
        const PlaybookVersion current = store::PlaybookHistory(ws).current();
        QCOMPARE(current.rules.size(), std::size_t(1));
        QTEST(current.rules[0].scope.models, "merged");
    }
};

QTEST_GUILESS_MAIN(TestScopeModels)
#include "tst_scope_models.moc"
