// The smaller promises of the ledger, each found by feeding it what a user or an adversary
// might: rule ids at the edge of a number, a large imported playbook, credentials in a URL.

#include "core/dream/DreamPass.h"
#include "core/review/Ledger.h"
#include "core/store/DreamStore.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/Workspace.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

Rule rule(const QString &id, const QString &text)
{
    Rule r;
    r.id = id;
    r.text = text;
    return r;
}

} // namespace

class TestLedgerLimits : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("limits%1.reverie").arg(++m_n)); }

    // Adds one rule through a proposal and an approval; returns the new rule's id.
    QString addRule(store::Workspace &ws, const QString &text)
    {
        review::Ledger ledger(ws);
        Proposal p;
        p.text = text;
        const qint64 id = ledger.proposeManual(p, QStringLiteral("alice"));
        ledger.approve(id, QStringLiteral("bob"));
        return store::PlaybookHistory(ws).current().rules.back().id;
    }

private Q_SLOTS:
    void ruleIdsPastInt32StillCount_data()
    {
        QTest::addColumn<QString>("imported");
        QTest::addColumn<QString>("next");
        QTest::newRow("int32 max") << QStringLiteral("R2147483647") << QStringLiteral("R2147483648");
        QTest::newRow("uint32 max") << QStringLiteral("R4294967295") << QStringLiteral("R4294967296");
        QTest::newRow("17 digits") << QStringLiteral("R12345678901234567") << QStringLiteral("R12345678901234568");
        QTest::newRow("too long to be ours") << QStringLiteral("R123456789012345678901234") << QStringLiteral("R1");
    }
    void ruleIdsPastInt32StillCount()
    {
        QFETCH(QString, imported);
        QFETCH(QString, next);
        store::Workspace ws(freshPath());
        review::Ledger(ws).importPlaybook({rule(imported, QStringLiteral("Be kind."))}, QStringLiteral("ops"),
                                          QStringLiteral("test"));
        QCOMPARE(addRule(ws, QStringLiteral("Be brief.")), next);
        // and the one after that, too: nothing is blocked
        QVERIFY(addRule(ws, QStringLiteral("Be clear.")) != next);
    }

    void exhaustedIdsFailClearly()
    {
        store::Workspace ws(freshPath());
        review::Ledger(ws).importPlaybook({rule(QStringLiteral("R999999999999999999"), QStringLiteral("Be kind."))},
                                          QStringLiteral("ops"), QStringLiteral("test"));
        review::Ledger ledger(ws);
        Proposal p;
        p.text = QStringLiteral("Be brief.");
        const qint64 id = ledger.proposeManual(p, QStringLiteral("alice"));
        try {
            ledger.approve(id, QStringLiteral("bob"));
            QFAIL("an id past 18 digits was handed out");
        } catch (const reverie::Error &e) {
            QVERIFY2(e.message().contains(QLatin1String("no rule id is left")), qPrintable(e.message()));
        }
        QCOMPARE(store::PlaybookHistory(ws).currentNumber(), 1);   // nothing half-written
    }

    void largePlaybookWithoutIdsImportsWithUniqueIds()
    {
        store::Workspace ws(freshPath());
        std::vector<Rule> rules;
        for (int i = 0; i < 10000; ++i)
            rules.push_back(rule(i % 1000 == 7 ? QStringLiteral("R5") : QString(), QStringLiteral("Rule number %1.").arg(i)));
        review::Ledger(ws).importPlaybook(rules, QStringLiteral("ops"), QStringLiteral("big.md"));
        const PlaybookVersion v = store::PlaybookHistory(ws).current();
        QCOMPARE(int(v.rules.size()), 10000);
        QSet<QString> ids;
        for (const Rule &r : v.rules)
            ids.insert(r.id);
        QCOMPARE(ids.size(), 10000);
        QVERIFY(ids.contains(QStringLiteral("R5")));
    }

    void credentialsNeverReachTheDreamRun()
    {
        const QString path = freshPath();
        { store::Workspace create(path); }
        dream::DreamRequest request;
        request.workspacePath = path;
        request.engine = QStringLiteral("openai");
        request.llm.baseUrl = QStringLiteral("http://user:hunter2secret@127.0.0.1:1/v1?api_key=sk-leakme123&team=a");
        request.llm.apiKeyEnv = QStringLiteral("REVERIE_TEST_NO_SUCH_KEY");
        const dream::DreamResult result = dream::runDreamPass(request, {});
        store::Workspace ws(path);
        const auto run = store::DreamStore(ws).get(result.run.id);
        QVERIFY(run);
        const QString stored = QString::fromUtf8(run->parameters) + run->error;
        QVERIFY2(!stored.contains(QLatin1String("hunter2")), qPrintable(stored));
        QVERIFY2(!stored.contains(QLatin1String("leakme")), qPrintable(stored));
        QVERIFY2(stored.contains(QLatin1String("127.0.0.1")), qPrintable(stored));
    }
};

QTEST_GUILESS_MAIN(TestLedgerLimits)
#include "tst_ledger_limits.moc"
