#include "core/review/SshSignature.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace reverie::review {
namespace {

constexpr int kTimeoutMs = 20000;

QString signatureNamespace() { return QStringLiteral("reverie-decision"); }
QString armorHeader() { return QStringLiteral("-----BEGIN SSH SIGNATURE-----"); }
QString sshKeygenPath() { return QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")); }

struct Run { int exitCode = 0; QString out, err; };

// Runs ssh-keygen with nobody to answer it: stdin is /dev/null (or `stdinFile`), there is no
// terminal, no display and no askpass, so a prompt fails at once instead of waiting forever.
// `what` completes "cannot ..." in the errors.
Run runSshKeygen(const QStringList &args, const QString &stdinFile, const QString &what)
{
    const QString program = sshKeygenPath();
    if (program.isEmpty())
        throw SignatureError(QStringLiteral("cannot %1: ssh-keygen is not installed (OpenSSH, Debian package "
                                            "openssh-client)").arg(what));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("never"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(stdinFile.isEmpty() ? QProcess::nullDevice() : stdinFile);
#ifdef Q_OS_UNIX
    // A new session has no controlling terminal, so readpassphrase() cannot open /dev/tty.
    process.setChildProcessModifier([] { static_cast<void>(::setsid()); });
#endif
    const QDeadlineTimer deadline(kTimeoutMs);
    process.start(program, args);
    if (!process.waitForStarted(int(deadline.remainingTime())))
        throw SignatureError(QStringLiteral("cannot %1: ssh-keygen (%2) did not start: %3")
                                 .arg(what, program, process.errorString()));
    if (!process.waitForFinished(int(deadline.remainingTime()))) {
        process.kill();
        process.waitForFinished(5000);
        throw SignatureError(QStringLiteral("cannot %1: ssh-keygen did not finish within %2 s").arg(what).arg(kTimeoutMs / 1000));
    }
    if (process.exitStatus() != QProcess::NormalExit)
        throw SignatureError(QStringLiteral("cannot %1: ssh-keygen crashed").arg(what));
    return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardOutput()),
            QString::fromLocal8Bit(process.readAllStandardError())};
}

// An owner-only scratch folder for the files ssh-keygen reads; removed with everything in it
// when it goes out of scope, also when an exception leaves the caller.
class Scratch {
public:
    explicit Scratch(const QString &what)
        : m_what(what), m_dir(QDir::tempPath() + QStringLiteral("/reverie-sshsig-XXXXXX"))
    {
        if (!m_dir.isValid())
            throw SignatureError(QStringLiteral("cannot %1: no temporary folder (%2)").arg(m_what, m_dir.errorString()));
    }
    QString write(const QString &name, const QByteArray &data) const
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(data) != data.size() || !file.flush())
            throw SignatureError(QStringLiteral("cannot %1: cannot write %2 (%3)").arg(m_what, path, file.errorString()));
        return path;
    }

private:
    QString m_what;
    QTemporaryDir m_dir;
};

// The last thing ssh-keygen said, on one line, for failures without a better explanation.
QString lastLine(const Run &run)
{
    const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return QStringLiteral("ssh-keygen exited with code %1").arg(run.exitCode);
    return lines.constLast().simplified().left(200);
}

QString signFailure(const QString &keyPath, const Run &run)
{
    const QString prefix = QStringLiteral("cannot sign with the key file %1: ").arg(keyPath);
    const QString &err = run.err;
    if (err.contains(QLatin1String("passphrase")))
        return prefix + QStringLiteral("it is protected by a passphrase and Reverie cannot ask for one; add it "
                                       "to ssh-agent (ssh-add) or use a key without a passphrase");
    if (err.contains(QLatin1String("UNPROTECTED PRIVATE KEY FILE")) || err.contains(QLatin1String("too open")))
        return prefix + QStringLiteral("other users can read it, so ssh-keygen refuses it (chmod 600 the file)");
    if (err.contains(QLatin1String("Couldn't load public key")))
        return prefix + QStringLiteral("ssh-keygen cannot read it as an SSH key");
    if (err.contains(QLatin1String("No private key found")))
        return prefix + QStringLiteral("no private key found for it (give the private key file, or load it "
                                       "into ssh-agent)");
    return prefix + lastLine(run);
}

