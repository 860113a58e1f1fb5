// The fast reader of native events must agree with nlohmann/json wherever it decides, and
// leave everything else (invalid lines included) to the full parser.

#include "FlatScanSamples.h"
#include "fuzz/FlatScanOracle.h"

#include <QTest>

#include <random>

using namespace reverie::ingest::json;

class TestFlatScan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void agreesWithNlohmannOnSamples()
    {
        for (const std::string &line : seeds())
            QVERIFY2(flatScanDisagreement(line).empty(), (line + " -> " + flatScanDisagreement(line)).c_str());
    }

    void readsPlainEventsItself()
    {
        FlatScanner scanner(kOracleNames);
        QVERIFY(scanner.scan(kPlain));
        QCOMPARE(scanner.get(0).text, std::string_view("run-1"));
        QCOMPARE(scanner.get(2).integer, 1763900000100);
        QCOMPARE(scanner.get(3).type, Member::Nested);
        QCOMPARE(scanner.get(3).text, std::string_view(kPlainInput));
        QCOMPARE(scanner.get(7).type, Member::Absent);

        // Escapes in strings are decoded here, not handed over.
        QVERIFY(scanner.scan(seeds()[2]));
        QCOMPARE(scanner.get(6).text, std::string_view(kEscapedDecoded));
        // White space inside a nested value is dropped as dump() drops it.
        QVERIFY(scanner.scan(kSpacedNested));
        QCOMPARE(scanner.get(3).text, std::string_view(kSpacedNestedCompact));
    }

    void leavesTheRestToTheFullParser_data()
    {
        QTest::addColumn<QByteArray>("line");
        for (const auto &[name, line] : leftToTheFullParser())
            QTest::newRow(name) << line;
    }
    void leavesTheRestToTheFullParser()
    {
        QFETCH(QByteArray, line);
        FlatScanner scanner(kOracleNames);
        QVERIFY(!scanner.scan(std::string_view(line.constData(), std::size_t(line.size()))));
    }

    // Thousands of damaged variants of the samples: byte flips, cuts and insertions of the
    // characters JSON cares about. Wherever the scanner accepts, nlohmann must agree.
    void agreesWithNlohmannOnDamagedLines()
    {
        std::mt19937 rng(20261124);
        const std::string alphabet = damageAlphabet();
        int accepted = 0;
        for (int i = 0; i < 40000; ++i) {
            std::string line = seeds()[rng() % seeds().size()];
            const int edits = 1 + int(rng() % 3);
            for (int e = 0; e < edits && !line.empty(); ++e) {
                const std::size_t at = rng() % line.size();
                const char c = alphabet[rng() % alphabet.size()];
                switch (rng() % 4) {
                case 0: line[at] = c; break;
                case 1: line.insert(line.begin() + std::ptrdiff_t(at), c); break;
                case 2: line.erase(at, 1); break;
                case 3: line.resize(at); break;
                }
            }
            const std::string why = flatScanDisagreement(line);
            QVERIFY2(why.empty(), (line + " -> " + why).c_str());
            FlatScanner scanner(kOracleNames);
            accepted += scanner.scan(line) ? 1 : 0;
        }
        // The damage leaves many lines valid: the comparison must have had work to do.
        QVERIFY2(accepted > 1000, qPrintable(QStringLiteral("only %1 damaged lines accepted").arg(accepted)));
    }
};

QTEST_GUILESS_MAIN(TestFlatScan)
#include "tst_flat_scan.moc"
