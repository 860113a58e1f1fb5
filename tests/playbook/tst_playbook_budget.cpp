// estimateTokens: a rough, monotone size measure for keeping the playbook inside its budget.

#include "core/playbook/Budget.h"

#include "PlaybookTestRules.h"

#include <QTest>

using namespace reverie;
using namespace reverie::playbook;
using reverie::test::makeRule;

class TestPlaybookBudget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void text_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("tokens");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("only spaces") << QStringLiteral("   \n ") << 2;   // 5 characters, no words
        QTest::newRow("one short word") << QStringLiteral("a") << 1;
        QTest::newRow("short words count once each") << QStringLiteral("a b c d e") << 5;
        QTest::newRow("long word by length") << QStringLiteral("internationalization") << 5;
        QTest::newRow("sentence") << QStringLiteral("Run run_tests before every deploy.") << 9;
        QTest::newRow("emoji is one character") << QStringLiteral("🚀🚀🚀🚀") << 1;
    }

    void text()
    {
        QFETCH(QString, text);
        QFETCH(int, tokens);
        QCOMPARE(estimateTokens(text), tokens);
    }

    void rulesAddOverheadAndScope()
    {
        const Rule plain = makeRule(QStringLiteral("R1"), QStringLiteral("Run run_tests before every deploy."));
        QCOMPARE(estimateTokens(std::vector<Rule>{}), 0);
        const int one = estimateTokens(std::vector<Rule>{plain});
        QVERIFY(one > estimateTokens(plain.text));
        QCOMPARE(estimateTokens(std::vector<Rule>{plain, plain}), 2 * one);

        Rule scoped = plain;
        scoped.scope.workflows = QStringList{QStringLiteral("deploy_service")};
        QVERIFY(estimateTokens(std::vector<Rule>{scoped}) > one);
        Rule high = plain;
        high.stakes = Stakes::High;
        QVERIFY(estimateTokens(std::vector<Rule>{high}) > one);
    }

    void growsWithText()
    {
        QString text;
        int last = 0;
        for (int i = 0; i < 200; ++i) {
            text += QStringLiteral("word%1 ").arg(i);
            const int now = estimateTokens(text);
            QVERIFY(now >= last);
            last = now;
        }
        QVERIFY(last >= 200);
    }
};

QTEST_GUILESS_MAIN(TestPlaybookBudget)
#include "tst_playbook_budget.moc"
