// Signed decisions: where the policy asks for them, a high-stakes approval needs the reviewer's
// own SSH key, and `verify` catches a decision rewritten behind Reverie's back even when the
// forger recomputed the whole hash chain, which plain hashes alone cannot.

#include "core/model/Playbook.h"
#include "core/store/HashChain.h"
#include "core/store/ReviewLog.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

// Rewrites one review's comment and recomputes its hash and every later one, as a forger with
// write access to the file would.
void forgeComment(const QString &workspace, qint64 reviewId, const QString &comment)
{
    store::Workspace ws(workspace);
    sql::Transaction tx(ws.db());
    std::vector<Review> reviews = store::ReviewLog(ws).all();
    sql::Statement update(ws.db(), "UPDATE reviews SET comment = ?, prev_hash = ?, hash = ? WHERE id = ?");
    QString prev = store::hashchain::genesis();
    for (Review &r : reviews) {
        if (r.id == reviewId)
            r.comment = comment;
        const QString hash = store::hashchain::reviewHash(r, prev);
        if (r.id >= reviewId) {
            update.bind(1, r.comment).bind(2, prev).bind(3, hash).bind(4, r.id);
            update.run();
        }
        prev = hash;
    }
    tx.commit();
}

} // namespace

class TestSignedHistory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_bobKey, m_carolKey;

    test::CliRun run(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(s("--workspace"));
        return test::runCli(args);
    }
    QJsonObject ok(QStringList args)
    {
        args << s("--json");
        const test::CliRun r = run(args);
        if (r.exitCode != 0)
            qWarning("reverie %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        [&] { QCOMPARE(r.exitCode, 0); }();
        return QJsonDocument::fromJson(r.out).object();
    }
    void refused(const QStringList &args, const char *why)
    {
        const test::CliRun r = run(args);
        QVERIFY2(r.exitCode == 1, qPrintable(QString::fromUtf8(r.err)));
        QVERIFY2(QString::fromUtf8(r.err).contains(QString::fromUtf8(why)), r.err.constData());
    }
    QString makeKey(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QProcess keygen;
        keygen.start(s("ssh-keygen"), {s("-q"), s("-t"), s("ed25519"), s("-N"), QString(), s("-C"), name, s("-f"), path});
        [&] { QVERIFY(keygen.waitForFinished(30000) && keygen.exitCode() == 0); }();
        return path;
    }
    QByteArray publicKey(const QString &path)
    {
        QFile f(path + s(".pub"));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
    }
    qint64 lastReviewBy(const QString &reviewer)
    {
        store::Workspace ws(m_ws);
        qint64 id = 0;
        for (const Review &r : store::ReviewLog(ws).all()) {
            if (r.reviewer == reviewer)
                id = r.id;
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(s("ssh-keygen")).isEmpty())
            QSKIP("ssh-keygen (openssh-client) is not installed: signed-decision tests skipped");
        m_bobKey = makeKey(s("bob"));
        m_carolKey = makeKey(s("carol"));
        const QString allowed = test::writeFile(m_dir, s("allowed_signers"),
                                                "bob " + publicKey(m_bobKey) + "\ncarol " + publicKey(m_carolKey) + "\n");
        m_ws = m_dir.filePath(s("signed.reverie"));
        const QString playbook = test::writeFile(
            m_dir, s("seed.json"),
            R"({"rules": [{"id": "R1", "text": "Run the smoke tests before deploy.", "scope": {"workflows": ["deploy_service"]}}]})");
        QCOMPARE(run({s("playbook"), s("import"), playbook, s("--author"), s("ops")}).exitCode, 0);
        // Requiring signatures before any key is trusted would lock every high-stakes decision out.
        refused({s("policy"), s("--require-signatures"), s("yes"), s("--reviewer"), s("ops")}, "--allowed-signers");
        ok({s("policy"), s("--add-workflow"), s("deploy_service"), s("--allowed-signers"), allowed,
            s("--require-signatures"), s("yes"), s("--reviewer"), s("ops")});
    }

    void highStakesApprovalsMustBeSignedByTheirReviewer()
    {
        const QJsonObject proposed = ok({s("propose"), s("--author"), s("alice"), s("--op"), s("edit"), s("--rule"), s("R1"),
                                         s("--text"), s("Run the smoke tests and the canary before deploy.")});
        const QString id = QString::number(qint64(proposed[s("id")].toDouble()));
        refused({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("ok")}, "requires signed approvals");
        QCOMPARE(ok({s("approve"), id, s("--reviewer"), s("bob"), s("--reason"), s("ok"), s("--sign-key"), m_bobKey})[s("outcome")]
                     .toString(),
                 s("awaiting_approvals"));
        // carol cannot approve with bob's key.
        refused({s("approve"), id, s("--reviewer"), s("carol"), s("--reason"), s("ok"), s("--sign-key"), m_bobKey},
                "not accepted");
        QCOMPARE(ok({s("approve"), id, s("--reviewer"), s("Carol"), s("--reason"), s("ok"), s("--sign-key"), m_carolKey})[s("outcome")]
                     .toString(),
                 s("applied"));
        const QJsonObject verified = ok({s("verify")});
        QVERIFY(verified[s("ok")].toBool());
        QCOMPARE(verified[s("signed_decisions")].toInt(), 2);
        QVERIFY(verified[s("guarantee")].toString().contains(s("rewriting a signed decision")));
    }

    void aRewrittenSignedDecisionFailsVerify()
    {
        const qint64 bobs = lastReviewBy(s("bob"));
        QVERIFY(bobs > 0);
        forgeComment(m_ws, bobs, s("I never looked at it"));
        const test::CliRun r = run({s("verify")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("signature that does not verify"), r.err.constData());
        // The hash chain itself was recomputed: only the signatures give the forgery away.
        QVERIFY2(!r.err.contains("hash mismatch"), r.err.constData());
    }

    void anUnsignedChainCanBeRecomputedAndVerifySaysSo()
    {
        const QString plain = m_dir.filePath(s("plain.reverie"));
        const QString playbook = test::writeFile(m_dir, s("plain.json"), R"({"rules": [{"id": "R1", "text": "Be kind."}]})");
        QCOMPARE(test::runCli({s("--workspace"), plain, s("playbook"), s("import"), playbook, s("--author"), s("ops")}).exitCode, 0);
        QCOMPARE(test::runCli({s("--workspace"), plain, s("propose"), s("--author"), s("alice"), s("--text"), s("Be brief.")}).exitCode, 0);
        QCOMPARE(test::runCli({s("--workspace"), plain, s("approve"), s("1"), s("--reviewer"), s("bob")}).exitCode, 0);
        store::Workspace ws(plain);
        const qint64 id = store::ReviewLog(ws).all().back().id;
        forgeComment(plain, id, s("forged"));
        const test::CliRun r = test::runCli({s("--workspace"), plain, s("verify")});
        QCOMPARE(r.exitCode, 0);   // what plain hashes cannot prove, and verify says it
        QVERIFY2(r.out.contains("nothing here proves who decided what"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestSignedHistory)
#include "tst_signed_history.moc"
