// `verify`: the integrity check and the hash chains catch rows edited behind the store's back.

#include "core/store/HashChain.h"
#include "core/store/Sqlite.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

// Appends a version exactly as a writer must: hash over the parent's hash and the content.
void appendVersion(store::Workspace &ws, int number, const std::vector<Rule> &rules, const QString &prevHash,
                   QString *hashOut)
{
    PlaybookVersion v;
    v.number = number;
    v.parent = number - 1;
    v.author = QStringLiteral("dana");
    v.reason = QStringLiteral("test");
    v.createdMs = 1700000000000 + number;
    v.change = QStringLiteral("manual");
    v.rules = rules;
    v.prevHash = prevHash;
    v.hash = store::hashchain::versionHash(v);
    sql::Statement ins(ws.db(), "INSERT INTO playbook_versions (number, parent, author, reason, created_at, change, "
                                "proposal_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)");
    ins.bind(1, v.number);
    if (v.parent == 0)
        ins.bindNull(2);
    else
        ins.bind(2, v.parent);
    ins.bind(3, v.author).bind(4, v.reason).bind(5, v.createdMs).bind(6, v.change).bind(7, v.prevHash).bind(8, v.hash);
    ins.run();
    int pos = 0;
    for (const Rule &r : rules) {
        sql::Statement rule(ws.db(), "INSERT OR IGNORE INTO rules (id, created_version, origin) VALUES (?, ?, ?)");
        rule.bind(1, r.id).bind(2, number).bind(3, r.origin);
        rule.run();
        sql::Statement vr(ws.db(), "INSERT INTO version_rules (version, position, rule_id, text, scope, stakes, origin) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
        vr.bind(1, number).bind(2, pos++).bind(3, r.id).bind(4, r.text);
        vr.bindText(5, store::hashchain::scopeToJson(r.scope));
        vr.bind(6, int(r.stakes)).bind(7, r.origin);
        vr.run();
    }
    *hashOut = v.hash;
}

Rule rule(const QString &id, const QString &text)
{
    Rule r;
    r.id = id;
    r.text = text;
    r.scope.workflows = QStringList{QStringLiteral("deploy_service")};
    r.origin = QStringLiteral("manual");
    return r;
}

} // namespace

class TestVerify : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void passesOnAnIntactHistory()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        QString h1, h2;
        appendVersion(ws, 1, {rule(QStringLiteral("R1"), QStringLiteral("Run run_tests before deploy."))},
                      store::hashchain::genesis(), &h1);
        appendVersion(ws, 2,
                      {rule(QStringLiteral("R1"), QStringLiteral("Run run_tests before deploy.")),
                       rule(QStringLiteral("R2"), QStringLiteral("Never set force on issue_refund."))},
                      h1, &h2);
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void catchesAnEditedVersionRow()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        QString h1, h2;
        appendVersion(ws, 1, {rule(QStringLiteral("R1"), QStringLiteral("a"))}, store::hashchain::genesis(), &h1);
        appendVersion(ws, 2, {rule(QStringLiteral("R1"), QStringLiteral("b"))}, h1, &h2);
        ws.db().exec("UPDATE playbook_versions SET author = 'mallory' WHERE number = 1");
        const QStringList problems = store::verifyWorkspace(ws);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QLatin1String("version 1 was altered")), qPrintable(problems.first()));
    }

    void catchesAnEditedRuleRow()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        QString h1;
        appendVersion(ws, 1, {rule(QStringLiteral("R1"), QStringLiteral("Run run_tests before deploy."))},
                      store::hashchain::genesis(), &h1);
        ws.db().exec("UPDATE version_rules SET text = 'Deploy without tests.' WHERE version = 1");
        const QStringList problems = store::verifyWorkspace(ws);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains(QLatin1String("version 1")));
    }

    void catchesABrokenChain()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        QString h1, h2;
        appendVersion(ws, 1, {}, store::hashchain::genesis(), &h1);
        // Version 2 written as if version 1 had another hash: a forged history.
        appendVersion(ws, 2, {}, QString(64, QLatin1Char('f')), &h2);
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY(!problems.isEmpty());
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QLatin1String("does not chain")));
    }

    void catchesAnEditedReview()
    {
        QTemporaryDir dir;
        store::Workspace ws(test::workspaceLocation(dir, QStringLiteral("w.reverie")));
        Review r;
        r.id = 1;
        r.reviewer = QStringLiteral("dana");
        r.decision = QStringLiteral("reject");
        r.comment = QStringLiteral("too broad");
        r.createdMs = 1700000000000;
        const QString prev = store::hashchain::genesis();
        const QString hash = store::hashchain::reviewHash(r, prev);
        sql::Statement ins(ws.db(), "INSERT INTO reviews (id, proposal_id, reviewer, decision, comment, edited_text, "
                                    "produced_version, created_at, prev_hash, hash) "
                                    "VALUES (1, NULL, ?, ?, ?, NULL, NULL, ?, ?, ?)");
        ins.bind(1, r.reviewer).bind(2, r.decision).bind(3, r.comment).bind(4, r.createdMs).bind(5, prev).bind(6, hash);
        ins.run();
        QVERIFY(store::verifyWorkspace(ws).isEmpty());
        ws.db().exec("UPDATE reviews SET decision = 'approve'");
        const QStringList problems = store::verifyWorkspace(ws);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains(QLatin1String("review 1")));
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
