// The workspace file: creation, pragmas, upgrading an older schema, refusing a newer one.

#include "core/store/ProposalStore.h"
#include "core/store/Schema.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestWorkspace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createsLatestSchemaWithWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.reverie"));
        store::Workspace ws(path);
        QCOMPARE(ws.schemaVersion(), store::latestSchemaVersion());
        sql::Statement mode(ws.db(), "PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        sql::Statement fk(ws.db(), "PRAGMA foreign_keys");
        QVERIFY(fk.step());
        QCOMPARE(fk.int64(0), 1);
        sql::Statement migrations(ws.db(), "SELECT count(*) FROM schema_migrations");
        QVERIFY(migrations.step());
        QCOMPARE(int(migrations.int64(0)), store::latestSchemaVersion());
        // Owner-only: trajectories and playbooks can be confidential.
        QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        // Large pages and a large full-text buffer, for imports of millions of steps.
        sql::Statement pageSize(ws.db(), "PRAGMA page_size");
        QVERIFY(pageSize.step());
        QCOMPARE(pageSize.int64(0), 65536);
        sql::Statement hashSize(ws.db(), "SELECT v FROM steps_fts_config WHERE k = 'hashsize'");
        QVERIFY(hashSize.step());
        QCOMPARE(hashSize.int64(0), 64 * 1024 * 1024);
    }

    void upgradesAnOlderWorkspaceKeepingItsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.reverie"));
        {
            store::Workspace::Options v1;
            v1.schemaVersion = 1;
            store::Workspace ws(path, v1);
            QCOMPARE(ws.schemaVersion(), 1);
            ws.db().exec("INSERT INTO sources (path, format, content_hash, size_bytes, imported_at) "
                         "VALUES ('x.jsonl', 'reverie-jsonl', 'abc', 3, 0)");
            sql::Statement noViews(ws.db(), "SELECT count(*) FROM sqlite_schema WHERE name = 'saved_views'");
            QVERIFY(noViews.step());
            QCOMPARE(noViews.int64(0), 0);
        }
        QCOMPARE(store::Workspace::peekSchemaVersion(path), 1);
        store::Workspace ws(path);
        QCOMPARE(ws.schemaVersion(), store::latestSchemaVersion());
        sql::Statement views(ws.db(), "SELECT count(*) FROM saved_views");
        QVERIFY(views.step());
        sql::Statement kept(ws.db(), "SELECT path FROM sources");
        QVERIFY(kept.step());
        QCOMPARE(kept.text(0), QStringLiteral("x.jsonl"));
        // The full-text buffer comes with the upgrade (schema 4).
        sql::Statement hashSize(ws.db(), "SELECT v FROM steps_fts_config WHERE k = 'hashsize'");
        QVERIFY(hashSize.step());
        QCOMPARE(hashSize.int64(0), 64 * 1024 * 1024);
    }

    void version3RebuildsStepsKeepingEveryReference()
    {
        // Schema 3 rebuilds the steps table (without its (trajectory_id, seq) index) while
        // evidence points at steps: ids, rows, the full-text index and references survive.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.reverie"));
        qint64 stepId = 0;
        {
            store::Workspace::Options v2;
            v2.schemaVersion = 2;
            store::Workspace ws(path, v2);
            store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"),
                                           QStringLiteral("abc"), 3});
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
            stepId = store::stepIdFor(run, 2);
            ws.db().exec("INSERT INTO proposals (op, text, created_at) VALUES ('add', 'Rule.', 0)");
            sql::Statement ev(ws.db(), "INSERT INTO evidence (proposal_id, trajectory_id, step_id) VALUES (1, ?, ?)");
            ev.bind(1, run).bind(2, stepId);
            ev.run();
        }
        store::Workspace ws(path);
        QCOMPARE(ws.schemaVersion(), store::latestSchemaVersion());
        auto scalar = [&](const char *sqlText) {
            sql::Statement st(ws.db(), sqlText);
            return st.step() ? st.int64(0) : -1;
        };
        QCOMPARE(scalar("SELECT count(*) FROM steps"), qint64(3));
        QCOMPARE(scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'steps_v3'"), qint64(0));
        QCOMPARE(scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'steps'"), qint64(0));
        QCOMPARE(scalar("SELECT count(*) FROM steps_fts WHERE steps_fts MATCH 'invoices'"), qint64(3));
        QCOMPARE(scalar("SELECT e.step_id FROM evidence e JOIN steps s ON s.id = e.step_id"), stepId);
        sql::Statement fk(ws.db(), "PRAGMA foreign_keys");
        QVERIFY(fk.step());
        QCOMPARE(fk.int64(0), 1);   // back on after the rebuild
        sql::Statement check(ws.db(), "PRAGMA foreign_key_check");
        QVERIFY(!check.step());
        // A step whose id does not carry its run and seq is refused.
        QVERIFY_THROWS_EXCEPTION(sql::Error, ws.db().exec("INSERT INTO steps (id, trajectory_id, seq, kind) "
                                                          "VALUES (5, 1, 0, 1)"));
    }

    void version8KeepsTheHoldOutOfEachProposal()
    {
        // A schema 7 workspace with one proposal opens, gains the column, and that proposal
        // has no hold-out record (so no view shows a hold-out line for it).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v7.reverie"));
        {
            store::Workspace::Options v7;
            v7.schemaVersion = 7;
            store::Workspace ws(path, v7);
            ws.db().exec("INSERT INTO proposals (op, text, created_at) VALUES ('add', 'Old rule.', 0)");
            QCOMPARE(store::ProposalStore(ws).get(1)->holdOut.result, HoldOutRecord::Result::None);   // read at v7
        }
        store::Workspace ws(path);
        QCOMPARE(ws.schemaVersion(), store::latestSchemaVersion());
        sql::Statement column(ws.db(), "SELECT holdout FROM proposals WHERE id = 1");
        QVERIFY(column.step());
        QCOMPARE(column.text(0), QString());
        store::ProposalStore proposals(ws);
        const auto old = proposals.get(1);
        QVERIFY(old);
        QCOMPARE(old->holdOut.result, HoldOutRecord::Result::None);

        Proposal fresh;
        fresh.text = QStringLiteral("New rule.");
        fresh.holdOut.result = HoldOutRecord::Result::Held;
        fresh.holdOut.share = 0.25;
        fresh.holdOut.heldOut = 12;
        fresh.holdOut.applicable = 10;
        fresh.holdOut.agreed = 9;
        fresh.holdOut.broke = 4;
        fresh.holdOut.brokeFailed = 4;
        fresh.holdOut.kept = 6;
        fresh.holdOut.keptSucceeded = 5;
        proposals.insert(fresh);
        const auto back = proposals.get(fresh.id);
        QCOMPARE(back->holdOut.result, HoldOutRecord::Result::Held);
        QCOMPARE(back->holdOut.share, 0.25);
        QCOMPARE(back->holdOut.heldOut, 12);
        QCOMPARE(back->holdOut.agreed, 9);
        QCOMPARE(back->holdOut.applicable, 10);
        QCOMPARE(back->holdOut.keptSucceeded, 5);
    }

    void aCancelledUpgradeLeavesTheFileAsItWas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.reverie"));
        {
            store::Workspace::Options v1;
            v1.schemaVersion = 1;
            store::Workspace ws(path, v1);
        }
        // Cancelled after three steps ran inside the transaction: they roll back with it.
        QList<int> steps;
        store::Workspace::Options options;
        options.onMigrationStep = [&](int done, int total) {
            QCOMPARE(total, store::latestSchemaVersion() - 1);
            steps << done;
        };
        options.cancelled = [&] { return steps.size() == 3; };
        try {
            store::Workspace ws(path, options);
            QFAIL("opening was not cancelled");
        } catch (const store::WorkspaceCancelled &e) {
            QVERIFY2(e.message().contains(path), qPrintable(e.message()));
        }
        QCOMPARE(steps, (QList<int>{0, 1, 2}));
        QCOMPARE(store::Workspace::peekSchemaVersion(path), 1);
        store::Workspace::Options look;
        look.readOnly = true;
        look.schemaVersion = 1;   // a read-only connection cannot upgrade: read it as it is
        store::Workspace ws(path, look);
        sql::Statement views(ws.db(), "SELECT count(*) FROM sqlite_schema WHERE name = 'saved_views'");
        QVERIFY(views.step());
        QCOMPARE(views.int64(0), 0);
        sql::Statement recorded(ws.db(), "SELECT count(*) FROM schema_migrations");
        QVERIFY(recorded.step());
        QCOMPARE(recorded.int64(0), 1);
    }

    void refusesANewerWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.reverie"));
        {
            store::Workspace ws(path);
            ws.db().exec("PRAGMA user_version = 999");
        }
        try {
            store::Workspace ws(path);
            QFAIL("a newer schema must be refused");
        } catch (const store::WorkspaceError &e) {
            QVERIFY2(e.message().contains(QLatin1String("newer")), qPrintable(e.message()));
            QVERIFY(e.message().contains(QLatin1String("999")));
        }
        QCOMPARE(store::Workspace::peekSchemaVersion(path), 999);   // left untouched
    }

    void refusesFilesThatAreNotWorkspaces()
    {
        QTemporaryDir dir;
        const QString text = test::writeFile(dir, QStringLiteral("notes.txt"), "hello, not a database at all\n");
        QVERIFY_THROWS_EXCEPTION(store::WorkspaceError, store::Workspace ws(text));

        const QString other = dir.filePath(QStringLiteral("other.sqlite"));
        {
            sql::Database db;
            db.open(other, true);
            db.exec("CREATE TABLE t (x)");
        }
        try {
            store::Workspace ws(other);
            QFAIL("another application's database must be refused");
        } catch (const store::WorkspaceError &e) {
            QVERIFY(e.message().contains(QLatin1String("another application")));
        }
    }

    void refusesToCreateWhenAskedNotTo()
    {
        QTemporaryDir dir;
        store::Workspace::Options options;
        options.create = false;
        QVERIFY_THROWS_EXCEPTION(store::WorkspaceError,
                                 store::Workspace ws(dir.filePath(QStringLiteral("missing.reverie")), options));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.reverie"))));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
