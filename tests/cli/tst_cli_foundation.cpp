// The headless CLI, run as a real process without a display.

#include "core/store/Sqlite.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestCliFoundation : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString ws() const { return m_dir.filePath(QStringLiteral("cli.reverie")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto r = test::runCli({QStringLiteral("--workspace"), ws(), QStringLiteral("import"),
                                     test::fixture(QStringLiteral("native/deploy_small.jsonl"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("3 trajectories"));
    }

    void importReportsEveryFileAsJson()
    {
        QTemporaryDir dir;
        const QString bad = test::writeFile(dir, QStringLiteral("bad.jsonl"), "{\"trajectory\":\"x\",\"type\":\"plan\"}\n{oops\n");
        const auto r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("import"), QStringLiteral("--json"),
                                     test::fixture(QStringLiteral("native/deploy_small.jsonl")), bad});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray files = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].toObject()[QLatin1String("duplicate")].toBool(), true);
        QCOMPARE(files[0].toObject()[QLatin1String("trajectories")].toInt(), 0);
        const QString error = files[1].toObject()[QLatin1String("error")].toString();
        QVERIFY2(error.contains(bad + QStringLiteral(":2:")), qPrintable(error));
        QVERIFY(files[1].toObject().contains(QLatin1String("format")));
        QVERIFY(files[1].toObject().contains(QLatin1String("steps")));
        QVERIFY(r.err.contains("1 of 2 files failed"));
        QCOMPARE(r.err.count('\n'), 1);   // one line on stderr
    }

    void listsFailedFirstAndFilters()
    {
        auto r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("trajectories"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].toObject()[QLatin1String("verdict")].toString(), QStringLiteral("failure"));

        r = test::runCli({QStringLiteral("trajectories"), QStringLiteral("--workspace"), ws(), QStringLiteral("--failed"),
                          QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject()[QLatin1String("id")].toString(), QStringLiteral("deploy-000"));

        r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("trajectories"), QStringLiteral("--workflow"),
                          QStringLiteral("nope"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);

        r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("trajectories"), QStringLiteral("--search"),
                          QStringLiteral("212 passed")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 2);   // the two runs that ran the smoke tests
        QVERIFY(!r.out.contains("deploy-000"));
    }

    void showGivesBackTheOriginalRecords()
    {
        const auto r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("show"), QStringLiteral("deploy-000"),
                                     QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject t = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(t[QLatin1String("workflow")].toString(), QStringLiteral("deploy_service"));
        const QJsonArray steps = t[QLatin1String("step_list")].toArray();
        QCOMPARE(steps.size(), t[QLatin1String("steps")].toInt());
        const QJsonObject raw = steps[0].toObject()[QLatin1String("raw")].toObject();
        QCOMPARE(raw[QLatin1String("trajectory")].toString(), QStringLiteral("deploy-000"));
        QCOMPARE(raw[QLatin1String("type")].toString(), QStringLiteral("task"));

        const auto text = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("show"), QStringLiteral("deploy-000")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("ERROR"));

        const auto missing = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("show"), QStringLiteral("nope")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no trajectory with id \"nope\""));
    }

    void verifyPassesThenCatchesTampering()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v.reverie"));
        QCOMPARE(test::runCli({QStringLiteral("-w"), path, QStringLiteral("import"),
                               test::fixture(QStringLiteral("native/deploy_small.jsonl"))})
                     .exitCode,
                 0);
        auto r = test::runCli({QStringLiteral("-w"), path, QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            sql::Database db;
            db.open(path, false);
            db.exec("INSERT INTO playbook_versions (number, parent, author, reason, created_at, change, prev_hash, hash) "
                    "VALUES (1, NULL, 'mallory', 'sneaky', 0, 'manual', 'x', 'y')");
        }
        r = test::runCli({QStringLiteral("-w"), path, QStringLiteral("verify")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("version 1"), r.err.constData());
    }

    void usageErrorsAreOneLineAndNonZero()
    {
        auto r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown command"));
        r = test::runCli({QStringLiteral("-w"), ws(), QStringLiteral("trajectories"), QStringLiteral("--bogus")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        r = test::runCli({QStringLiteral("-w"), m_dir.filePath(QStringLiteral("absent.reverie")),
                          QStringLiteral("trajectories")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no such workspace"));
        r = test::runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("import"));
    }
};

QTEST_GUILESS_MAIN(TestCliFoundation)
#include "tst_cli_foundation.moc"
