// The fast path of a large import: events read flat with a SAX parser, written by a writer
// thread while the next lines parse, and the file hashed alongside.

#include "core/ingest/FlatJson.h"
#include "core/ingest/PipelinedSink.h"
#include "core/store/Sqlite.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using ingest::json::Json;

namespace {

constexpr std::array<std::string_view, 3> kNames = {"id", "input", "n"};

QString text(store::Workspace &ws, const char *sqlText)
{
    sql::Statement st(ws.db(), sqlText);
    return st.step() ? st.text(0) : QString();
}

store::TrajectoryWriter::SourceInfo source(const QString &hash)
{
    return {QStringLiteral("events.jsonl"), QStringLiteral("reverie-jsonl"), hash, 42};
}

Step step(const QString &text)
{
    Step s;
    s.kind = StepKind::Plan;
    s.text = text;
    s.raw = text.toUtf8();
    return s;
}

} // namespace

class TestImportPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void flatObjectKeepsOnlyTheWantedMembers()
    {
        ingest::json::FlatObject<3> ev(kNames);
        QVERIFY(ev.read(R"({"id":"a","skip":{"deep":[1,{"x":2}]},"input":{"cmd":["ls","-l"],"cwd":null},"n":7})",
                        QStringLiteral("f.jsonl"), 1));
        QCOMPARE(QString::fromStdString(ev.get(0)->get<std::string>()), QStringLiteral("a"));
        QCOMPARE(QString::fromStdString(ev.get(1)->dump()), QStringLiteral(R"({"cmd":["ls","-l"],"cwd":null})"));
        QCOMPARE(ev.get(2)->get<qint64>(), qint64(7));

        // The next line starts afresh; a repeated name keeps its last value, as a DOM would.
        QVERIFY(ev.read(R"({"n":1,"n":[2,[3]]})", QStringLiteral("f.jsonl"), 2));
        QVERIFY(!ev.get(0));
        QVERIFY(!ev.get(1));
        QCOMPARE(QString::fromStdString(ev.get(2)->dump()), QStringLiteral("[2,[3]]"));
    }

    void flatObjectRefusesWhatIsNotAnObject()
    {
        ingest::json::FlatObject<3> ev(kNames);
        QVERIFY(!ev.read("[1,2]", QStringLiteral("f.jsonl"), 1));
        QVERIFY(!ev.read("\"id\"", QStringLiteral("f.jsonl"), 1));
        try {
            ev.read(R"({"id":"a",})", QStringLiteral("f.jsonl"), 9);
            QFAIL("invalid JSON was accepted");
        } catch (const ingest::ImportError &e) {
            QCOMPARE(e.line(), qint64(9));
            QVERIFY2(e.message().contains(QLatin1String("column 11")), qPrintable(e.message()));
        }
    }

    void manyStepsArriveInOrder()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        constexpr int kRuns = 3;
        constexpr int kSteps = 20000;   // more than the writer thread's queue holds at once
        {
            store::TrajectoryWriter writer(ws, source(QStringLiteral("h1")));
            ingest::PipelinedSink sink(writer);
            qint64 handles[kRuns];
            for (int r = 0; r < kRuns; ++r) {
                TrajectoryInfo info;
                info.externalId = QStringLiteral("run-%1").arg(r);
                handles[r] = sink.begin(info);
            }
            for (int i = 0; i < kSteps; ++i)
                sink.addStep(handles[i % kRuns], step(QStringLiteral("step %1").arg(i)));
            for (int r = 0; r < kRuns; ++r) {
                TrajectoryInfo info;
                info.externalId = QStringLiteral("run-%1").arg(r);
                info.workflow = QStringLiteral("wf");
                sink.finish(handles[r], info);
            }
            sink.close();
            QCOMPARE(writer.trajectoryCount(), kRuns);
            QCOMPARE(writer.stepCount(), qint64(kSteps));
            writer.commit();
        }
        store::TrajectoryQueries q(ws);
        const auto run1 = q.findByExternalId(QStringLiteral("run-1"));
        QCOMPARE(run1.size(), std::size_t(1));
        QCOMPARE(run1.front().info.workflow, QStringLiteral("wf"));
        const auto steps = q.steps(run1.front().id);
        QCOMPARE(int(steps.size()), (kSteps + kRuns - 2) / kRuns);
        QCOMPARE(steps.at(0).step.text, QStringLiteral("step 1"));
        QCOMPARE(steps.at(1).step.text, QStringLiteral("step 4"));
        QCOMPARE(steps.back().step.text, QStringLiteral("step %1").arg(kSteps - 1));   // 19999 % 3 == 1
    }

    void aWriterErrorReachesTheImporterAndNothingLands()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        {
            store::TrajectoryWriter writer(ws, source(QStringLiteral("h1")));
            ingest::PipelinedSink sink(writer);
            TrajectoryInfo info;
            info.externalId = QStringLiteral("twice");
            sink.begin(info);
            sink.begin(info);   // the writer refuses a second run with the same id
            bool thrown = false;
            try {
                for (int i = 0; i < 100000; ++i)
                    sink.addStep(1, step(QStringLiteral("x")));
                sink.close();
            } catch (const sql::Error &e) {
                thrown = true;
                QVERIFY2(e.message().contains(QLatin1String("two runs with the id \"twice\"")), qPrintable(e.message()));
            }
            QVERIFY(thrown);
        }
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), qint64(0));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), qint64(0));
    }

    void aHashGivenAtTheEndStillFindsDuplicates()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        QVERIFY(!store::TrajectoryWriter::sizeSeenBefore(ws, 42));
        {
            store::TrajectoryWriter first(ws, source(QStringLiteral("same")));
            TrajectoryInfo info;
            info.externalId = QStringLiteral("r");
            first.finish(first.begin(info), info);
            first.commit();
        }
        QVERIFY(store::TrajectoryWriter::sizeSeenBefore(ws, 42));
        {
            store::TrajectoryWriter late(ws, source(QString()));
            QVERIFY(!late.isDuplicate());
            TrajectoryInfo info;
            info.externalId = QStringLiteral("r2");
            late.finish(late.begin(info), info);
            QVERIFY(!late.setContentHash(QStringLiteral("same"), 42));
            QVERIFY(late.isDuplicate());
        }
        {
            store::TrajectoryWriter unhashed(ws, source(QString()));
            QVERIFY_THROWS_EXCEPTION(sql::Error, unhashed.commit());
        }
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), qint64(1));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM trajectories"), qint64(1));
    }

    // Alone with the workspace, an import runs in rollback-journal mode; afterwards, and
    // after a failed one too, the connection is back in WAL with foreign keys checked.
    void anImportAloneUsesARollbackJournalAndRestoresWal()
    {
        QTemporaryDir dir;
        store::Workspace ws(dir.filePath(QStringLiteral("w.reverie")));
        {
            store::TrajectoryWriter writer(ws, source(QStringLiteral("alone")), /*exclusiveWhenAlone=*/true);
            QCOMPARE(text(ws, "PRAGMA journal_mode"), QStringLiteral("delete"));
            QCOMPARE(test::scalar(ws, "PRAGMA foreign_keys"), qint64(0));
            TrajectoryInfo info;
            info.externalId = QStringLiteral("r");
            const qint64 h = writer.begin(info);
            writer.addStep(h, step(QStringLiteral("kept")));
            writer.finish(h, info);
            writer.commit();
        }
        QCOMPARE(text(ws, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(test::scalar(ws, "PRAGMA foreign_keys"), qint64(1));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), qint64(1));
        {
            store::TrajectoryWriter failing(ws, source(QStringLiteral("fails")), true);
            TrajectoryInfo info;
            info.externalId = QStringLiteral("r2");
            failing.addStep(failing.begin(info), step(QStringLiteral("lost")));
            // destroyed without commit: rolled back from the journal
        }
        QCOMPARE(text(ws, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(test::scalar(ws, "PRAGMA foreign_keys"), qint64(1));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM steps"), qint64(1));
        QCOMPARE(test::scalar(ws, "SELECT count(*) FROM sources"), qint64(1));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("w.reverie-journal"))));
    }

    // With another connection open (the app's own, a reader), the import stays in WAL and
    // that reader keeps reading while it runs.
    void anImportBesideAReaderStaysInWal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.reverie"));
        store::Workspace ws(path);
        store::Workspace reader(path);
        QCOMPARE(test::scalar(reader, "SELECT count(*) FROM steps"), qint64(0));
        store::TrajectoryWriter writer(ws, source(QStringLiteral("shared")), true);
        QCOMPARE(text(ws, "PRAGMA journal_mode"), QStringLiteral("wal"));
        TrajectoryInfo info;
        info.externalId = QStringLiteral("r");
        const qint64 h = writer.begin(info);
        for (int i = 0; i < 1000; ++i)
            writer.addStep(h, step(QStringLiteral("step %1").arg(i)));
        QCOMPARE(test::scalar(reader, "SELECT count(*) FROM steps"), qint64(0));   // not blocked, not visible
        writer.finish(h, info);
        writer.commit();
        QCOMPARE(test::scalar(reader, "SELECT count(*) FROM steps"), qint64(1000));
    }
};

QTEST_GUILESS_MAIN(TestImportPipeline)
#include "tst_import_pipeline.moc"
