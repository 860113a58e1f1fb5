// The GUI's one background reader: the latest request wins, errors arrive as values, nothing
// runs on the GUI thread; and the guard that tells when something does.

#include "UiTestSupport.h"

#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace reverie;
using namespace reverie::ui;

class TestLatestRead : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_path = test::makeDemoWorkspace(m_dir);
    }

    void readsOnAWorkerAndDeliversOnTheGuiThread()
    {
        test::GuiThreadSqlGuard guard;
        LatestRead reader;
        QThread *readThread = nullptr;
        std::optional<ReadResult<qint64>> got;
        reader.run<qint64>(
            m_path,
            [&readThread](store::Workspace &ws, const std::atomic_bool &) {
                readThread = QThread::currentThread();
                return store::TrajectoryQueries(ws).count({});
            },
            [&](ReadResult<qint64> r) {
                QCOMPARE(QThread::currentThread(), qApp->thread());
                got = std::move(r);
            });
        QVERIFY(reader.isBusy());
        QTRY_VERIFY(got.has_value());
        QVERIFY(got->ok());
        QCOMPARE(*got->value, qint64(38));
        QVERIFY(readThread != qApp->thread());
        QVERIFY(!reader.isBusy());
        QVERIFY2(guard.clean(), guard.report());
    }

    void theLatestRequestWins()
    {
        LatestRead reader;
        std::atomic_bool release{false};
        QList<int> delivered;
        // The first read is held until the second has been asked for: only the second is delivered.
        reader.run<int>(
            m_path,
            [&release](store::Workspace &, const std::atomic_bool &stale) {
                while (!release.load())
                    QThread::msleep(1);
                return stale.load() ? -1 : 1;
            },
            [&](ReadResult<int> r) { delivered << (r.ok() ? *r.value : 0); });
        reader.run<int>(m_path, [](store::Workspace &, const std::atomic_bool &) { return 2; },
                        [&](ReadResult<int> r) { delivered << (r.ok() ? *r.value : 0); });
        release = true;
        QTRY_COMPARE(delivered, QList<int>{2});
        readerPool()->waitForDone();
        QCoreApplication::processEvents();
        QCOMPARE(delivered, QList<int>{2});
    }

    void errorsArriveAsValues()
    {
        LatestRead reader;
        std::optional<ReadResult<int>> got;
        reader.run<int>(m_path, [](store::Workspace &, const std::atomic_bool &) -> int { throw reverie::Error(QStringLiteral("boom")); },
                        [&](ReadResult<int> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->ok());
        QCOMPARE(got->error, QStringLiteral("boom"));

        // A workspace that is not there: the message names the file.
        got.reset();
        const QString missing = m_dir.filePath(QStringLiteral("missing.reverie"));
        reader.run<int>(missing, [](store::Workspace &, const std::atomic_bool &) { return 1; },
                        [&](ReadResult<int> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->ok());
        QVERIFY2(got->error.contains(QLatin1String("missing.reverie")), qPrintable(got->error));
    }

    void cancelledAndDestroyedReadersDeliverNothing()
    {
        bool delivered = false;
        {
            LatestRead reader;
            reader.run<int>(m_path, [](store::Workspace &, const std::atomic_bool &) { return 1; },
                            [&](ReadResult<int>) { delivered = true; });
            reader.cancel();
            QVERIFY(!reader.isBusy());
            readerPool()->waitForDone();
            QCoreApplication::processEvents();
        }
        {
            auto *reader = new LatestRead;
            reader->run<int>(m_path, [](store::Workspace &, const std::atomic_bool &) { return 1; },
                             [&](ReadResult<int>) { delivered = true; });
            delete reader;
            readerPool()->waitForDone();
            QCoreApplication::processEvents();
        }
        QVERIFY(!delivered);
    }

    void theGuardSeesSqlOnTheGuiThread()
    {
        test::GuiThreadSqlGuard guard;
        QVERIFY(guard.clean());
        store::Workspace ws(m_path);
        store::TrajectoryQueries(ws).count({});
        QVERIFY(!guard.clean());
        QVERIFY2(QByteArray(guard.report()).contains("on the GUI thread"), guard.report());
    }
};

QTEST_MAIN(TestLatestRead)
#include "tst_latest_read.moc"
