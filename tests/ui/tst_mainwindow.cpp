// The main window on real workspaces, under the offscreen platform.

#include "core/ingest/ImportRunner.h"
#include "support/TestSupport.h"
#include "ui/ImportController.h"
#include "ui/MainWindow.h"
#include "ui/models/TrajectoryListModel.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void demoWorkspaceFillsInTheBackgroundAndPaints()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        new QAbstractItemModelTester(window.trajectoryModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     &window);
        QSignalSpy done(window.importController(), &ui::ImportController::finished);
        window.openDemoWorkspace(dir.filePath(QStringLiteral("demo.reverie")));
        window.show();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(1).toInt(), 0);   // no file failed
        QVERIFY(window.trajectoryModel()->totalCount() >= 30);
        auto *table = window.findChild<QTableView *>(QStringLiteral("trajectoryTable"));
        QVERIFY(table);
        // Failed runs come first.
        QCOMPARE(window.trajectoryModel()->index(0, ui::TrajectoryListModel::Verdict).data(ui::TrajectoryListModel::VerdictRole).toInt(),
                 int(Verdict::Failure));

        const QImage shot = window.grab().toImage();
        QVERIFY(!shot.isNull());
        shot.save(dir.filePath(QStringLiteral("main.png")));
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 7)
            for (int x = 0; x < shot.width(); x += 7)
                colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 8, "the main window rendered blank");
    }

    void searchFiltersTheList()
    {
        QTemporaryDir dir;
        ui::MainWindow window;
        QSignalSpy done(window.importController(), &ui::ImportController::finished);
        window.openDemoWorkspace(dir.filePath(QStringLiteral("demo.reverie")));
        QVERIFY(done.wait(30000));
        auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchBox"));
        QVERIFY(search);
        QSignalSpy counted(window.trajectoryModel(), &ui::TrajectoryListModel::totalCountChanged);
        QTest::keyClicks(search, QStringLiteral("fraud"));
        QVERIFY(counted.wait(5000));
        QCOMPARE(window.trajectoryModel()->totalCount(), qint64(7));   // the forced refunds
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
