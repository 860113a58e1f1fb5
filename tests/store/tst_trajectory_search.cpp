// The trajectory list filtered by a full-text search gives the same runs whichever way the
// search finds them: from the list of every matching run (a rare word, or a common one piled
// into a few runs), or by asking the index run by run (a word common across the runs, where
// reading all its hits first cost more than the page). And counting is exact either way.

#include "core/store/TrajectoryQueries.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace reverie;
using Sort = store::TrajectoryFilter::Sort;

class TestTrajectorySearch : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    // More hits of "common" than a page's scan reads before it asks run by run (50,000).
    static constexpr int kRuns = 700;
    static constexpr int kStepsPerRun = 90;
    static constexpr int kPiledRuns = 3;
    static constexpr int kPiledSteps = 20'000;

    // Run n (1-based, in import order): "common" in every step unless n % 7 == 0; "rare" in
    // one step when n % 50 == 0; failed when n % 3 == 0. The last kPiledRuns runs hold
    // "piled" in every one of their many steps, and nothing else does.
    static bool hasCommon(int n) { return n <= kRuns && n % 7 != 0; }
    static bool hasRare(int n) { return n <= kRuns && n % 50 == 0; }
    static bool hasPiled(int n) { return n > kRuns; }

    static QList<qint64> ids(const std::vector<TrajectorySummary> &rows)
    {
        QList<qint64> out;
        for (const TrajectorySummary &t : rows)
            out << t.id;
        return out;
    }

    // The runs in the list's order without a search, kept where `keep` holds for the run's number.
    QList<qint64> expected(store::TrajectoryFilter filter, const std::function<bool(int)> &keep)
    {
        store::Workspace ws(m_path);
        filter.search.clear();
        QList<qint64> out;
        for (const qint64 id : ids(store::TrajectoryQueries(ws).list(filter, 0, -1))) {
            if (keep(int(id)))
                out << id;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!test::serverSkipReason().isEmpty())
            QSKIP(qPrintable(test::serverSkipReason()));
        m_path = test::workspaceLocation(m_dir, QStringLiteral("search.reverie"));
        store::Workspace ws(m_path);
        store::TrajectoryWriter w(ws, {QStringLiteral("x.jsonl"), QStringLiteral("reverie-jsonl"), QStringLiteral("abc"), 1});
        for (int n = 1; n <= kRuns + kPiledRuns; ++n) {
            TrajectoryInfo info;
            info.externalId = QStringLiteral("run-%1").arg(n);
            info.startedMs = 1'000'000 + qint64(n % 97) * 1000;   // not in id order
            info.verdict = n % 3 == 0 ? Verdict::Failure : Verdict::Success;
            const qint64 run = w.begin(info);
            QCOMPARE(run, qint64(n));   // the expectations name runs by their row ids
            const int steps = hasPiled(n) ? kPiledSteps : kStepsPerRun;
            for (int s = 0; s < steps; ++s) {
                Step st;
                st.kind = StepKind::Observation;
                st.text = hasPiled(n)               ? QStringLiteral("piled up here")
                          : hasCommon(n)            ? QStringLiteral("a common word %1").arg(s)
                                                    : QStringLiteral("nothing to see %1").arg(s);
                if (s == 7 && hasRare(n))
                    st.text += QStringLiteral(" rare");
                w.addStep(run, st);
            }
            w.finish(run, info);
        }
        w.commit();
    }

    void theListMatchesTheRunsHoldingTheWords_data()
    {
        QTest::addColumn<QString>("words");
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("failedOnly");

        for (const QString &words : {QStringLiteral("common"), QStringLiteral("rare"), QStringLiteral("piled"),
                                     QStringLiteral("common rare")}) {
            QTest::addRow("%s, failed first", qPrintable(words)) << words << int(Sort::FailedFirst) << false;
            QTest::addRow("%s, newest", qPrintable(words)) << words << int(Sort::Newest) << false;
            QTest::addRow("%s, most steps", qPrintable(words)) << words << int(Sort::MostSteps) << false;
            QTest::addRow("%s, failed only", qPrintable(words)) << words << int(Sort::FailedFirst) << true;
        }
    }

    void theListMatchesTheRunsHoldingTheWords()
    {
        QFETCH(QString, words);
        QFETCH(int, sort);
        QFETCH(bool, failedOnly);
        store::TrajectoryFilter filter;
        filter.search = words;
        filter.sort = Sort(sort);
        if (failedOnly)
            filter.verdict = Verdict::Failure;
        const bool common = words.contains(QLatin1String("common")), rare = words.contains(QLatin1String("rare"));
        const QList<qint64> want = expected(filter, [&](int n) {
            return (!common || hasCommon(n)) && (!rare || hasRare(n)) && (common || rare || hasPiled(n));
        });
        QVERIFY(!want.isEmpty());

        store::Workspace ws(m_path);
        // A first page, a page deep in the list, everything, and the count: each on a fresh
        // instance (the app reads on workers) and one after another on the same one.
        const QList<qint64> firstPage = ids(store::TrajectoryQueries(ws).list(filter, 0, 50));
        QCOMPARE(firstPage, want.mid(0, 50));
        const QList<qint64> deep = ids(store::TrajectoryQueries(ws).list(filter, 300, 50));
        QCOMPARE(deep, want.mid(300, 50));
        QCOMPARE(store::TrajectoryQueries(ws).count(filter), qint64(want.size()));
        store::TrajectoryQueries same(ws);
        QCOMPARE(ids(same.list(filter, 0, 50)), want.mid(0, 50));
        QCOMPARE(same.count(filter), qint64(want.size()));
        QCOMPARE(ids(same.list(filter, 0, -1)), want);
    }

    // The step hits come newest run first, each with its snippet, whatever the word's spread.
    void stepHitsComeNewestFirst()
    {
        store::Workspace ws(m_path);
        store::TrajectoryQueries q(ws);
        const std::vector<store::StepHit> hits = q.searchSteps(QStringLiteral("common"), 20);
        QCOMPARE(hits.size(), std::size_t(20));
        QCOMPARE(hits.front().trajectoryId, qint64(kRuns - 1));   // run 700 is a multiple of 7
        QCOMPARE(hits.front().seq, kStepsPerRun - 1);
        QVERIFY2(hits.front().snippet.contains(QLatin1String("[common]")), qPrintable(hits.front().snippet));
        for (std::size_t i = 1; i < hits.size(); ++i)
            QVERIFY(hits[i].stepId < hits[i - 1].stepId);
    }
};

QTEST_GUILESS_MAIN(TestTrajectorySearch)
#include "tst_trajectory_search.moc"
