// Keyset paging of the trajectory list: page after page, deep into the list, gives exactly the
// rows of one full ordered scan, for every order and direction, with ties and NULLs in the
// sort columns.

#include "core/store/Sqlite.h"
#include "core/store/TrajectoryPaging.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace reverie;
using Sort = store::TrajectoryFilter::Sort;

Q_DECLARE_METATYPE(store::TrajectoryFilter)

class TestTrajectoryPaging : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    static constexpr int kRuns = 600;

    static QList<qint64> ids(const std::vector<TrajectorySummary> &rows)
    {
        QList<qint64> out;
        for (const TrajectorySummary &t : rows)
            out << t.id;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = test::workspaceLocation(m_dir, QStringLiteral("paging.reverie"));
        store::Workspace ws(m_path);
        sql::Transaction tx(ws.db());
        ws.db().exec("INSERT INTO sources (id, path, format, content_hash, size_bytes, imported_at) VALUES "
                     "(1, 'a.jsonl', 'reverie', 'a', 0, 0), (2, 'b.jsonl', 'reverie', 'b', 0, 0)");
        // Few distinct values per column, so every order has long runs of ties; some NULLs.
        sql::Statement insert(ws.db(), "INSERT INTO trajectories (source_id, external_id, workflow, model, "
                                       "playbook_version, started_at, verdict, step_count, error_count, id) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < kRuns; ++i) {
            insert.bind(10, qint64(i + 1));   // the writer gives ids; so does this test
            insert.bind(1, qint64(1 + i % 2));
            insert.bind(2, QStringLiteral("run-%1").arg(i / 2));   // the same id in both sources
            if (i % 5 == 0)
                insert.bindNull(3);
            else
                insert.bind(3, i % 7 == 0 ? QStringLiteral("") : QStringLiteral("wf-%1").arg(i % 3));
            if (i % 4 == 0)
                insert.bindNull(4);
            else
                insert.bind(4, QStringLiteral("model-%1").arg(i % 2));
            insert.bind(5, qint64(i % 3));
            if (i % 6 == 0)
                insert.bindNull(6);
            else
                insert.bind(6, qint64(1'700'000'000'000 + (i % 11) * 1000));
            insert.bind(7, qint64(i % 3));
            insert.bind(8, qint64(i % 4));
            insert.bind(9, qint64(i % 3));
            insert.run();
        }
        tx.commit();
    }

    void pagesMatchAFullScan_data()
    {
        QTest::addColumn<store::TrajectoryFilter>("filter");
        QTest::addColumn<int>("pageSize");
        const std::pair<Sort, const char *> sorts[] = {
            {Sort::FailedFirst, "failed first"}, {Sort::Newest, "newest"}, {Sort::Oldest, "oldest"},
            {Sort::MostErrors, "errors"},       {Sort::MostSteps, "steps"}, {Sort::ExternalId, "external id"},
            {Sort::Workflow, "workflow"},       {Sort::Model, "model"},     {Sort::PlaybookVersion, "playbook"}};
        for (const auto &[sort, name] : sorts) {
            for (bool descending : {true, false}) {
                store::TrajectoryFilter f;
                f.sort = sort;
                f.descending = descending;
                const char *dir = descending ? "desc" : "asc";
                QTest::addRow("%s %s, pages of 7", name, dir) << f << 7;
                QTest::addRow("%s %s, pages of 64", name, dir) << f << 64;
                f.verdict = Verdict::Failure;
                f.errorsOnly = true;
                QTest::addRow("%s %s, filtered, pages of 5", name, dir) << f << 5;
            }
        }
    }

    void pagesMatchAFullScan()
    {
        QFETCH(store::TrajectoryFilter, filter);
        QFETCH(int, pageSize);
        store::Workspace ws(m_path);
        const QList<qint64> expected = ids(store::TrajectoryQueries(ws).list(filter, 0, -1));
        QVERIFY(expected.size() > 2 * pageSize);

        store::TrajectoryPaging paging(ws);
        QCOMPARE(paging.count(filter), qint64(expected.size()));
        QList<qint64> got;
        store::PageKey key;
        for (int guard = 0; guard <= kRuns; ++guard) {
            const store::TrajectoryPage page = paging.page(filter, key, pageSize);
            QVERIFY(int(page.rows.size()) <= pageSize);
            got << ids(page.rows);
            if (int(page.rows.size()) < pageSize)
                break;
            QVERIFY(page.last.valid);
            key = page.last;
        }
        QCOMPARE(got, expected);
    }

    void aKeyFromAnotherOrderStartsAtTheTop()
    {
        store::Workspace ws(m_path);
        store::TrajectoryFilter failedFirst;
        store::TrajectoryPaging paging(ws);
        const store::PageKey key = paging.page(failedFirst, {}, 10).last;   // two sort values
        store::TrajectoryFilter byErrors;
        byErrors.sort = Sort::MostErrors;                                   // one sort value
        QCOMPARE(ids(paging.page(byErrors, key, 10).rows), ids(store::TrajectoryQueries(ws).list(byErrors, 0, 10)));
    }
};

QTEST_GUILESS_MAIN(TestTrajectoryPaging)
#include "tst_trajectory_paging.moc"
