// Live updates on a server workspace: a listener in this process sees a decision another
// process (the CLI) takes, and, after its connection is cut by the server, connects again by
// itself and reads what happened meanwhile, with nothing lost or seen twice.

#include "core/review/Ledger.h"
#include "core/store/Workspace.h"
#include "core/store/pg/EventListener.h"
#include "support/PgTestServer.h"
#include "support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <condition_variable>
#include <mutex>

using namespace reverie;

namespace {

// What the listener reported, for the test's thread to wait on.
struct Seen {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<pg::WorkspaceEvent> events;
    QStringList connection;   // problems, and "" when back

    template <typename Pred>
    bool waitFor(Pred pred, int ms = 20000)
    {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::milliseconds(ms), [&] { return pred(); });
    }
    bool hasEvent(const QString &kind, qint64 subject)
    {
        return std::any_of(events.begin(), events.end(),
                           [&](const pg::WorkspaceEvent &e) { return e.kind == kind && e.subject == subject; });
    }
};

} // namespace

class TestPgEvents : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PgTestServer> m_server;
    QString m_address;

    qint64 cli(const QStringList &args, const char *key)
    {
        const test::CliRun r = test::runCli(QStringList{QStringLiteral("--workspace"), m_address} + args
                                            + QStringList{QStringLiteral("--json")});
        if (r.exitCode != 0)
            qWarning("reverie %s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
        return r.exitCode == 0 ? qint64(QJsonDocument::fromJson(r.out).object().value(QLatin1String(key)).toDouble()) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        REVERIE_START_PG_SERVER(m_server);
        m_address = m_server->createDatabase(QStringLiteral("events"));
        store::Workspace ws(m_address);
        Rule r;
        r.text = QStringLiteral("Quote the error message when a tool fails.");
        review::Ledger(ws).importPlaybook({r}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
    }

    void seesAnotherProcessesDecisionAndCatchesUpAfterALostConnection()
    {
        Seen seen;
        pg::EventListener listener(
            m_address,
            [&](const std::vector<pg::WorkspaceEvent> &events) {
                std::lock_guard lock(seen.mutex);
                seen.events.insert(seen.events.end(), events.begin(), events.end());
                seen.changed.notify_all();
            },
            [&](const QString &problem) {
                std::lock_guard lock(seen.mutex);
                seen.connection << problem;
                seen.changed.notify_all();
            });
        // The listener is up once it answers LISTEN: its session shows in pg_stat_activity.
        QTRY_VERIFY_WITH_TIMEOUT(m_server->psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                                "application_name = 'reverie listener'"))
                                     == QLatin1String("1"),
                                 20000);

        const qint64 proposal = cli({QStringLiteral("propose"), QStringLiteral("--author"), QStringLiteral("ana"),
                                     QStringLiteral("--text"), QStringLiteral("Check the build before deploying.")},
                                    "id");
        QVERIFY(proposal > 0);
        QVERIFY(cli({QStringLiteral("approve"), QString::number(proposal), QStringLiteral("--reviewer"),
                     QStringLiteral("ben")},
                    "version")
                > 0);
        QVERIFY(seen.waitFor([&] { return seen.hasEvent(QStringLiteral("review"), 1) || seen.events.size() >= 3; }));
        {
            std::lock_guard lock(seen.mutex);
            QVERIFY(seen.hasEvent(QStringLiteral("proposal"), proposal));
            QVERIFY(std::any_of(seen.events.begin(), seen.events.end(),
                                [](const pg::WorkspaceEvent &e) { return e.kind == QLatin1String("review"); }));
        }

        // The server cuts the listener off; a decision is taken before it is back.
        m_server->psql(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      "WHERE application_name = 'reverie listener'"));
        QVERIFY(seen.waitFor([&] { return !seen.connection.isEmpty(); }));
        const qint64 second = cli({QStringLiteral("propose"), QStringLiteral("--author"), QStringLiteral("ana"),
                                   QStringLiteral("--text"), QStringLiteral("Page the on-call before a rollback.")},
                                  "id");
        QVERIFY(second > proposal);
        // Back, having read what it missed (it says so once the catch-up is done).
        QVERIFY(seen.waitFor([&] {
            return seen.hasEvent(QStringLiteral("proposal"), second) && seen.connection.size() >= 2
                   && seen.connection.last().isEmpty();
        }));
        std::lock_guard lock(seen.mutex);
        QVERIFY2(seen.connection.size() >= 2 && seen.connection.last().isEmpty(),
                 qPrintable(seen.connection.join(QLatin1String(" | "))));
        QVERIFY(!seen.connection.first().isEmpty());   // the problem, said
        // Each event once, in order.
        for (std::size_t i = 1; i < seen.events.size(); ++i)
            QVERIFY(seen.events[i].id > seen.events[i - 1].id);
    }
};

QTEST_GUILESS_MAIN(TestPgEvents)
#include "tst_pg_events.moc"
