// Opening a workspace that is not simply there for the taking: while an import holds it,
// when it cannot be written, when it is an empty file, and with dream runs whose process died.

#include "core/store/DreamStore.h"
#include "core/store/SavedViews.h"
#include "core/store/Schema.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSemaphore>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

#include <unistd.h>

using namespace reverie;

namespace {

const char *kRootSkips = "running as root, which writes whatever the permission bits say: "
                         "this read-only case needs an unprivileged user (Options::readOnly is tested instead)";

// A workspace with one imported run of three steps, closed again.
QString makeWorkspace(const QTemporaryDir &dir, const QString &name = QStringLiteral("w.reverie"))
{
    const QString path = dir.filePath(name);
    store::Workspace ws(path);
    store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 3});
    TrajectoryInfo info;
    info.externalId = QStringLiteral("run-1");
    const qint64 run = w.begin(info);
    for (int i = 0; i < 3; ++i) {
        Step st;
        st.kind = StepKind::Plan;
        st.text = QStringLiteral("check the invoices %1").arg(i);
        w.addStep(run, st);
    }
    w.finish(run, info);
    w.commit();
    return path;
}

QString journalMode(sql::Database &db)
{
    sql::Statement st(db, "PRAGMA journal_mode");
    return st.step() ? st.text(0) : QString();
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool writableByUs(const QString &path) { return ::access(QFile::encodeName(path).constData(), W_OK) == 0; }

// Holds the file as a command-line import does when it has the file to itself: rollback
// journal, a write transaction with rows written (so its -journal lies beside the file).
// `exclusive`: the import's cache has spilled, so that readers wait too.
void holdLikeAnImport(sql::Database &holder, const QString &path, bool exclusive)
{
    holder.open(path, false);
    holder.exec("PRAGMA journal_mode = DELETE");
    holder.exec(exclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
    holder.exec("INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                "VALUES ('big.jsonl', 'reverie-jsonl', 'held', 1, 0)");
}

// Takes write permission from a file and its folder (as read-only media would), and gives
// it back at the end so that the temporary folder can be removed.
class ReadOnlyFolder {
public:
    ReadOnlyFolder(const QString &dir, const QString &file) : m_dir(dir), m_file(file)
    {
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::ReadUser);
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadUser | QFile::ExeUser);
    }
    ~ReadOnlyFolder()
    {
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
    }
    ReadOnlyFolder(const ReadOnlyFolder &) = delete;
    ReadOnlyFolder &operator=(const ReadOnlyFolder &) = delete;

private:
    QString m_dir;
    QString m_file;
};

DreamRun runningRun(const QString &owner)
{
    DreamRun r;
    r.engine = QStringLiteral("offline");
    r.startedMs = 1700000000000;
    r.status = DreamStatus::Running;
    r.owner = owner;
    return r;
}

} // namespace

