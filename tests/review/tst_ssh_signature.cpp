// Signing and checking review decisions with real ed25519 keys made by ssh-keygen: good
// signatures verify, anything altered or signed by the wrong key fails with a reason, and
// keys that cannot be used fail at once instead of waiting for a passphrase.

#include "core/review/SshSignature.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie::review;

namespace {

QSet<QString> scratchEntries()
{
    const QStringList names = QDir(QDir::tempPath()).entryList({QStringLiteral("reverie-sshsig-*")},
                                                               QDir::AllEntries | QDir::Hidden | QDir::System);
    return QSet<QString>(names.cbegin(), names.cend());
}

} // namespace

class TestSshSignature : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_keys;
    QSet<QString> m_scratchBefore;
    // The signer's scratch folders go in a temporary folder of this program's own: other
    // suites running at the same time sign too, and theirs come and go in /tmp.
    QTemporaryDir m_privateTmp;
    QHash<QString, QString> m_signatures; // signer -> signature over payload()

    static QByteArray payload() { return QByteArrayLiteral("decision 42: accept rule R7\nreviewer: alice\n"); }
    QString key(const QString &name) const { return m_keys.filePath(name); }

    // Runs ssh-keygen with `args`; empty when it succeeded, else what it said.
    static QString sshKeygen(const QStringList &args)
    {
        QProcess p;
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral("ssh-keygen"), args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("ssh-keygen %1 failed: %2").arg(args.join(QLatin1Char(' ')),
                                                                QString::fromLocal8Bit(p.readAllStandardError()));
        return {};
    }
    QString generateKey(const QString &name, const QString &passphrase)
    {
        return sshKeygen({QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
                          passphrase, QStringLiteral("-C"), name, QStringLiteral("-f"), key(name)});
    }
    // "name keytype base64key" for the allowed signers list.
    QString allowedLine(const QString &principal, const QString &keyName) const
    {
        QFile pub(key(keyName) + QStringLiteral(".pub"));
        if (!pub.open(QIODevice::ReadOnly))
            return {};
        const QStringList fields = QString::fromLatin1(pub.readAll()).split(QLatin1Char(' '));
        return principal + QLatin1Char(' ') + fields.value(0) + QLatin1Char(' ') + fields.value(1) + QLatin1Char('\n');
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!sshKeygenAvailable())
            QSKIP("ssh-keygen not found on PATH: install OpenSSH (Debian package openssh-client) to run these tests");
        QVERIFY2(m_keys.isValid(), qPrintable(m_keys.errorString()));
        QVERIFY(m_privateTmp.isValid());
        qputenv("TMPDIR", QFile::encodeName(m_privateTmp.path()));
        m_scratchBefore = scratchEntries();
        for (const QString &name : {QStringLiteral("alice"), QStringLiteral("bob")}) {
            const QString failure = generateKey(name, QString());
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
        }
        const QString failure = generateKey(QStringLiteral("locked"), QStringLiteral("secret"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        try {
            m_signatures.insert(QStringLiteral("alice"), signPayload(payload(), key(QStringLiteral("alice"))));
            m_signatures.insert(QStringLiteral("bob"), signPayload(payload(), key(QStringLiteral("bob"))));
        } catch (const SignatureError &e) {
            QFAIL(qPrintable(e.message()));
        }
        // The same key and payload, but for another purpose (git commits): must not pass as a decision.
        QFile file(m_keys.filePath(QStringLiteral("commit")));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(payload()) == payload().size());
        file.close();
        const QString gitFailure = sshKeygen({QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-n"),
                                              QStringLiteral("git"), QStringLiteral("-f"), key(QStringLiteral("alice")),
                                              file.fileName()});
        QVERIFY2(gitFailure.isEmpty(), qPrintable(gitFailure));
        QFile gitSig(file.fileName() + QStringLiteral(".sig"));
        QVERIFY(gitSig.open(QIODevice::ReadOnly));
        m_signatures.insert(QStringLiteral("alice for git"), QString::fromLatin1(gitSig.readAll()));
    }

    void signsAndVerifies_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("keyFile");
        QTest::newRow("text, private key") << payload() << QStringLiteral("alice");
        QTest::newRow("text, .pub path") << payload() << QStringLiteral("alice.pub");
        QTest::newRow("binary with NUL") << QByteArray("a\0b\xff\r\n", 6) << QStringLiteral("alice");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("alice");
    }
    void signsAndVerifies()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, keyFile);
        const QString signature = signPayload(data, key(keyFile));
        QVERIFY2(signature.startsWith(QLatin1String("-----BEGIN SSH SIGNATURE-----")), qPrintable(signature));
        const QString allowed = allowedLine(QStringLiteral("alice"), QStringLiteral("alice"));
        QCOMPARE(checkSignature(data, signature, QStringLiteral("alice"), allowed), QString());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("signer");
        QTest::addColumn<bool>("changePayload");
        QTest::addColumn<QString>("principal");
        QTest::addColumn<QStringList>("listed"); // principal=keyName pairs in the allowed signers
        QTest::addColumn<QString>("reason");
        const QStringList both{QStringLiteral("alice=alice"), QStringLiteral("bob=bob")};
        QTest::newRow("one byte changed") << QStringLiteral("alice") << true << QStringLiteral("alice") << both
                                          << QStringLiteral("the signature does not match");
        QTest::newRow("principal bob") << QStringLiteral("alice") << false << QStringLiteral("bob")
                                       << QStringList{QStringLiteral("alice=alice")}
                                       << QStringLiteral("bob has no key in the allowed signers");
        QTest::newRow("only bob listed") << QStringLiteral("alice") << false << QStringLiteral("alice")
                                         << QStringList{QStringLiteral("bob=bob")}
                                         << QStringLiteral("alice has no key in the allowed signers");
        const QString notAlicesKey = QStringLiteral("the signature was not made with a key allowed for alice");
        QTest::newRow("bob's signature as alice") << QStringLiteral("bob") << false << QStringLiteral("alice") << both
                                                  << notAlicesKey;
        QTest::newRow("alice's key listed as bob") << QStringLiteral("alice") << false << QStringLiteral("alice")
                                                   << QStringList{QStringLiteral("alice=bob")} << notAlicesKey;
        QTest::newRow("signed for git") << QStringLiteral("alice for git") << false << QStringLiteral("alice") << both
                                        << QStringLiteral("the signature is not for a Reverie decision (other namespace)");
    }
    void rejects()
    {
        QFETCH(QString, signer);
        QFETCH(bool, changePayload);
        QFETCH(QString, principal);
        QFETCH(QStringList, listed);
        QFETCH(QString, reason);
        QByteArray data = payload();
        if (changePayload)
            data[10] = '3'; // "decision 43"
        QString allowed;
        for (const QString &entry : listed)
            allowed += allowedLine(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
        QCOMPARE(checkSignature(data, m_signatures.value(signer), principal, allowed), reason);
    }

    void garbageFailsWithReason_data()
    {
        QTest::addColumn<QString>("signature");
        QTest::newRow("plain text") << QStringLiteral("looks good to me");
        QTest::newRow("empty") << QString();
        QTest::newRow("junk inside armor")
            << QStringLiteral("-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n");
        QTest::newRow("truncated") << m_signatures.value(QStringLiteral("alice")).left(100);
    }
    void garbageFailsWithReason()
    {
        QFETCH(QString, signature);
        const QString allowed = allowedLine(QStringLiteral("alice"), QStringLiteral("alice"));
        QString reason;
        try {
            reason = checkSignature(payload(), signature, QStringLiteral("alice"), allowed);
        } catch (const SignatureError &e) {
            QFAIL(qPrintable(QStringLiteral("threw instead of returning a reason: ") + e.message()));
        }
        QCOMPARE(reason, QStringLiteral("not an SSH signature"));
    }

    void unusableKeysThrowPromptly_data()
    {
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("missing") << QStringLiteral("nobody") << QStringLiteral("does not exist");
        QTest::newRow("passphrase") << QStringLiteral("locked") << QStringLiteral("protected by a passphrase");
        QTest::newRow("not a key") << QStringLiteral("commit") << QStringLiteral("cannot read it as an SSH key");
    }
    void unusableKeysThrowPromptly()
    {
        QFETCH(QString, keyFile);
        QFETCH(QString, reasonPart);
        const QString path = key(keyFile);
        QElapsedTimer timer;
        timer.start();
        try {
            signPayload(payload(), path);
            QFAIL("signPayload succeeded with an unusable key");
        } catch (const SignatureError &e) {
            QVERIFY2(e.message().contains(path), qPrintable(e.message()));
            QVERIFY2(e.message().contains(reasonPart), qPrintable(e.message()));
            QVERIFY2(!e.message().contains(QLatin1Char('\n')), qPrintable(e.message()));
        }
        // Well below the 20 s kill timeout: ssh-keygen gave up by itself, it did not wait for input.
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void leavesNoTemporaryFiles() { QCOMPARE(scratchEntries(), m_scratchBefore); }
};

QTEST_GUILESS_MAIN(TestSshSignature)
#include "tst_ssh_signature.moc"
