// The start-up benchmark's hook (ui/FirstPaintReport.h): with REVERIE_REPORT_FIRST_PAINT set,
// the real executable prints "first-paint-ms N" once its window has painted its list, and quits 0.
// bench_startup (P5) depends on exactly that line.

#include "UiTestSupport.h"
#include "support/TestSupport.h"
#include "ui/FirstPaintReport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestFirstPaintReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsFromTheProcessStart()
    {
        const double before = ui::msSinceProcessStart();
        QTest::qSleep(60);
        const double after = ui::msSinceProcessStart();
        QVERIFY2(before > 0 && before < 600'000, qPrintable(QString::number(before)));
        QVERIFY2(after - before >= 50 && after - before < 5'000, qPrintable(QString::number(after - before)));
    }

    void appPrintsItsFirstPaintAndQuits_data()
    {
        QTest::addColumn<bool>("demo");
        QTest::newRow("demo workspace") << true;
        QTest::newRow("new empty workspace") << false;   // an empty list is a finished first page too
    }

    void appPrintsItsFirstPaintAndQuits()
    {
        QFETCH(bool, demo);
        QTemporaryDir dir;
        const QString workspace = demo ? test::makeDemoWorkspace(dir) : dir.filePath(QStringLiteral("empty.reverie"));

        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REVERIE_REPORT_FIRST_PAINT"), QStringLiteral("1"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));   // recent workspaces
        app.setProcessEnvironment(env);
        app.start(test::reverieBinary(), {QStringLiteral("--workspace"), workspace});
        QVERIFY2(app.waitForFinished(60'000), "the app did not quit after its first paint");
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QString out = QString::fromUtf8(app.readAllStandardOutput());
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("^first-paint-ms (\\d+)\\n$")).match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        QVERIFY(m.captured(1).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestFirstPaintReport)
#include "tst_first_paint_report.moc"