QString verifyFailure(const Run &run, const QString &principal, const QString &allowedPath)
{
    const QString &err = run.err;
    if (err.contains(QLatin1String("incorrect signature")))
        return QStringLiteral("the signature does not match");
    if (err.contains(QLatin1String("namespace")))
        return QStringLiteral("the signature is not for a Reverie decision (other namespace)");
    if (err.contains(QLatin1String("Couldn't parse signature")) || err.contains(QLatin1String("invalid format")))
        return QStringLiteral("not an SSH signature");
    if (err.contains(QLatin1String("key has expired")))
        return QStringLiteral("%1's key in the allowed signers has expired").arg(principal);
    if (err.contains(QLatin1String("not yet valid")))
        return QStringLiteral("%1's key in the allowed signers is not valid yet").arg(principal);
    static const QRegularExpression invalidKey(QStringLiteral(":(\\d+): invalid key"));
    if (const QRegularExpressionMatch m = invalidKey.match(err); m.hasMatch())
        return QStringLiteral("line %1 of the allowed signers has an invalid key").arg(m.captured(1));

    // ssh-keygen says nothing more when the signing key is not one listed for the principal;
    // ask it whether the principal is listed at all to tell the two cases apart.
    const Run match = runSshKeygen({QStringLiteral("-Y"), QStringLiteral("match-principals"), QStringLiteral("-I"),
                                    principal, QStringLiteral("-f"), allowedPath},
                                   QString(), QStringLiteral("check the allowed signers for %1").arg(principal));
    if (match.exitCode == 0)
        return QStringLiteral("the signature was not made with a key allowed for %1").arg(principal);
    if (match.err.contains(QLatin1String("No principal matched")))
        return QStringLiteral("%1 has no key in the allowed signers").arg(principal);
    return QStringLiteral("the signature could not be verified for %1 (not made with %1's key, or %1 has no key "
                          "in the allowed signers)").arg(principal);
}

} // namespace

QString signPayload(const QByteArray &payload, const QString &keyPath)
{
    if (keyPath.isEmpty())
        throw SignatureError(QStringLiteral("cannot sign: no key file given"));
    const QFileInfo key(keyPath);
    if (!key.exists())
        throw SignatureError(QStringLiteral("cannot sign: the key file %1 does not exist").arg(keyPath));
    if (!key.isFile())
        throw SignatureError(QStringLiteral("cannot sign: the key file %1 is not a file").arg(keyPath));
    if (!key.isReadable())
        throw SignatureError(QStringLiteral("cannot sign: the key file %1 cannot be read").arg(keyPath));

    const QString what = QStringLiteral("sign with the key file %1").arg(keyPath);
    const Scratch scratch(what);
    const QString payloadPath = scratch.write(QStringLiteral("payload"), payload);
    const Run run = runSshKeygen({QStringLiteral("-Y"), QStringLiteral("sign"), QStringLiteral("-f"), keyPath,
                                  QStringLiteral("-n"), signatureNamespace(), payloadPath},
                                 QString(), what);
    QFile sigFile(payloadPath + QStringLiteral(".sig"));
    if (run.exitCode == 0 && sigFile.open(QIODevice::ReadOnly)) {
        const QString signature = QString::fromLatin1(sigFile.readAll());
        if (signature.startsWith(armorHeader()))
            return signature;
    }
    throw SignatureError(signFailure(keyPath, run));
}

QString checkSignature(const QByteArray &payload, const QString &signature, const QString &principal,
                       const QString &allowedSigners)
{
    if (principal.trimmed().isEmpty())
        return QStringLiteral("no signer name given");
    if (!signature.contains(armorHeader()))
        return QStringLiteral("not an SSH signature");

    const QString what = QStringLiteral("check the signature of %1").arg(principal);
    const Scratch scratch(what);
    QByteArray allowed = allowedSigners.toUtf8();
    if (!allowed.endsWith('\n'))
        allowed.append('\n');
    const QString allowedPath = scratch.write(QStringLiteral("allowed_signers"), allowed);
    const QString sigPath = scratch.write(QStringLiteral("signature"), signature.toUtf8());
    const QString payloadPath = scratch.write(QStringLiteral("payload"), payload);
    const Run run = runSshKeygen({QStringLiteral("-Y"), QStringLiteral("verify"), QStringLiteral("-f"), allowedPath,
                                  QStringLiteral("-I"), principal, QStringLiteral("-n"), signatureNamespace(),
                                  QStringLiteral("-s"), sigPath},
                                 payloadPath, what);
    if (run.exitCode == 0) // ssh-keygen exits 0 only for a good signature by an allowed key
        return {};
    return verifyFailure(run, principal, allowedPath);
}

bool sshKeygenAvailable() { return !sshKeygenPath().isEmpty(); }

} // namespace reverie::review
