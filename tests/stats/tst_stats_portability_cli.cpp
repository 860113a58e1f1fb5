// `reverie stats --by version,model` and `--by rule` as a separate process on the generated
// workspace of PortabilityFixture.h (the numbers are worked out by hand in
// tst_stats_portability.cpp), the older --by modes unchanged, and `propose --model`.

#include "stats/PortabilityFixture.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

#include <cmath>

using namespace reverie;

namespace {

QJsonArray strings(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QJsonObject byKey(const QJsonArray &list, const char *key, const QString &value)
{
    for (const QJsonValue &v : list)
        if (v.toObject()[QLatin1String(key)].toString() == value)
            return v.toObject();
    return {};
}

} // namespace

class TestStatsPortabilityCli : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<test::PortabilityWorkspace> m_fx;

    test::CliRun cli(QStringList args)
    {
        args.prepend(m_fx->path);
        args.prepend(QStringLiteral("--workspace"));
        return test::runCli(args);
    }
    QJsonDocument json(QStringList args)
    {
        args << QStringLiteral("--json");
        const auto r = cli(args);
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = std::make_unique<test::PortabilityWorkspace>();
        m_fx->ws.reset();   // the CLI opens the file itself
    }

    void versionByModelCellsAsJson_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("runs");
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("failures");
        QTest::addColumn<int>("unknown");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("v0 a") << 0 << QStringLiteral("model-a") << 10 << 2 << 8 << 0 << 0.2 << 0.05668 << 0.50984;
        QTest::newRow("v1 a") << 1 << QStringLiteral("model-a") << 21 << 11 << 9 << 1 << 0.55 << 0.34208 << 0.74180;
        QTest::newRow("v3 b") << 3 << QStringLiteral("model-b") << 2 << 0 << 2 << 0 << 0.0 << 0.0 << 0.65763;
    }
    void versionByModelCellsAsJson()
    {
        QFETCH(int, version);
        QFETCH(QString, model);
        QFETCH(double, rate);
        QFETCH(double, low);
        QFETCH(double, high);
        const QJsonObject doc = json({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("version,model")}).object();
        const QJsonArray cells = doc[QLatin1String("cells")].toArray();
        QCOMPARE(cells.size(), 8);
        QJsonObject cell;
        for (const QJsonValue &v : cells)
            if (v[QLatin1String("version")].toInt() == version && v[QLatin1String("model")].toString() == model)
                cell = v.toObject();
        QVERIFY(!cell.isEmpty());
        QTEST(cell[QLatin1String("runs")].toInt(), "runs");
        QTEST(cell[QLatin1String("successes")].toInt(), "successes");
        QTEST(cell[QLatin1String("failures")].toInt(), "failures");
        QTEST(cell[QLatin1String("unknown")].toInt(), "unknown");
        QVERIFY(std::abs(cell[QLatin1String("success_rate")].toDouble() - rate) < 1e-9);
        const QJsonArray interval = cell[QLatin1String("success_rate_95")].toArray();
        QVERIFY(std::abs(interval[0].toDouble() - low) < 1e-5);
        QVERIFY(std::abs(interval[1].toDouble() - high) < 1e-5);
    }

    void versionByModelNamesTheModelSpecificRule()
    {
        const QJsonObject doc = json({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("version,model")}).object();
        const QJsonArray flagged = doc[QLatin1String("model_specific_rules")].toArray();
        QCOMPARE(flagged.size(), 1);
        const QJsonObject r1 = flagged[0].toObject();
        QCOMPARE(r1[QLatin1String("rule")].toString(), QStringLiteral("R1"));
        QCOMPARE(r1[QLatin1String("helps_models")].toArray(), strings({QStringLiteral("model-a")}));
        QCOMPARE(r1[QLatin1String("hurts_models")].toArray(), strings({QStringLiteral("model-b")}));
        const QJsonObject a = byKey(r1[QLatin1String("by_model")].toArray(), "model", QStringLiteral("model-a"));
        QCOMPARE(a[QLatin1String("with")].toObject()[QLatin1String("successes")].toInt(), 8);
        QCOMPARE(a[QLatin1String("without")].toObject()[QLatin1String("failures")].toInt(), 8);
        QVERIFY(std::abs(a[QLatin1String("p_helps")].toDouble() - 2126.0 / 184756.0) < 1e-9);
        QCOMPARE(a[QLatin1String("workflows")].toArray(), strings({QStringLiteral("refund_order")}));

        // Either order, and text: every cell with its interval, then the flagged rule.
        const auto text = cli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("model,version")});
        QCOMPARE(text.exitCode, 0);
        const QString out = QString::fromUtf8(text.out);
        QVERIFY2(out.contains(QLatin1String("version 1\tmodel-a\t21 runs\t11 ok\t9 failed\t55.0% [34.2-74.2%]")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("model-specific rules")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("R1\thelps model-a (20.0% -> 80.0%, p = 0.0115), hurts model-b (80.0% -> 20.0%, "
                                            "p = 0.0115)\tIn refund_order, read the whole order back before refunding.")),
                 qPrintable(out));
        QVERIFY(!out.contains(QLatin1String("R2\t")));
    }

    void byRuleSaysWhichRuleIsModelSpecific()
    {
        const QJsonArray rules = json({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("rule")}).array();
        QCOMPARE(rules.size(), 3);
        const QJsonObject r1 = byKey(rules, "rule", QStringLiteral("R1"));
        QVERIFY(r1[QLatin1String("model_specific")].toBool());
        // Every success under a version holding it: v1 (11 a, 5 b), v2 (10, 11), v3 (2, 0).
        QCOMPARE(r1[QLatin1String("helpful")].toInt(), 11 + 5 + 10 + 11 + 2 + 0);
        const QJsonObject r2 = byKey(rules, "rule", QStringLiteral("R2"));
        QVERIFY(!r2[QLatin1String("model_specific")].toBool());
        QCOMPARE(r2[QLatin1String("helps_models")].toArray(),
                 strings({QStringLiteral("model-a"), QStringLiteral("model-b")}));
        QVERIFY(r2[QLatin1String("hurts_models")].toArray().isEmpty());
        QVERIFY(!byKey(rules, "rule", QStringLiteral("R3"))[QLatin1String("model_specific")].toBool());

        const QString text = QString::fromUtf8(cli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("rule")}).out);
        QCOMPARE(text.count(QLatin1String("model-specific:")), 1);
        QVERIFY2(text.contains(QLatin1String("refunding.\n\tmodel-specific: helps model-a")), qPrintable(text));
    }

    void theOtherModesStillWork()
    {
        const QJsonArray versions = json({QStringLiteral("stats")}).array();
        QCOMPARE(versions.size(), 4);
        QCOMPARE(versions[1].toObject()[QLatin1String("version")].toString(), QStringLiteral("1"));
        QCOMPARE(versions[1].toObject()[QLatin1String("runs")].toInt(), 41);
        const QJsonArray models = json({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("model")}).array();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject()[QLatin1String("model")].toString(), QStringLiteral("model-a"));
        const auto bad = cli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("version,rule")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("--by takes"));
    }

    // The remedy: scope the rule to the model it helps, from the command line.
    void proposeScopedToModels()
    {
        const QJsonObject proposed =
            json({QStringLiteral("propose"), QStringLiteral("--author"), QStringLiteral("lee"), QStringLiteral("--op"),
                  QStringLiteral("edit"), QStringLiteral("--rule"), QStringLiteral("R1"), QStringLiteral("--text"),
                  QStringLiteral("In refund_order, read the whole order back before refunding."),
                  QStringLiteral("--workflow"), QStringLiteral("refund_order"), QStringLiteral("--model"),
                  QStringLiteral("model-a"), QStringLiteral("--models"), QStringLiteral("model-c, model-d")})
                .object();
        const qint64 id = proposed[QLatin1String("id")].toInteger();
        QVERIFY(id > 0);
        // The reviewer's list shows the models the proposal is scoped to.
        const QJsonArray listed = json({QStringLiteral("proposals"), QStringLiteral("--json")}).array();
        const auto mine = std::find_if(listed.begin(), listed.end(), [&](const QJsonValue &v) {
            return v.toObject()[QLatin1String("id")].toInteger() == id;
        });
        QVERIFY(mine != listed.end());
        QCOMPARE(mine->toObject()[QLatin1String("scope")].toObject()[QLatin1String("models")].toArray(),
                 strings({QStringLiteral("model-a"), QStringLiteral("model-c"), QStringLiteral("model-d")}));
        // A scope change is high-stakes: one approval is not enough.
        const QJsonObject first = json({QStringLiteral("approve"), QString::number(id), QStringLiteral("--reviewer"),
                                        QStringLiteral("dana"), QStringLiteral("--reason"), QStringLiteral("model-specific")})
                                      .object();
        QCOMPARE(first[QLatin1String("outcome")].toString(), QStringLiteral("awaiting_approvals"));
        const auto second = cli({QStringLiteral("approve"), QString::number(id), QStringLiteral("--reviewer"),
                                 QStringLiteral("sam"), QStringLiteral("--reason"), QStringLiteral("model-specific")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const QString md = QString::fromUtf8(cli({QStringLiteral("playbook")}).out);
        QVERIFY2(md.contains(QLatin1String("_(workflows: refund_order; models: model-a, model-c, model-d; high stakes)_")), qPrintable(md));
        const QJsonObject pb = QJsonDocument::fromJson(cli({QStringLiteral("playbook"), QStringLiteral("--format"),
                                                            QStringLiteral("json")}).out).object();
        const QJsonObject r1 = pb[QLatin1String("rules")].toArray()[0].toObject();
        QCOMPARE(r1[QLatin1String("scope")].toObject()[QLatin1String("models")].toArray(),
                 strings({QStringLiteral("model-a"), QStringLiteral("model-c"), QStringLiteral("model-d")}));
        const auto verify = cli({QStringLiteral("verify")});
        QVERIFY2(verify.exitCode == 0, verify.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestStatsPortabilityCli)
#include "tst_stats_portability_cli.moc"
