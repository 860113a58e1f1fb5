#include "support/PgTestServer.h"

#include "core/model/Error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reverie::test {

namespace {

// The newest installed server's programs: REVERIE_PG_BINDIR, or /usr/lib/postgresql/N/bin.
QString serverBinDir()
{
    const QString fromEnv = qEnvironmentVariable("REVERIE_PG_BINDIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    QDir base(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = base.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString bin = base.filePath(v + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl")))
            return bin;
    }
    return QString();
}

// A port nothing listens on right now (the server may still lose a race for it: start() tries again).
int freePort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        const int port = 20000 + int(QRandomGenerator::global()->bounded(40000));
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return port;
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(quint16(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const bool free = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (free)
            return port;
    }
    return 0;
}

} // namespace

// A short path in /tmp: the socket's path must fit in 107 bytes, and when the tests run as
// root the server's user must be able to reach it (TMPDIR may be a private folder).
PgTestServer::PgTestServer() : m_dir(QStringLiteral("/tmp/reverie-pg-XXXXXX"))
{
    m_bin = serverBinDir();
    if (m_bin.isEmpty()) {
        m_notInstalled = true;
        m_problem = QStringLiteral("PostgreSQL server programs not found (Debian package postgresql-15, which ./dev "
                                   "installs; or set REVERIE_PG_BINDIR): server tests skipped");
        return;
    }
    if (!m_dir.isValid()) {
        m_problem = QStringLiteral("cannot make a temporary folder for the test server");
        return;
    }
    m_password = QStringLiteral("pw-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    m_running = start();
}

PgTestServer::~PgTestServer()
{
    if (!m_running)
        return;
    runTool(m_bin + QStringLiteral("/pg_ctl"),
            {QStringLiteral("-D"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("-w"), QStringLiteral("stop")});
    if (m_sentinel) {
        m_sentinel->closeWriteChannel();   // its pg_ctl finds the server stopped already
        m_sentinel->waitForFinished(10000);
    }
}

QStringList PgTestServer::asServerUser(const QString &program, const QStringList &args) const
{
    if (!m_asNobody)
        return QStringList{program} + args;
    return QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"),
                       program} + args;
}

bool PgTestServer::runTool(const QString &program, const QStringList &args, QString *output) const
{
    const QStringList command = asServerUser(program, args);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(command.first(), command.mid(1));
    const bool finished = p.waitForFinished(120000);
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    return finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool PgTestServer::start()
{
    const QString root = m_dir.path();
    if (::geteuid() == 0) {
        // initdb refuses root: the server runs as nobody, in a folder nobody owns.
        const passwd *nobody = ::getpwnam("nobody");
        if (!nobody) {
            m_problem = QStringLiteral("running as root and there is no user \"nobody\" to run the test server as");
            return false;
        }
        m_asNobody = true;
        if (::chown(QFile::encodeName(root).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            m_problem = QStringLiteral("cannot hand %1 to the user nobody").arg(root);
            return false;
        }
    }
    const QString pwfile = root + QStringLiteral("/pw");
    {
        QFile f(pwfile);
        if (!f.open(QIODevice::WriteOnly) || f.write(m_password.toUtf8() + '\n') < 0) {
            m_problem = QStringLiteral("cannot write %1").arg(pwfile);
            return false;
        }
    }
    if (m_asNobody) {
        const passwd *nobody = ::getpwnam("nobody");
        if (::chown(QFile::encodeName(pwfile).constData(), nobody->pw_uid, nobody->pw_gid) != 0) {
            m_problem = QStringLiteral("cannot hand %1 to the user nobody").arg(pwfile);
            return false;
        }
    }
    const QString data = root + QStringLiteral("/data");
    QString out;
    if (!runTool(m_bin + QStringLiteral("/initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("-U"), QString::fromLatin1(kSuperuser),
                  QStringLiteral("--pwfile=") + pwfile, QStringLiteral("-A"), QStringLiteral("scram-sha-256"),
                  QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("-N")},
                 &out)) {
        m_problem = QStringLiteral("initdb failed: %1").arg(out.trimmed().right(400));
        return false;
    }
    QFile::remove(pwfile);
    // If this program dies without unwinding, the kernel closes our end of the sentinel's
    // standard input; it then stops the server. (/bin/sh by its path: the server's user may
    // not be able to read every folder on our PATH.)
    m_sentinel = std::make_unique<QProcess>();
    const QStringList sentinel = asServerUser(
        QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("read _; exec \"$0\" -D \"$1\" -m immediate stop"),
                                    m_bin + QStringLiteral("/pg_ctl"), data});
    m_sentinel->setProcessChannelMode(QProcess::MergedChannels);
    m_sentinel->start(sentinel.first(), sentinel.mid(1));
    m_sentinel->waitForStarted(10000);
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        const QString options = QStringLiteral("-k %1 -h 127.0.0.1 -p %2 -F -c synchronous_commit=off "
                                               "-c full_page_writes=off -c max_connections=40")
                                    .arg(root)
                                    .arg(m_port);
        if (runTool(m_bin + QStringLiteral("/pg_ctl"),
                    {QStringLiteral("-D"), data, QStringLiteral("-l"), root + QStringLiteral("/server.log"),
                     QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                     QStringLiteral("start")},
                    &out))
            return true;
    }
    QFile log(root + QStringLiteral("/server.log"));
    const QString tail = log.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(log.readAll()).right(400) : out;
    m_problem = QStringLiteral("the test server did not start: %1").arg(tail.trimmed());
    return false;
}

QString PgTestServer::address(const QString &database, const QString &user) const
{
    return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user).arg(m_port).arg(database);
}

QString PgTestServer::psql(const QString &sql, const QString &database, const QString &user, const QString &password) const
{
    // psql is the client's: it needs no other user, only the password in its environment.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), password.isEmpty() ? m_password : password);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
                                     QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
                                     QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                                     QStringLiteral("-U"), user, QStringLiteral("-d"), database,
                                     QStringLiteral("-c"), sql});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        throw reverie::Error(QStringLiteral("psql: %1").arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed()));
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QString PgTestServer::createDatabase(const QString &name) const
{
    psql(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
    return address(name);
}

void PgTestServer::createRole(const QString &name, const QString &password) const
{
    psql(QStringLiteral("CREATE ROLE \"%1\" LOGIN PASSWORD '%2'").arg(name, password.isEmpty() ? m_password : password));
}

} // namespace reverie::test
