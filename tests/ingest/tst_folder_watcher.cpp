// Watching the folders agents write into: a new session file is imported in the background
// (the test waits on the watcher's signal, never on a timer), other files are skipped quietly,
// a broken file is listed with its error and retried once it changes; and the policy's dream
// on arrival starts a pass when enough new failed runs came in.

#include "core/dream/DreamTrigger.h"
#include "core/ingest/FolderWatcher.h"
#include "core/review/Ledger.h"
#include "core/review/PolicyChange.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

namespace {

QString s(const char *text) { return QString::fromUtf8(text); }

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray fixture(const char *relative)
{
    QFile f(test::fixture(QString::fromUtf8(relative)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int runCount(const QString &workspace)
{
    store::Workspace ws(workspace);
    sql::Statement st(ws.db(), "SELECT count(*) FROM trajectories");
    return st.step() ? int(st.int64(0)) : -1;
}

// Waits for the next cycle that did something (imported or failed a file).
ingest::FolderWatcher::Cycle nextBusyCycle(ingest::FolderWatcher &watcher)
{
    QSignalSpy spy(&watcher, &ingest::FolderWatcher::cycleFinished);
    for (int i = 0; i < 50; ++i) {
        if (spy.isEmpty() && !spy.wait(10000))
            break;
        const auto cycle = spy.takeFirst().first().value<ingest::FolderWatcher::Cycle>();
        if (!cycle.imported.isEmpty() || !cycle.failed.isEmpty())
            return cycle;
    }
    return {};
}

} // namespace

class TestFolderWatcher : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void importsWhatAgentsWriteAndSkipsTheRest()
    {
        const QString workspace = m_dir.filePath(s("watched.reverie"));
        { store::Workspace create(workspace); }
        const QString folder = m_dir.filePath(s("sessions"));
        QDir().mkpath(folder);
        write(folder + s("/notes.txt"), "not a trajectory\n");

        ingest::FolderWatcher watcher(workspace);
        watcher.setRescanInterval(200);   // the fallback; the file-system watch usually comes first
        QSignalSpy first(&watcher, &ingest::FolderWatcher::cycleFinished);
        watcher.setFolders({folder});
        QVERIFY(first.wait(10000));
        const auto quiet = first.first().first().value<ingest::FolderWatcher::Cycle>();
        QVERIFY(quiet.imported.isEmpty());
        QVERIFY(quiet.failed.isEmpty());
        QCOMPARE(quiet.skipped, 1);

        // An agent writes a session into a new subfolder.
        write(folder + s("/project-a/run.jsonl"), fixture("native/deploy_small.jsonl"));
        const auto cycle = nextBusyCycle(watcher);
        QCOMPARE(cycle.imported, QStringList{QFileInfo(folder + s("/project-a/run.jsonl")).absoluteFilePath()});
        QVERIFY(cycle.runs > 0);
        QCOMPARE(runCount(workspace), cycle.runs);
        QVERIFY(watcher.statusLine().contains(s("imported 1 file(s)")));
    }

    void aBrokenFileIsListedAndRetriedWhenItChanges()
    {
        const QString workspace = m_dir.filePath(s("broken.reverie"));
        { store::Workspace create(workspace); }
        const QString folder = m_dir.filePath(s("broken-sessions"));
        const QString file = folder + s("/run.jsonl");
        write(file, "{\"trajectory\": \"r1\", \"type\": \"task\", \"title\": \"x\"}\n{\"trajectory\": \"r1\", \"type\": oops}\n");
        ingest::FolderWatcher watcher(workspace);
        watcher.setRescanInterval(200);
        QSignalSpy spy(&watcher, &ingest::FolderWatcher::cycleFinished);
        watcher.setFolders({folder});
        const auto failed = nextBusyCycle(watcher);
        QCOMPARE(failed.failed.size(), 1);
        QVERIFY2(failed.failed.value(QFileInfo(file).absoluteFilePath()).contains(s(":2")),
                 qPrintable(failed.failed.values().join(QLatin1Char('\n'))));
        QCOMPARE(watcher.failures().size(), 1);

        // Unchanged, it is not tried again: the next cycles are quiet.
        spy.clear();
        watcher.scanNow();
        QVERIFY(spy.wait(10000));
        const auto quiet = spy.first().first().value<ingest::FolderWatcher::Cycle>();
        QVERIFY(quiet.failed.isEmpty());

        write(file, "{\"trajectory\": \"r1\", \"type\": \"task\", \"title\": \"x\"}\n"
                    "{\"trajectory\": \"r1\", \"type\": \"outcome\", \"status\": \"done\"}\n");
        const auto fixed = nextBusyCycle(watcher);
        QCOMPARE(fixed.imported.size(), 1);
        QVERIFY(watcher.failures().isEmpty());
        QCOMPARE(runCount(workspace), 1);
    }

    void dreamsOnArrival()
    {
        const QString workspace = m_dir.filePath(s("arrival.reverie"));
        {
            store::Workspace ws(workspace);
            review::PolicyChange change;
            change.dreamAfterFailures = 3;
            review::Ledger(ws).changePolicy(change, s("ops"), QString());
            QVERIFY(!dream::dreamDue(ws, QDateTime::currentMSecsSinceEpoch()));
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(!dream::dreamIfDue(workspace, now));
        // The demo's deploy runs hold more than three failures.
        const test::CliRun imported = test::runCli({s("--workspace"), workspace, s("import"),
                                                    QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo/deploy_service.jsonl")});
        QCOMPARE(imported.exitCode, 0);
        {
            store::Workspace ws(workspace);
            const auto why = dream::dreamDue(ws, now);
            QVERIFY(why);
            QVERIFY2(why->contains(s("new failed run")), qPrintable(*why));
        }
        const auto pass = dream::dreamIfDue(workspace, now);
        QVERIFY(pass);
        QCOMPARE(dreamStatusName(pass->run.status), s("succeeded"));
        QVERIFY(!pass->proposals.empty());
        // Those failures have been dreamed over now: nothing is due until new ones arrive.
        QVERIFY(!dream::dreamIfDue(workspace, now));

        // Daily at a set time: due once that time has passed today, and only once.
        {
            store::Workspace ws(workspace);
            review::PolicyChange daily;
            daily.dreamAfterFailures = 0;
            daily.dreamDailyAt = s("06:30");
            review::Ledger(ws).changePolicy(daily, s("ops"), QString());
            const QDate tomorrow = QDate::currentDate().addDays(1);
            const qint64 before = QDateTime(tomorrow, QTime(6, 0)).toMSecsSinceEpoch();
            const qint64 after = QDateTime(tomorrow, QTime(7, 0)).toMSecsSinceEpoch();
            QVERIFY(!dream::dreamDue(ws, before));
            QVERIFY(dream::dreamDue(ws, after));
        }
    }
};

QTEST_GUILESS_MAIN(TestFolderWatcher)
#include "tst_folder_watcher.moc"