class TestWorkspaceOpen : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The import holds the file; opening waits, says so once, and gets in when it commits.
    void waitsForAnImportAndOpensWhenItEnds()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        sql::Database holder;
        holdLikeAnImport(holder, path, true);

        QSemaphore waiting;
        int waitingCalls = 0;
        QString error;
        int version = 0;
        qint64 sources = -1;
        QString mode;
        std::unique_ptr<QThread> opener(QThread::create([&] {
            try {
                store::Workspace::Options options;
                options.onWaiting = [&] {
                    ++waitingCalls;
                    waiting.release();
                };
                store::Workspace ws(path, options);
                version = ws.schemaVersion();
                sources = test::scalar(ws.db(), "SELECT count(*) FROM sources");
                mode = journalMode(ws.db());
            } catch (const reverie::Error &e) {
                error = e.message();
            }
        }));
        opener->start();
        QVERIFY2(waiting.tryAcquire(1, 10000), "the opener never reported that it waits");
        QVERIFY(!opener->isFinished());
        holder.exec("COMMIT");
        holder.close();
        QVERIFY(opener->wait(10000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(waitingCalls, 1);
        QCOMPARE(version, store::latestSchemaVersion());
        QCOMPARE(sources, qint64(2));   // sees what the import committed
        QCOMPARE(mode, QStringLiteral("wal"));
    }

    // While the import has only its write lock (before its cache spills), readers are not in
    // its way: opening does not wait for the end of the import, and reads at once.
    void readsBesideAnImportHoldingItsWriteLock()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        store::Workspace importing(path);
        auto writer = std::make_unique<store::TrajectoryWriter>(
            importing,
            store::TrajectoryWriter::SourceInfo{QStringLiteral("y.jsonl"), QStringLiteral("reverie-jsonl"),
                                                QStringLiteral("def"), 3},
            /*exclusiveWhenAlone=*/true);
        QCOMPARE(journalMode(importing.db()), QStringLiteral("delete"));

        store::Workspace::Options options;
        bool waited = false;
        options.onWaiting = [&] { waited = true; };
        store::Workspace ws(path, options);
        QVERIFY(!waited);
        QVERIFY(!ws.isReadOnly());
        QCOMPARE(test::scalar(ws.db(), "SELECT count(*) FROM sources"), qint64(1));   // the import's row is not committed

        TrajectoryInfo info;
        info.externalId = QStringLiteral("run-2");
        writer->finish(writer->begin(info), info);
        writer->commit();
        writer.reset();
        QCOMPARE(test::scalar(ws.db(), "SELECT count(*) FROM sources"), qint64(2));
        QCOMPARE(test::scalar(ws.db(), "SELECT count(*) FROM trajectories"), qint64(2));
    }

    void namesTheLockWhenItIsNeverReleased_data()
    {
        QTest::addColumn<bool>("rollbackJournal");
        QTest::addColumn<QString>("expected");
        QTest::newRow("an import (rollback journal)") << true << QStringLiteral("locked by an import in progress");
        QTest::newRow("another writer (WAL, exclusive locking)")
            << false << QStringLiteral("locked by another program writing to it");
    }

    void namesTheLockWhenItIsNeverReleased()
    {
        QFETCH(bool, rollbackJournal);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        sql::Database holder;
        if (rollbackJournal) {
            holdLikeAnImport(holder, path, true);
        } else {
            holder.open(path, false);
            holder.exec("PRAGMA locking_mode = EXCLUSIVE");
            holder.exec("BEGIN EXCLUSIVE");
            holder.exec("INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                        "VALUES ('held.jsonl', 'reverie-jsonl', 'held', 1, 0)");
        }

        store::Workspace::Options options;
        options.busyTimeoutMs = 300;
        int waitingCalls = 0;
        options.onWaiting = [&] { ++waitingCalls; };
        QElapsedTimer clock;
        clock.start();
        try {
            store::Workspace ws(path, options);
            QFAIL("opened a workspace another connection holds exclusively");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().startsWith(path + QStringLiteral(": ") + expected), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QLatin1String("try again when it finishes")), qPrintable(e.message()));
            QVERIFY2(!e.message().contains(QLatin1String("not a Reverie workspace")), qPrintable(e.message()));
        }
        QVERIFY(clock.elapsed() >= 250);
        QCOMPARE(waitingCalls, 1);
        holder.exec("ROLLBACK");
    }

    // A file that was created empty (touch, a failed copy) becomes a workspace when opened,
    // and is then as private as a workspace created from nothing.
    void anAdoptedEmptyFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.reverie"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        const QFile::Permissions shared = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser
            | QFile::ReadGroup | QFile::ReadOther;
        QVERIFY(QFile::setPermissions(path, shared));
        QVERIFY(QFile::permissions(path) & QFile::ReadOther);
        store::Workspace ws(path);
        QCOMPARE(ws.schemaVersion(), store::latestSchemaVersion());
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QVERIFY(QFile::permissions(path) & QFile::WriteOwner);
    }

    // Asked to only read: everything reads, nothing writes, the file does not change, and
    // verify checks the search index as it does on a writable workspace.
    void readOnlyReadsAndRefusesWrites()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        const QByteArray before = fileHash(path);
        store::Workspace::Options options;
        options.readOnly = true;
        store::Workspace ws(path, options);
        QVERIFY(ws.isReadOnly());
        QCOMPARE(ws.readOnlyReason(), QStringLiteral("opened only for reading"));

        store::TrajectoryQueries q(ws);
        QCOMPARE(q.count({}), qint64(1));
        QCOMPARE(q.list({}, 0, 10).size(), std::size_t(1));
        QCOMPARE(q.searchSteps(QStringLiteral("invoices"), 10).size(), std::size_t(3));
        QVERIFY(store::DreamStore(ws).list().empty());
        const QStringList problems = store::verifyWorkspace(ws);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        try {
            DreamRun run = runningRun(QString());
            store::DreamStore(ws).insert(run);
            QFAIL("wrote to a read-only workspace");
        } catch (const sql::Error &e) {
            QVERIFY(e.isReadOnly());
            QCOMPARE(e.message(), path + QStringLiteral(" is read-only (opened only for reading): it can be read but not "
                                                         "changed"));
        }
        QVERIFY_THROWS_EXCEPTION(sql::Error, ws.db().exec("DELETE FROM steps"));
        QCOMPARE(fileHash(path), before);
    }

    // verify on a read-only workspace still finds a search index that no longer matches its
    // steps (checked on a copy of the index), and reports nothing false when it does match.
    void readOnlyVerifyChecksTheSearchIndex()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        {
            store::Workspace ws(path);
            ws.db().exec("UPDATE steps SET text = 'edited behind the index' WHERE seq = 1");
            QVERIFY(store::verifyWorkspace(ws).join(QLatin1Char('\n')).contains(QLatin1String("search index")));
        }
        store::Workspace::Options options;
        options.readOnly = true;
        store::Workspace ws(path, options);
        const QStringList problems = store::verifyWorkspace(ws);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().startsWith(QLatin1String("search index: ")), qPrintable(problems.first()));
        // The copy is gone again, and the scratch schema is as it was.
        QCOMPARE(test::scalar(ws.db(), "SELECT count(*) FROM temp.sqlite_schema"), qint64(0));
        QCOMPARE(test::scalar(ws.db(), "PRAGMA temp_store"), qint64(2));
    }

    void readOnlyRefusesWhatWouldNeedWriting()
    {
        QTemporaryDir dir;
        const QString old = dir.filePath(QStringLiteral("v1.reverie"));
        {
            store::Workspace::Options v1;
            v1.schemaVersion = 1;
            store::Workspace ws(old, v1);
        }
        store::Workspace::Options options;
        options.readOnly = true;
        try {
            store::Workspace ws(old, options);
            QFAIL("a read-only workspace cannot be upgraded");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().startsWith(old + QStringLiteral(" is read-only (opened only for reading) and has "
                                                                 "schema version 1")),
                     qPrintable(e.message()));
            QVERIFY2(e.message().contains(QLatin1String("to upgrade it")), qPrintable(e.message()));
        }
        QCOMPARE(store::Workspace::peekSchemaVersion(old), 1);

        const QString empty = dir.filePath(QStringLiteral("empty.reverie"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        try {
            store::Workspace ws(empty, options);
            QFAIL("an empty read-only file cannot become a workspace");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().contains(QLatin1String("empty: it is not a Reverie workspace yet")),
                     qPrintable(e.message()));
        }
        QCOMPARE(QFileInfo(empty).size(), qint64(0));
        QVERIFY_THROWS_EXCEPTION(store::WorkspaceError,
                                 store::Workspace ws(dir.filePath(QStringLiteral("missing.reverie")), options));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.reverie"))));
    }

    // An import cut off mid-way leaves its rollback journal; only a writer can roll it back.
    void readOnlyWithAnUnfinishedImportSaysSo()
    {
        QTemporaryDir dir;
        const QString original = makeWorkspace(dir);
        const QString path = dir.filePath(QStringLiteral("cut.reverie"));
        {
            sql::Database holder;
            holdLikeAnImport(holder, original, true);
            // More than its cache holds, as a large import writes: pages reach the file before
            // the commit, so the journal is synced and would be rolled back after a crash.
            holder.exec("PRAGMA cache_size = 1");
            holder.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        "INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                        "SELECT printf('%0200d.jsonl', i), 'reverie-jsonl', 'spill' || i, 1, 0 FROM n");
            QVERIFY(QFile::exists(original + QStringLiteral("-journal")));
            // The state a killed import leaves: the file and its journal, and no lock.
            QVERIFY(QFile::copy(original, path));
            QVERIFY(QFile::copy(original + QStringLiteral("-journal"), path + QStringLiteral("-journal")));
            holder.exec("ROLLBACK");
        }
        store::Workspace::Options options;
        options.readOnly = true;
        try {
            store::Workspace ws(path, options);
            QFAIL("read a workspace with an unfinished write");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().startsWith(path + QStringLiteral(" is read-only (opened only for reading) and a write "
                                                                  "to it was cut off")),
                     qPrintable(e.message()));
        }
        store::Workspace ws(path);   // a writer rolls it back
        QCOMPARE(test::scalar(ws.db(), "SELECT count(*) FROM sources"), qint64(1));
    }

    // A file without write permission opens read-only by itself (as for `reverie trajectories`).
    void aFileWithoutWritePermissionOpensReadOnly()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadUser));
        if (writableByUs(path))
            QSKIP(kRootSkips);
        store::Workspace ws(path);
        QVERIFY(ws.isReadOnly());
        QCOMPARE(ws.readOnlyReason(), QStringLiteral("the file is not writable"));
        QCOMPARE(store::TrajectoryQueries(ws).count({}), qint64(1));
        QVERIFY(store::verifyWorkspace(ws).isEmpty());
        try {
            store::SavedViews(ws).save(QStringLiteral("failed runs"), {});
            QFAIL("wrote to a file without write permission");
        } catch (const sql::Error &e) {
            QCOMPARE(e.message(), path + QStringLiteral(" is read-only (the file is not writable): it can be read but "
                                                         "not changed"));
        }
    }

    // A WAL workspace in a folder that cannot be written (read-only media): SQLite cannot
    // create the -shm it reads a WAL file through. Without a -wal to replay, the file is the
    // whole workspace and opens as immutable.
    void aWalWorkspaceInAReadOnlyFolderOpensImmutable()
    {
        QTemporaryDir dir;
        const QString path = makeWorkspace(dir);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.read(20).mid(18), QByteArray("\x02\x02"));   // the header says WAL
        }
        const ReadOnlyFolder readOnly(dir.path(), path);
        if (writableByUs(dir.path()))
            QSKIP(kRootSkips);
        {
            store::Workspace ws(path);
            QVERIFY(ws.isReadOnly());
            QCOMPARE(ws.readOnlyReason(), QStringLiteral("the file is not writable"));
            QCOMPARE(store::TrajectoryQueries(ws).count({}), qint64(1));
            const QStringList problems = store::verifyWorkspace(ws);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
            QVERIFY_THROWS_EXCEPTION(sql::Error, store::SavedViews(ws).save(QStringLiteral("v"), {}));
        }
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
    }

    // Changes still in a -wal (copied while a writer had it open) cannot be read where no
    // -shm can be created; opening says so instead of showing the workspace without them.
    void aReadOnlyFolderWithChangesInItsWalSaysSo()
    {
        QTemporaryDir source;
        const QString original = makeWorkspace(source);
        store::Workspace writer(original);
        writer.db().exec("PRAGMA wal_autocheckpoint = 0");
        writer.db().exec("INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                         "VALUES ('in-the-log.jsonl', 'reverie-jsonl', 'logged', 1, 0)");
        QVERIFY(QFileInfo(original + QStringLiteral("-wal")).size() > 0);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.reverie"));
        QVERIFY(QFile::copy(original, path));
        QVERIFY(QFile::copy(original + QStringLiteral("-wal"), path + QStringLiteral("-wal")));
        const ReadOnlyFolder readOnly(dir.path(), path);
        if (writableByUs(dir.path()))
            QSKIP(kRootSkips);
        try {
            store::Workspace ws(path);
            QFAIL("opened without the changes in its -wal");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().startsWith(path + QStringLiteral(" is read-only (the file is not writable) and its "
                                                                  "latest changes are still in ")),
                     qPrintable(e.message()));
        }
    }

    // A pass whose process is gone stays "running" no more: the next open marks it interrupted.
    void marksRunsOfAGoneProcessInterrupted()
    {
        QProcess child;
        child.start(QStringLiteral("sleep"), {QStringLiteral("30")});
        QVERIFY(child.waitForStarted());
        const QString childTag = store::processTag(child.processId());
        QVERIFY(!childTag.isEmpty());
        QVERIFY(childTag.startsWith(QSysInfo::machineHostName() + QStringLiteral(":%1:").arg(child.processId())));
        QCOMPARE(store::processTag(QCoreApplication::applicationPid()), store::currentProcessTag());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.reverie"));
        qint64 dead = 0, mine = 0, elsewhere = 0, reused = 0, unowned = 0, finished = 0;
        {
            store::Workspace ws(path);
            store::DreamStore runs(ws);
            DreamRun r = runningRun(childTag);
            dead = runs.insert(r);
            r = runningRun(QString());   // this process
            mine = runs.insert(r);
            QCOMPARE(r.owner, store::currentProcessTag());
            r = runningRun(QStringLiteral("build-server-7:%1:1").arg(QCoreApplication::applicationPid()));
            elsewhere = runs.insert(r);
            // This very pid, but started at another time: an earlier process the pid was reused from.
            r = runningRun(QStringLiteral("%1:%2:1").arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid()));
            reused = runs.insert(r);
            r = runningRun(childTag);
            r.status = DreamStatus::Succeeded;
            r.finishedMs = 1700000001000;
            finished = runs.insert(r);
            ws.db().exec("INSERT INTO dream_runs (engine, status, started_at) VALUES ('offline', 'running', 0)");
            unowned = ws.db().lastInsertId();
        }
        child.kill();
        QVERIFY(child.waitForFinished());
        QVERIFY(store::processTag(child.processId()).isEmpty());

        store::Workspace ws(path);
        store::DreamStore runs(ws);
        for (qint64 id : {dead, reused, unowned}) {
            const std::optional<DreamRun> r = runs.get(id);
            QVERIFY(r);
            QCOMPARE(r->status, DreamStatus::Interrupted);
            QVERIFY(r->finishedMs > 0);
            QCOMPARE(r->error, QString::fromUtf8(store::kInterruptedRunError));
        }
        for (qint64 id : {mine, elsewhere})
            QCOMPARE(runs.get(id)->status, DreamStatus::Running);
        QCOMPARE(runs.get(finished)->status, DreamStatus::Succeeded);
        QCOMPARE(runs.get(finished)->error, QString());

        // Read-only, nothing is marked (and nothing fails).
        ws.db().exec(QByteArray("UPDATE dream_runs SET status = 'running' WHERE id = " + QByteArray::number(dead)).constData());
        store::Workspace::Options readOnly;
        readOnly.readOnly = true;
        store::Workspace reader(path, readOnly);
        QCOMPARE(store::DreamStore(reader).get(dead)->status, DreamStatus::Running);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceOpen)
#include "tst_workspace_open.moc"
