// The libpq layer under server workspaces, against a real PostgreSQL server the test starts
// itself: passwords come from PGPASSWORD or a password file and never show in an address or
// an error; values travel apart from the statement text, whatever they hold; COPY carries
// tabs, newlines, backslashes and NULLs; a serialization failure is recognised and the whole
// transaction runs again; a notification reaches another connection.

#include "core/store/pg/PgConnection.h"
#include "support/PgTestServer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <poll.h>

using namespace reverie;

namespace {

// Sets an environment variable for the scope of one test.
class ScopedEnv {
public:
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name), m_had(qEnvironmentVariableIsSet(name))
    {
        m_old = qgetenv(name);
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestPgConnection : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PgTestServer> m_server;
    QString m_db;

    pg::Connection connect()
    {
        ScopedEnv password("PGPASSWORD", m_server->superuserPassword().toUtf8());
        return pg::Connection::open(pg::Address::parse(m_db));
    }

private Q_SLOTS:
    void initTestCase()
    {
        REVERIE_START_PG_SERVER(m_server);
        m_db = m_server->createDatabase(QStringLiteral("conn"));
    }

    void connectsWithThePasswordFromTheEnvironment()
    {
        pg::Connection c = connect();
        QCOMPARE(c.user(), QString::fromLatin1(test::PgTestServer::kSuperuser));
        QVERIFY(c.backendPid() > 0);
        QCOMPARE(c.exec("SELECT current_database()").text(0, 0), QStringLiteral("conn"));
    }

    void connectsWithThePasswordFile()
    {
        QTemporaryDir dir;
        const QString pgpass = dir.filePath(QStringLiteral("pgpass"));
        QFile f(pgpass);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("127.0.0.1:%1:*:%2:%3\n")
                    .arg(m_server->port())
                    .arg(QString::fromLatin1(test::PgTestServer::kSuperuser), m_server->superuserPassword())
                    .toUtf8());
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);   // libpq ignores a file others can read
        ScopedEnv noPassword("PGPASSWORD", QByteArray());
        ScopedEnv file("PGPASSFILE", QFile::encodeName(pgpass));
        pg::Connection c = pg::Connection::open(pg::Address::parse(m_db));
        QCOMPARE(c.exec("SELECT 1").int64(0, 0), qint64(1));
    }

    void aWrongPasswordIsAClearErrorThatDoesNotRepeatIt()
    {
        ScopedEnv password("PGPASSWORD", "not-the-s3cret-value");
        try {
            pg::Connection::open(pg::Address::parse(m_db));
            QFAIL("connected with a wrong password");
        } catch (const pg::Error &e) {
            QVERIFY2(e.message().contains(QLatin1String("password authentication failed")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("127.0.0.1:%1/conn").arg(m_server->port())), qPrintable(e.message()));
            QVERIFY(!e.message().contains(QLatin1String("s3cret")));
            QVERIFY(e.isConnectionLost());
        }
    }

    void anAddressWithAPasswordIsRefusedWithoutRepeatingIt()
    {
        for (const QString &address : {QStringLiteral("postgresql://ana:hunter2pw@db.example:5432/team"),
                                       QStringLiteral("postgresql://ana@db.example/team?password=hunter2pw")}) {
            try {
                pg::Address::parse(address);
                QFAIL("an address with a password was taken");
            } catch (const reverie::Error &e) {
                QVERIFY2(e.message().contains(QLatin1String("PGPASSWORD")), qPrintable(e.message()));
                QVERIFY(!e.message().contains(QLatin1String("hunter2pw")));
            }
        }
        QVERIFY_THROWS_EXCEPTION(reverie::Error, pg::Address::parse(QStringLiteral("postgresql://ana@db.example")));
        QVERIFY_THROWS_EXCEPTION(reverie::Error, pg::Address::parse(QStringLiteral("/home/ana/w.reverie")));
        QCOMPARE(pg::Address::parse(QStringLiteral("postgresql://ana@db.example:5433/team")).display(),
                 QStringLiteral("ana@db.example:5433/team"));
    }

    void valuesTravelApartFromTheStatement()
    {
        pg::Connection c = connect();
        c.run("CREATE TABLE IF NOT EXISTS notes (id bigserial PRIMARY KEY, body text)");
        const QString hostile = QStringLiteral("'); DROP TABLE notes; -- \\ \"quoted\" $1 ? ünïcödé 🙂");
        const pg::Result inserted =
            c.exec("INSERT INTO notes (body) VALUES ($1) RETURNING id", {pg::param(hostile)});
        const qint64 id = inserted.int64(0, 0);
        const pg::Result back = c.exec("SELECT body, $2::bigint IS NULL FROM notes WHERE id = $1",
                                       {pg::param(id), pg::Param()});
        QCOMPARE(back.rows(), 1);
        QCOMPARE(back.text(0, 0), hostile);
        QCOMPARE(back.text(0, 1), QStringLiteral("t"));
        // A statement error names the statement and carries the SQLSTATE.
        try {
            c.exec("SELECT missing_column FROM notes");
            QFAIL("a bad statement ran");
        } catch (const pg::Error &e) {
            QCOMPARE(e.sqlState(), QByteArray("42703"));
            QVERIFY2(e.message().contains(QLatin1String("missing_column")), qPrintable(e.message()));
        }
    }

    void copyCarriesEveryCharacter()
    {
        pg::Connection c = connect();
        c.run("CREATE TABLE copied (n bigint, body text)");
        const QStringList bodies = {QStringLiteral("tab\there"), QStringLiteral("line\nbreak\r\n"),
                                    QStringLiteral("back\\slash \\N not null"), QString()};
        c.copyBegin("COPY copied (n, body) FROM STDIN");
        for (int i = 0; i < bodies.size(); ++i) {
            QByteArray line;
            pg::Connection::appendCopyField(line, pg::param(qint64(i)));
            line += '\t';
            pg::Connection::appendCopyField(line, pg::param(bodies.at(i)));
            line += '\n';
            c.copyRow(line);
        }
        QCOMPARE(c.copyEnd(), qint64(bodies.size()));
        const pg::Result r = c.exec("SELECT body FROM copied ORDER BY n");
        QCOMPARE(r.rows(), int(bodies.size()));
        for (int i = 0; i < bodies.size(); ++i) {
            QCOMPARE(r.isNull(i, 0), bodies.at(i).isNull());
            QCOMPARE(r.text(i, 0), bodies.at(i));
        }
    }

    // Write skew under SERIALIZABLE: two transactions read the same total and each adds a
    // row. The second to commit fails with 40001; run again, it sees the first's row.
    void aSerializationFailureRunsTheTransactionAgain()
    {
        pg::Connection a = connect();
        pg::Connection b = connect();
        a.run("CREATE TABLE ledger_rows (who text, total_seen bigint)");
        int attempts = 0;
        const qint64 seen = pg::retryTransaction(b, "SERIALIZABLE", [&] {
            ++attempts;
            const qint64 total = b.exec("SELECT count(*) FROM ledger_rows").int64(0, 0);
            if (attempts == 1) {
                pg::Transaction other(a, "SERIALIZABLE");
                a.exec("SELECT count(*) FROM ledger_rows");
                a.exec("INSERT INTO ledger_rows VALUES ('a', 0)");
                other.commit();
            }
            b.exec("INSERT INTO ledger_rows VALUES ('b', $1)", {pg::param(total)});
            return total;
        });
        QCOMPARE(attempts, 2);
        QCOMPARE(seen, qint64(1));
        const pg::Result rows = a.exec("SELECT who, total_seen FROM ledger_rows ORDER BY who");
        QCOMPARE(rows.rows(), 2);
        QCOMPARE(rows.text(1, 0), QStringLiteral("b"));
        QCOMPARE(rows.int64(1, 1), qint64(1));
    }

    void aNotificationReachesAnotherConnection()
    {
        pg::Connection listener = connect();
        pg::Connection sender = connect();
        listener.run("LISTEN reverie_events");
        sender.exec("SELECT pg_notify('reverie_events', $1)", {pg::param(QStringLiteral("decision 7"))});
        std::vector<pg::Notification> got;
        for (int waited = 0; got.empty() && waited < 10; ++waited) {
            pollfd fd{listener.socket(), POLLIN, 0};
            ::poll(&fd, 1, 1000);
            got = listener.takeNotifications();
        }
        QCOMPARE(got.size(), std::size_t(1));
        QCOMPARE(got.front().channel, QStringLiteral("reverie_events"));
        QCOMPARE(got.front().payload, QStringLiteral("decision 7"));
        QCOMPARE(got.front().senderPid, sender.backendPid());
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pg_connection.moc"
