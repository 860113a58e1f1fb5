// The pure text functions of the dream pass: error gists, tool arguments, reviewers' notes,
// and how rule texts compare. Data-driven.

#include "core/dream/Lesson.h"
#include "core/dream/RuleText.h"
#include "core/dream/StepSignatures.h"

#include <QTest>

using namespace reverie;
using namespace reverie::dream;

class TestDreamText : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void errorSignatures_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("signature");
        QTest::newRow("prefix and clause") << QStringLiteral("error: lock timeout on table invoices")
                                           << QStringLiteral("lock timeout on table invoices");
        QTest::newRow("ids masked") << QStringLiteral("Error: not enough seats on flight HAT290")
                                    << QStringLiteral("not enough seats on flight #");
        QTest::newRow("cut at comma") << QStringLiteral("Error: payment amount does not add up, total price is 305")
                                      << QStringLiteral("payment amount does not add up");
        QTest::newRow("cut at colon") << QStringLiteral("rollout failed: health check returned 500 on /v1/invoices")
                                      << QStringLiteral("rollout failed");
        QTest::newRow("numbers merge") << QStringLiteral("ERROR - lock timeout after 5000 ms")
                                       << QStringLiteral("lock timeout after # ms");
        QTest::newRow("twice prefixed") << QStringLiteral("Error: error: Disk full.") << QStringLiteral("disk full");
        QTest::newRow("only numbers") << QStringLiteral("error: 500") << QStringLiteral("error");
        QTest::newRow("empty") << QString() << QStringLiteral("error");
        QTest::newRow("eight words at most")
            << QStringLiteral("one two three four five six seven eight nine ten") << QStringLiteral("one two three four five six seven eight");
        QTest::newRow("quotes dropped") << QStringLiteral("file 'config.yaml' not found") << QStringLiteral("file config.yaml not found");
    }
    void errorSignatures()
    {
        QFETCH(QString, text);
        QFETCH(QString, signature);
        std::string out;
        const QByteArray utf8 = text.toUtf8();
        errorSignature(std::string_view(utf8.constData(), std::size_t(utf8.size())), out);
        QCOMPARE(QString::fromStdString(out), signature);
    }

    void looksLikeError_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("error");
        QTest::newRow("Error:") << QStringLiteral("Error: flight not found") << true;
        QTest::newRow("indented") << QStringLiteral("  error - timeout") << true;
        QTest::newRow("traceback") << QStringLiteral("Traceback (most recent call last):") << true;
        QTest::newRow("prose") << QStringLiteral("errors were found and fixed") << false;
        QTest::newRow("word inside") << QStringLiteral("no error here") << false;
        QTest::newRow("json") << QStringLiteral("{\"status\": \"ok\"}") << false;
    }
    void looksLikeError()
    {
        QFETCH(QString, text);
        QFETCH(bool, error);
        const QByteArray utf8 = text.toUtf8();
        QCOMPARE(dream::looksLikeError(std::string_view(utf8.constData(), std::size_t(utf8.size()))), error);
    }

    void scalarArguments_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("flat") << QStringLiteral("{\"amount\":42.5,\"force\":true,\"order_id\":88101}")
                              << QStringList{QStringLiteral("amount=42.5"), QStringLiteral("force=true"), QStringLiteral("order_id=88101")};
        QTest::newRow("strings unquoted") << QStringLiteral("{ \"env\" : \"production\", \"note\": null }")
                                          << QStringList{QStringLiteral("env=production"), QStringLiteral("note=null")};
        QTest::newRow("nested skipped") << QStringLiteral("{\"flights\":[{\"n\":\"HAT1\"}],\"cabin\":\"economy\",\"pax\":{\"a\":1}}")
                                        << QStringList{QStringLiteral("cabin=economy")};
        QTest::newRow("escaped quote") << QStringLiteral("{\"q\":\"say \\\"hi\\\"\",\"k\":1}")
                                       << QStringList{QStringLiteral("q=say \\\"hi\\\""), QStringLiteral("k=1")};
        QTest::newRow("long value skipped") << QStringLiteral("{\"text\":\"%1\",\"ok\":false}").arg(QString(60, QLatin1Char('x')))
                                            << QStringList{QStringLiteral("ok=false")};
        QTest::newRow("truncated") << QStringLiteral("{\"a\":1,\"b\":\"unfinish") << QStringList{QStringLiteral("a=1")};
        QTest::newRow("not an object") << QStringLiteral("run the tests") << QStringList{};
        QTest::newRow("array") << QStringLiteral("[1,2]") << QStringList{};
    }
    void scalarArguments()
    {
        QFETCH(QString, json);
        QFETCH(QStringList, args);
        QStringList got;
        const QByteArray utf8 = json.toUtf8();
        forEachScalarArg(std::string_view(utf8.constData(), std::size_t(utf8.size())), [&](std::string_view k, std::string_view v) {
            got << QString::fromUtf8(k.data(), qsizetype(k.size())) + QLatin1Char('=') + QString::fromUtf8(v.data(), qsizetype(v.size()));
        });
        QCOMPARE(got, args);
    }

    void notesAsConstraints_data()
    {
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("imperative");
        QTest::newRow("never") << QStringLiteral("Never deploy without running the smoke tests first.")
                               << QStringLiteral("never deploy without running the smoke tests first.");
        QTest::newRow("do not") << QStringLiteral("Do not set force on refunds") << QStringLiteral("do not set force on refunds.");
        QTest::newRow("agent should not") << QStringLiteral("The agent should not guess the order id!")
                                          << QStringLiteral("do not guess the order id.");
        QTest::newRow("you must") << QStringLiteral("You must confirm the amount before sending.")
                                  << QStringLiteral("confirm the amount before sending.");
        QTest::newRow("acronym kept") << QStringLiteral("API keys must never be logged.") << QStringLiteral("API keys must never be logged.");
        QTest::newRow("no constraint") << QStringLiteral("Wrong flight booked.") << QString();
        QTest::newRow("incident") << QStringLiteral("Infra incident INC-4821, unrelated to the agent.") << QString();
        QTest::newRow("blank") << QStringLiteral("  ") << QString();
    }
    void notesAsConstraints()
    {
        QFETCH(QString, note);
        QFETCH(QString, imperative);
        QCOMPARE(constraintFromNote(note), imperative);
    }

    void ruleGists()
    {
        const RuleGist a = ruleGist(QStringLiteral("In refund_order, do not call issue_refund with force=true."));
        QCOMPARE(a.workflow, QStringLiteral("refund_order"));
        QVERIFY(a.negated);
        QCOMPARE(a.core, QStringLiteral("call issue_refund with force=true"));
        const RuleGist b = ruleGist(QStringLiteral("In refund_order, call issue_refund with force=true."));
        QVERIFY(!b.negated);
        QCOMPARE(b.core, a.core);
        QCOMPARE(similarity(a, b), 1.0);
        const RuleGist c = ruleGist(QStringLiteral("Never call issue_refund with force=true!"));
        QVERIFY(c.negated);
        QVERIFY(c.workflow.isEmpty());
        QCOMPARE(c.core, a.core);
        QVERIFY(similarity(a, ruleGist(QStringLiteral("Greet the customer by name."))) < 0.2);
    }

    void readableErrors()
    {
        QCOMPARE(readableError(QStringLiteral("lock timeout after # ms")), QStringLiteral("lock timeout after \u2026 ms"));
    }
};

QTEST_GUILESS_MAIN(TestDreamText)
#include "tst_dream_text.moc"
