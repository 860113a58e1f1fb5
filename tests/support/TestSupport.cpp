#include "support/TestSupport.h"
#include "support/PgTestServer.h"

#include <QRegularExpression>
#include <QUrl>

#include "core/store/pg/ServerRoles.h"
#include "core/store/Sqlite.h"

#include "core/playbook/ManagedBlock.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace reverie::test {

QString fixture(const QString &relative)
{
    return QDir(QStringLiteral(REVERIE_FIXTURES_DIR)).filePath(relative);
}

QString samplesDir()
{
    const QString dir = QStringLiteral(REVERIE_SAMPLES_DIR);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

QString reverieBinary() { return QStringLiteral(REVERIE_BINARY); }

CliRun runCli(const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));       // the CLI must work without one
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(reverieBinary(), args);
    CliRun r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QByteArray publishedBlock(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    const QByteArray bytes = f.readAll();
    const auto block = playbook::blockContent(bytes);
    return block ? *block : bytes;
}

qint64 scalar(sql::Database &db, const char *sqlText)
{
    sql::Statement st(db, sqlText);
    return st.step() ? st.int64(0) : -1;
}

qint64 scalar(store::Workspace &ws, const char *sqlText) { return scalar(ws.db(), sqlText); }

void writeVersionRuns(store::Workspace &ws, const QString &batch, int version, const QString &workflow,
                      const QString &model, int successes, int failures, int unknown)
{
    store::TrajectoryWriter::SourceInfo source;
    source.path = QStringLiteral("generated:%1").arg(batch);
    source.format = QStringLiteral("reverie-jsonl");
    source.contentHash =
        QString::fromLatin1(QCryptographicHash::hash(source.path.toUtf8(), QCryptographicHash::Sha256).toHex());
    store::TrajectoryWriter writer(ws, source);
    for (int i = 0; i < successes + failures + unknown; ++i) {
        TrajectoryInfo t;
        t.externalId = QStringLiteral("run-%1-%2").arg(batch).arg(i);
        t.workflow = workflow;
        t.model = model;
        t.playbookVersion = version;
        t.playbookSource = QStringLiteral("explicit");
        t.startedMs = 1763900000000 + qint64(version) * 86400000 + i * 1000;
        t.verdict = i < successes ? Verdict::Success : i < successes + failures ? Verdict::Failure : Verdict::Unknown;
        const qint64 h = writer.begin(t);
        Step s;
        s.kind = StepKind::Message;
        s.role = QStringLiteral("user");
        s.text = QStringLiteral("Do %1").arg(workflow);
        writer.addStep(h, s);
        writer.finish(h, t);
    }
    writer.commit();
}

namespace {
PgTestServer &sharedServer()
{
    static PgTestServer server;   // stopped when the test program exits
    return server;
}
} // namespace

bool onServer()
{
    return qEnvironmentVariable("REVERIE_TEST_ENGINE") == QLatin1String("postgres");
}

QString serverSkipReason()
{
    if (!onServer())
        return QString();
    PgTestServer &server = sharedServer();
    if (server.notInstalled())
        return server.problem();
    return QString();
}

QString locationAs(const QString &location, const QString &user)
{
    if (!onServer())
        return location;
    PgTestServer &server = sharedServer();
    try {
        server.createRole(user);
    } catch (const reverie::Error &) {
        // made for an earlier workspace of this test program
    }
    store::Workspace owner(location);
    pg::grantRole(owner.db().server(), user, pg::WorkspaceRole::Reviewer);
    QUrl url(location);
    url.setUserName(user);
    return url.toString();
}

QString workspaceLocation(const QTemporaryDir &dir, const QString &name)
{
    if (!onServer())
        return dir.filePath(name);
    PgTestServer &server = sharedServer();
    if (!server.isRunning())
        throw reverie::Error(server.problem());
    qputenv("PGPASSWORD", server.superuserPassword().toUtf8());
    static int databases = 0;
    QString database = name.toLower();
    database.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    return server.createDatabase(QStringLiteral("%1_%2").arg(database).arg(++databases));
}

} // namespace reverie::test
