// diffRules: which rules were added, removed or changed between two versions, in what order,
// and what exactly changed.

#include "core/playbook/RuleDiff.h"

#include "PlaybookTestRules.h"

#include <QStringList>
#include <QTest>

using namespace reverie;
using namespace reverie::playbook;
using reverie::test::makeRule;

namespace {

// "R1 unchanged, R2 changed[text,scope], R3 removed"
QString summary(const std::vector<RuleChange> &changes)
{
    QStringList parts;
    for (const RuleChange &c : changes) {
        QString s = c.ruleId + QLatin1Char(' ') + ruleChangeKindName(c.kind);
        if (c.kind == RuleChange::Kind::Changed) {
            QStringList what;
            if (c.before->text != c.after->text)
                what << QStringLiteral("text");
            if (c.scopeChanged)
                what << QStringLiteral("scope");
            if (c.stakesChanged)
                what << QStringLiteral("stakes");
            s += QLatin1Char('[') + what.join(QLatin1Char(',')) + QLatin1Char(']');
        }
        parts << s;
    }
    return parts.join(QLatin1String(", "));
}

Rule r1() { return makeRule(QStringLiteral("R1"), QStringLiteral("Run run_tests before deploy.")); }
Rule r2() { return makeRule(QStringLiteral("R2"), QStringLiteral("Never set force on issue_refund.")); }
Rule r3() { return makeRule(QStringLiteral("R3"), QStringLiteral("Ask before touching production data.")); }
Rule r4() { return makeRule(QStringLiteral("R4"), QStringLiteral("Keep changes small.")); }

} // namespace

class TestRuleDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void diff_data()
    {
        QTest::addColumn<std::vector<Rule>>("before");
        QTest::addColumn<std::vector<Rule>>("after");
        QTest::addColumn<QString>("expected");

        Rule r1Text = r1();
        r1Text.text = QStringLiteral("Run run_tests and lint before deploy.");
        Rule r1Scope = r1();
        r1Scope.scope.workflows = QStringList{QStringLiteral("deploy_service")};
        Rule r1Stakes = r1();
        r1Stakes.stakes = Stakes::High;
        Rule r1All = r1Text;
        r1All.scope = r1Scope.scope;
        r1All.stakes = Stakes::High;
        Rule r1Origin = r1();
        r1Origin.origin = QStringLiteral("proposal:7");

        QTest::newRow("both empty") << std::vector<Rule>{} << std::vector<Rule>{} << QString();
        QTest::newRow("identical") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r1(), r2()}
                                   << QStringLiteral("R1 unchanged, R2 unchanged");
        QTest::newRow("first version") << std::vector<Rule>{} << std::vector<Rule>{r1(), r2()}
                                       << QStringLiteral("R1 added, R2 added");
        QTest::newRow("added at end") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r1(), r2(), r3()}
                                      << QStringLiteral("R1 unchanged, R2 unchanged, R3 added");
        QTest::newRow("added at start") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r3(), r1(), r2()}
                                        << QStringLiteral("R3 added, R1 unchanged, R2 unchanged");
        QTest::newRow("removed in middle") << std::vector<Rule>{r1(), r2(), r3()} << std::vector<Rule>{r1(), r3()}
                                           << QStringLiteral("R1 unchanged, R2 removed, R3 unchanged");
        QTest::newRow("removed first") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r2()}
                                       << QStringLiteral("R1 removed, R2 unchanged");
        QTest::newRow("removed last") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r1()}
                                      << QStringLiteral("R1 unchanged, R2 removed");
        QTest::newRow("all removed") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{}
                                     << QStringLiteral("R1 removed, R2 removed");
        QTest::newRow("text changed") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r1Text, r2()}
                                      << QStringLiteral("R1 changed[text], R2 unchanged");
        QTest::newRow("scope only") << std::vector<Rule>{r1()} << std::vector<Rule>{r1Scope}
                                    << QStringLiteral("R1 changed[scope]");
        QTest::newRow("stakes only") << std::vector<Rule>{r1()} << std::vector<Rule>{r1Stakes}
                                     << QStringLiteral("R1 changed[stakes]");
        QTest::newRow("everything") << std::vector<Rule>{r1()} << std::vector<Rule>{r1All}
                                    << QStringLiteral("R1 changed[text,scope,stakes]");
        QTest::newRow("origin is not a change") << std::vector<Rule>{r1()} << std::vector<Rule>{r1Origin}
                                                << QStringLiteral("R1 unchanged");
        QTest::newRow("moved") << std::vector<Rule>{r1(), r2(), r3()} << std::vector<Rule>{r3(), r1(), r2()}
                               << QStringLiteral("R3 unchanged, R1 unchanged, R2 unchanged");
        QTest::newRow("moved and removed") << std::vector<Rule>{r1(), r2(), r3()} << std::vector<Rule>{r3(), r1()}
                                           << QStringLiteral("R3 unchanged, R1 unchanged, R2 removed");
        QTest::newRow("replaced wholesale") << std::vector<Rule>{r1(), r2()} << std::vector<Rule>{r3()}
                                            << QStringLiteral("R1 removed, R2 removed, R3 added");
        QTest::newRow("mixed") << std::vector<Rule>{r1(), r2(), r3()} << std::vector<Rule>{r1Text, r3(), r4()}
                               << QStringLiteral("R1 changed[text], R2 removed, R3 unchanged, R4 added");
    }

    void diff()
    {
        QFETCH(std::vector<Rule>, before);
        QFETCH(std::vector<Rule>, after);
        QFETCH(QString, expected);
        const std::vector<RuleChange> changes = diffRules(before, after);
        QCOMPARE(summary(changes), expected);
        // Every rule of either side appears exactly once.
        std::size_t removed = 0;
        for (const RuleChange &c : changes)
            removed += c.kind == RuleChange::Kind::Removed ? 1 : 0;
        QCOMPARE(changes.size(), after.size() + removed);
    }

    void changeCarriesBothSidesAndWordDiff()
    {
        Rule edited = r1();
        edited.text = QStringLiteral("Run run_tests and lint before deploy.");
        edited.stakes = Stakes::High;
        const std::vector<RuleChange> changes = diffRules({r1()}, {edited});
        QCOMPARE(changes.size(), std::size_t(1));
        const RuleChange &c = changes.front();
        QVERIFY(c.kind == RuleChange::Kind::Changed);
        QCOMPARE(c.ruleId, QStringLiteral("R1"));
        QVERIFY(c.before && c.after);
        QCOMPARE(*c.before, r1());
        QCOMPARE(*c.after, edited);
        QVERIFY(!c.scopeChanged);
        QVERIFY(c.stakesChanged);
        QCOMPARE(inlineDiff(c.words), QStringLiteral("Run run_tests {+and lint +}before deploy."));
    }

    void addedAndRemovedCarryOneSide()
    {
        const std::vector<RuleChange> changes = diffRules({r1()}, {r2()});
        QCOMPARE(changes.size(), std::size_t(2));
        QVERIFY(changes[0].kind == RuleChange::Kind::Removed);
        QVERIFY(changes[0].before && !changes[0].after);
        QVERIFY(changes[1].kind == RuleChange::Kind::Added);
        QVERIFY(!changes[1].before && changes[1].after);
        QVERIFY(changes[0].words.empty() && changes[1].words.empty());
    }

    void unchangedHasNoWordDiff()
    {
        const std::vector<RuleChange> changes = diffRules({r1()}, {r1()});
        QVERIFY(changes.front().kind == RuleChange::Kind::Unchanged);
        QVERIFY(changes.front().words.empty());
        QVERIFY(!changes.front().scopeChanged && !changes.front().stakesChanged);
    }

    // A damaged or imported version may repeat an id: the k-th of each side pair up.
    void duplicateIdsPairInOrder()
    {
        Rule a = r1();
        Rule b = r1();
        b.text = QStringLiteral("Second rule that reuses R1.");
        Rule bEdited = b;
        bEdited.text = QStringLiteral("Second rule that reuses the id R1.");
        const std::vector<RuleChange> changes = diffRules({a, b}, {a, bEdited});
        QCOMPARE(summary(changes), QStringLiteral("R1 unchanged, R1 changed[text]"));
    }

    void kindNames()
    {
        QCOMPARE(ruleChangeKindName(RuleChange::Kind::Added), QStringLiteral("added"));
        QCOMPARE(ruleChangeKindName(RuleChange::Kind::Removed), QStringLiteral("removed"));
        QCOMPARE(ruleChangeKindName(RuleChange::Kind::Changed), QStringLiteral("changed"));
        QCOMPARE(ruleChangeKindName(RuleChange::Kind::Unchanged), QStringLiteral("unchanged"));
    }
};

QTEST_GUILESS_MAIN(TestRuleDiff)
#include "tst_rule_diff.moc"
