// `reverie dream` and `reverie proposals` as a separate process on a real workspace file.

#include "support/TestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace reverie;

class TestDreamCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_ws;

    test::CliRun cli(QStringList args)
    {
        args.prepend(m_ws);
        args.prepend(QStringLiteral("--workspace"));
        return test::runCli(args);
    }

    static QSet<QString> keys(const QJsonObject &o)
    {
        QSet<QString> out;
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_ws = m_dir.filePath(QStringLiteral("demo.reverie"));
        const auto r = cli({QStringLiteral("import"), QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void dreamPrintsTheDocumentedJson()
    {
        const auto r = cli({QStringLiteral("dream"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(keys(doc), (QSet<QString>{QStringLiteral("run_id"), QStringLiteral("status"), QStringLiteral("proposals"),
                                           QStringLiteral("holdout")}));
        // The demo's workflows have too few runs to hold any out.
        QCOMPARE(doc[QLatin1String("holdout")].toObject()[QLatin1String("held_out_runs")].toInt(), 0);
        QCOMPARE(doc[QLatin1String("status")].toString(), QStringLiteral("succeeded"));
        QVERIFY(doc[QLatin1String("run_id")].toInteger() > 0);
        const QJsonArray proposals = doc[QLatin1String("proposals")].toArray();
        QCOMPARE(proposals.size(), 3);   // the demo's three lessons, one proposal each
        const QSet<QString> expected = {QStringLiteral("id"),         QStringLiteral("op"),       QStringLiteral("target_rule"),
                                        QStringLiteral("text"),       QStringLiteral("scope"),    QStringLiteral("stakes"),
                                        QStringLiteral("confidence"), QStringLiteral("support"),  QStringLiteral("evidence"),
                                        QStringLiteral("conflicts")};
        QStringList texts;
        for (const QJsonValue &v : proposals) {
            const QJsonObject p = v.toObject();
            QCOMPARE(keys(p), expected);
            QCOMPARE(p[QLatin1String("op")].toString(), QStringLiteral("add"));
            QVERIFY(p[QLatin1String("target_rule")].isNull());
            QVERIFY(p[QLatin1String("scope")].toObject()[QLatin1String("workflows")].isArray());
            QCOMPARE(p[QLatin1String("stakes")].toString(), QStringLiteral("low"));
            const QJsonArray evidence = p[QLatin1String("evidence")].toArray();
            QVERIFY(!evidence.isEmpty());
            for (const QJsonValue &e : evidence) {
                const QJsonObject o = e.toObject();
                QCOMPARE(keys(o), (QSet<QString>{QStringLiteral("trajectory"), QStringLiteral("step")}));
                // The id as the imported file names it, and the step's position as `show` prints it.
                QVERIFY(o[QLatin1String("trajectory")].toString().contains(QRegularExpression(QStringLiteral("^(deploy|refund|migrate)-\\d{3}$"))));
                QVERIFY(o[QLatin1String("step")].toInteger() >= 0);
            }
            texts << p[QLatin1String("text")].toString();
        }
        QVERIFY2(texts.contains(QStringLiteral("In deploy_service, run run_tests before deploy.")), qPrintable(texts.join(QLatin1Char('\n'))));

        // The step number is the one `reverie show` prints for that run.
        const QJsonObject first = proposals.first().toObject()[QLatin1String("evidence")].toArray().first().toObject();
        const auto shown = cli({QStringLiteral("show"), first[QLatin1String("trajectory")].toString(), QStringLiteral("--json")});
        const QJsonArray steps = QJsonDocument::fromJson(shown.out).object()[QLatin1String("step_list")].toArray();
        QVERIFY(first[QLatin1String("step")].toInteger() < steps.size());
    }

    void proposalsListsThemByStatus()
    {
        const auto pending = cli({QStringLiteral("proposals"), QStringLiteral("--status"), QStringLiteral("pending"), QStringLiteral("--json")});
        QVERIFY2(pending.exitCode == 0, pending.err.constData());
        const QJsonArray list = QJsonDocument::fromJson(pending.out).array();
        QCOMPARE(list.size(), 3);
        for (const QJsonValue &v : list) {
            QCOMPARE(v.toObject()[QLatin1String("status")].toString(), QStringLiteral("pending"));
            QVERIFY(!v.toObject()[QLatin1String("evidence")].toArray().isEmpty());
        }
        const auto approved = cli({QStringLiteral("proposals"), QStringLiteral("--status"), QStringLiteral("approved")});
        QCOMPARE(approved.exitCode, 0);
        QVERIFY(approved.out.contains("No proposals"));
        const auto text = cli({QStringLiteral("proposals")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("In deploy_service, run run_tests before deploy."));
        QVERIFY(text.out.contains("replay: 5 of 5 runs that broke it failed"));
        QCOMPARE(cli({QStringLiteral("proposals"), QStringLiteral("--status"), QStringLiteral("maybe")}).exitCode, 2);
    }

    void secondPassOverTheSameRunsFindsNothingNew()
    {
        const auto r = cli({QStringLiteral("dream"), QStringLiteral("--new"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(doc[QLatin1String("status")].toString(), QStringLiteral("succeeded"));
        QVERIFY(doc[QLatin1String("proposals")].toArray().isEmpty());
    }

    void usageErrors()
    {
        QCOMPARE(cli({QStringLiteral("dream"), QStringLiteral("--engine"), QStringLiteral("magic")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("dream"), QStringLiteral("--since"), QStringLiteral("last tuesday")}).exitCode, 2);
        const auto missing = test::runCli({QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("none.reverie")),
                                           QStringLiteral("dream")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no such workspace"));
    }

    void workflowAndWindow()
    {
        // A workspace of its own: the passes above already proposed everything the demo teaches.
        m_ws = m_dir.filePath(QStringLiteral("window.reverie"));
        QCOMPARE(cli({QStringLiteral("import"), QStringLiteral(REVERIE_FIXTURES_DIR "/../../resources/demo")}).exitCode, 0);
        const auto r = cli({QStringLiteral("dream"), QStringLiteral("--workflow"), QStringLiteral("refund_order"),
                            QStringLiteral("--since"), QStringLiteral("2025-01-01"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray proposals = QJsonDocument::fromJson(r.out).object()[QLatin1String("proposals")].toArray();
        QVERIFY(!proposals.isEmpty());
        for (const QJsonValue &v : proposals)
            QCOMPARE(v.toObject()[QLatin1String("scope")].toObject()[QLatin1String("workflows")].toArray().first().toString(),
                     QStringLiteral("refund_order"));
        const auto future = cli({QStringLiteral("dream"), QStringLiteral("--since"), QStringLiteral("2999-01-01"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(future.out).object()[QLatin1String("proposals")].toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDreamCli)
#include "tst_dream_cli.moc"
