// Timestamps as importers read them: the byte-level RFC 3339 path must agree with QDateTime
// on every shape it accepts, and hand everything else to the general path.

#include "core/ingest/JsonSupport.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace reverie::ingest;

class TestTimestamps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fastPathAgreesWithQDateTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("iso");   // the same instant as QDateTime reads it
        QTest::newRow("zulu") << "2026-02-10T21:11:56Z" << "2026-02-10T21:11:56Z";
        QTest::newRow("millis") << "2026-02-10T21:11:56.906Z" << "2026-02-10T21:11:56.906Z";
        QTest::newRow("micros, no zone") << "2025-01-20T20:29:13.519638" << "2025-01-20T20:29:13.519Z";
        QTest::newRow("one digit") << "2025-01-20T20:29:13.5Z" << "2025-01-20T20:29:13.500Z";
        QTest::newRow("offset east") << "2024-12-31T23:30:00+05:30" << "2024-12-31T18:00:00Z";
        QTest::newRow("offset west") << "2024-12-31T23:30:00-08:00" << "2025-01-01T07:30:00Z";
        QTest::newRow("space") << "2024-03-01 00:00:00" << "2024-03-01T00:00:00Z";
        QTest::newRow("leap day") << "2024-02-29T12:00:00Z" << "2024-02-29T12:00:00Z";
        QTest::newRow("before 1970") << "1969-07-20T20:17:40Z" << "1969-07-20T20:17:40Z";
        QTest::newRow("year 2400") << "2400-02-29T00:00:00.001Z" << "2400-02-29T00:00:00.001Z";
    }
    void fastPathAgreesWithQDateTime()
    {
        QFETCH(QString, text);
        QFETCH(QString, iso);
        QDateTime expected = QDateTime::fromString(iso, Qt::ISODateWithMs);
        QVERIFY(expected.isValid());
        const auto fast = json::parseRfc3339(text.toStdString());
        QVERIFY(fast.has_value());
        QCOMPARE(*fast, expected.toMSecsSinceEpoch());
        QCOMPARE(json::parseTimestamp(json::Json(text.toStdString())), expected.toMSecsSinceEpoch());
    }

    void notAFastShape_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("date only") << "2026-02-10";
        QTest::newRow("month 13") << "2026-13-10T00:00:00Z";
        QTest::newRow("30 February") << "2026-02-30T00:00:00Z";
        QTest::newRow("29 February, common year") << "2023-02-29T00:00:00Z";
        QTest::newRow("hour 24") << "2026-02-10T24:00:00Z";
        QTest::newRow("bare dot") << "2026-02-10T21:11:56.Z";
        QTest::newRow("trailing text") << "2026-02-10T21:11:56Zjunk";
        QTest::newRow("short offset") << "2026-02-10T21:11:56+05";
        QTest::newRow("letters") << "yesterday at noon";
    }
    void notAFastShape()
    {
        QFETCH(QString, text);
        QVERIFY(!json::parseRfc3339(text.toStdString()).has_value());
    }

    void invalidDatesAreNotTimes()
    {
        QCOMPARE(json::parseTimestamp(json::Json("2026-02-30T00:00:00Z")), qint64(-1));
        QCOMPARE(json::parseTimestamp(json::Json("not a time")), qint64(-1));
        QCOMPARE(json::parseTimestamp(json::Json(nullptr)), qint64(-1));
    }

    void numbersAreUnixSecondsOrMilliseconds()
    {
        QCOMPARE(json::parseTimestamp(json::Json(1700000000)), qint64(1700000000000));
        QCOMPARE(json::parseTimestamp(json::Json(1700000000123LL)), qint64(1700000000123));
        QCOMPARE(json::parseTimestamp(json::Json(1700000000.25)), qint64(1700000000250));
    }
};

QTEST_GUILESS_MAIN(TestTimestamps)
#include "tst_timestamps.moc"
