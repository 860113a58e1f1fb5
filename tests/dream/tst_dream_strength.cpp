// The strength of a proposal's case, checked against values computed by hand: the one-sided
// Fisher exact p-value of its replay table, Wilson 95% intervals, and the plain words shown.

#include "core/dream/Strength.h"
#include "core/stats/Statistics.h"

#include <QTest>

using namespace reverie;

class TestDreamStrength : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fisher_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("c");
        QTest::addColumn<int>("d");
        QTest::addColumn<double>("p");
        // 5 of 5 that broke it failed, 9 of 9 that kept it succeeded: 1 / C(14, 5).
        QTest::newRow("demo precedence") << 5 << 0 << 0 << 9 << 1.0 / 2002.0;
        // 4 of 4 broke it and failed, 2 of 4 kept it and failed: C(6,4) C(2,0) / C(8,4) = 15/70.
        QTest::newRow("tau-bench loop") << 4 << 0 << 2 << 2 << 15.0 / 70.0;
        // [[3,1],[1,3]]: (C(4,3) C(4,1) + C(4,4) C(4,0)) / C(8,4) = 17/70.
        QTest::newRow("three of four") << 3 << 1 << 1 << 3 << 17.0 / 70.0;
        // The other direction is not evidence for the rule.
        QTest::newRow("breaking it helps") << 0 << 4 << 4 << 0 << 1.0;
        QTest::newRow("empty margin") << 0 << 0 << 3 << 2 << 1.0;
        QTest::newRow("nothing") << 0 << 0 << 0 << 0 << 1.0;
    }
    void fisher()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        QFETCH(int, c);
        QFETCH(int, d);
        QFETCH(double, p);
        QVERIFY2(std::abs(stats::fisherOneSided(a, b, c, d) - p) < 1e-9,
                 qPrintable(QString::number(stats::fisherOneSided(a, b, c, d), 'g', 12)));
    }

    void wilson_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("5 of 5") << 5 << 5 << 0.56552 << 1.0;
        QTest::newRow("0 of 9") << 0 << 9 << 0.0 << 0.29915;
        QTest::newRow("none") << 0 << 0 << 0.0 << 1.0;
        // phat 0.5, n 100: 0.5 -/+ 1.96 * sqrt(0.0025 + 0.000096) / 1.038416 = 0.40383 .. 0.59617
        QTest::newRow("50 of 100") << 50 << 100 << 0.40383 << 0.59617;
    }
    void wilson()
    {
        QFETCH(int, k);
        QFETCH(int, n);
        QFETCH(double, low);
        QFETCH(double, high);
        double l = -1, h = -1;
        stats::wilsonInterval(k, n, &l, &h);
        QVERIFY2(std::abs(l - low) < 1e-4, qPrintable(QString::number(l, 'g', 8)));
        QVERIFY2(std::abs(h - high) < 1e-4, qPrintable(QString::number(h, 'g', 8)));
    }

    void plainWordsFirst_data()
    {
        QTest::addColumn<int>("broke");
        QTest::addColumn<int>("brokeFailed");
        QTest::addColumn<int>("kept");
        QTest::addColumn<int>("keptSucceeded");
        QTest::addColumn<QString>("starts");
        QTest::newRow("strong") << 5 << 5 << 9 << 9 << QStringLiteral("strong");
        QTest::newRow("moderate") << 4 << 4 << 4 << 4 << QStringLiteral("moderate");   // 1/70
        QTest::newRow("weak") << 4 << 4 << 4 << 2 << QStringLiteral("weak — could be chance");
    }
    void plainWordsFirst()
    {
        QFETCH(int, broke);
        QFETCH(int, brokeFailed);
        QFETCH(int, kept);
        QFETCH(int, keptSucceeded);
        QFETCH(QString, starts);
        ReplayRecord r;
        r.broke = broke;
        r.brokeFailed = brokeFailed;
        r.kept = kept;
        r.keptSucceeded = keptSucceeded;
        const dream::Strength s = dream::strengthOf(r);
        QCOMPARE(s.brokeFailed + s.brokeSucceeded, broke);
        QCOMPARE(s.keptFailed + s.keptSucceeded, kept);
        QVERIFY2(dream::describeStrength(s).startsWith(starts), qPrintable(dream::describeStrength(s)));
    }
};

QTEST_GUILESS_MAIN(TestDreamStrength)
#include "tst_dream_strength.moc"
