#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

class QProcess;

namespace reverie::test {

// A PostgreSQL server of the test's own: initdb and pg_ctl in a temporary folder, listening
// on 127.0.0.1 on a free port with its socket in that folder (-k), password authentication
// for every connection. Run as an unprivileged user when the tests run as root (initdb
// refuses root). Stopped, and its folder removed, when this goes out of scope; a sentinel
// process stops it too when the test program dies without unwinding (an abort, a crash).
class PgTestServer {
public:
    PgTestServer();
    ~PgTestServer();
    PgTestServer(const PgTestServer &) = delete;
    PgTestServer &operator=(const PgTestServer &) = delete;

    bool isRunning() const { return m_running; }
    // Why it is not running, for QSKIP (no server binaries) or QFAIL (they failed).
    QString problem() const { return m_problem; }
    // True when it could not start only because PostgreSQL is not installed here.
    bool notInstalled() const { return m_notInstalled; }

    static constexpr const char *kSuperuser = "reverie_admin";
    QString superuserPassword() const { return m_password; }
    int port() const { return m_port; }

    // "postgresql://user@127.0.0.1:port/database": no password, as Reverie wants them.
    QString address(const QString &database, const QString &user = QString::fromLatin1(kSuperuser)) const;
    // Runs SQL as the superuser in database `postgres` through psql; returns psql's output,
    // or throws reverie::Error with psql's message.
    QString psql(const QString &sql, const QString &database = QStringLiteral("postgres"),
                 const QString &user = QString::fromLatin1(kSuperuser), const QString &password = QString()) const;
    // A new, empty database.
    QString createDatabase(const QString &name) const;
    // A login role with a password (the superuser's when none is given).
    void createRole(const QString &name, const QString &password = QString()) const;

private:
    bool start();
    QStringList asServerUser(const QString &program, const QStringList &args) const;
    bool runTool(const QString &program, const QStringList &args, QString *output = nullptr) const;

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_sentinel;   // reads our end of a pipe; stops the server at its EOF
    QString m_bin;
    QString m_password;
    int m_port = 0;
    bool m_running = false;
    bool m_notInstalled = false;
    bool m_asNobody = false;
    QString m_problem;
};

} // namespace reverie::test

// In a test's initTestCase: starts `server` (a std::unique_ptr<PgTestServer>), skips the suite
// where PostgreSQL is not installed, fails it where the server would not start, and puts the
// server's password in PGPASSWORD for this process and the CLI processes it starts.
#define REVERIE_START_PG_SERVER(server)                                                         \
    do {                                                                                        \
        server = std::make_unique<reverie::test::PgTestServer>();                               \
        if (server->notInstalled())                                                             \
            QSKIP(qPrintable(server->problem()));                                               \
        QVERIFY2(server->isRunning(), qPrintable(server->problem()));                           \
        qputenv("PGPASSWORD", server->superuserPassword().toUtf8());                            \
    } while (false)
