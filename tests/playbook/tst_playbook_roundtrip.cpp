// What renderMarkdown and renderJson write, parsePlaybook reads back identically; and rule text,
// which is untrusted, cannot inject headings, HTML or extra rules into the published Markdown.

#include "core/playbook/PlaybookParser.h"
#include "core/playbook/Render.h"

#include "PlaybookTestRules.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace reverie;
using namespace reverie::playbook;
using reverie::test::makeRule;

namespace {

QString describe(const Rule &r)
{
    return QStringLiteral("id=[%1] text=[%2] workflows=[%3] tools=[%4] stakes=%5")
        .arg(r.id, r.text, r.scope.workflows.join(QLatin1Char('|')), r.scope.tools.join(QLatin1Char('|')),
             stakesName(r.stakes));
}

// Empty when `parsed` carries exactly what `rules` published, else what differs.
QString compareRules(const std::vector<Rule> &rules, const std::vector<Rule> &parsed)
{
    if (rules.size() != parsed.size())
        return QStringLiteral("%1 rules rendered, %2 read back").arg(rules.size()).arg(parsed.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!test::samePublished(rules[i], parsed[i]))
            return QStringLiteral("rule %1\n  wrote %2\n  read  %3").arg(i).arg(describe(rules[i]), describe(parsed[i]));
    }
    return QString();
}

QString roundTripMarkdown(const std::vector<Rule> &rules)
{
    try {
        return compareRules(rules, parsePlaybook(renderMarkdown(rules), QStringLiteral("AGENTS.md")));
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

// The structure a Markdown reader sees: one bullet line per rule at column 0, every other line
// of a rule indented under it, no heading but the title and no raw HTML anywhere.
QString checkStructure(const QByteArray &md, int ruleCount)
{
    const QList<QByteArray> lines = md.split('\n');
    int bullets = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray &l = lines[i];
        if (l.startsWith("- "))
            ++bullets;
        else if (bullets > 0 && !l.startsWith("  ") && !(i == lines.size() - 1 && l.isEmpty()))
            return QStringLiteral("line %1 leaves its bullet: %2").arg(i + 1).arg(QString::fromUtf8(l));
        if (i > 0 && l.trimmed().startsWith('#') && !l.trimmed().startsWith("\\#"))
            return QStringLiteral("line %1 could be a heading").arg(i + 1);
        for (qsizetype at = l.indexOf('<'); at >= 0; at = l.indexOf('<', at + 1)) {
            if (at == 0 || l[at - 1] != '\\')
                return QStringLiteral("line %1 has raw '<'").arg(i + 1);
        }
        if (l.contains('\r'))
            return QStringLiteral("line %1 has a carriage return").arg(i + 1);
    }
    return bullets == ruleCount ? QString() : QStringLiteral("%1 bullets for %2 rules").arg(bullets).arg(ruleCount);
}

} // namespace

class TestPlaybookRoundTrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typicalPlaybook()
    {
        const std::vector<Rule> rules = {
            makeRule(QStringLiteral("R1"), QStringLiteral("Run run_tests before deploy.")),
            makeRule(QStringLiteral("R2"), QStringLiteral("Never set force on issue_refund."),
                     {QStringLiteral("refunds")}, {QStringLiteral("issue_refund")}, Stakes::High),
            makeRule(QStringLiteral("R3"), QStringLiteral("Prefer small, reviewable changes (under 200 lines)."),
                     {QStringLiteral("deploy_service"), QStringLiteral("release")}),
            makeRule(QStringLiteral("R4"), QStringLiteral("Ask first."), {}, {}, Stakes::High),
            makeRule(QStringLiteral("R12"), QStringLiteral("Prüfe die Änderungen 🚀 — 先测试。"), {},
                     {QStringLiteral("deploy")}),
        };
        QCOMPARE(roundTripMarkdown(rules), QString());
        QCOMPARE(checkStructure(renderMarkdown(rules), int(rules.size())), QString());

        PlaybookVersion v;
        v.number = 5;
        v.hash = QStringLiteral("abc");
        v.rules = rules;
        QCOMPARE(compareRules(rules, parsePlaybook(renderJson(v), QStringLiteral("playbook.json"))), QString());
    }

    void injection_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("heading") << QStringLiteral("# Heading");
        QTest::newRow("script") << QStringLiteral("<script>alert(1)</script>");
        QTest::newRow("fake rule after newline") << QStringLiteral("Line one\n- fake rule");
        QTest::newRow("fake id") << QStringLiteral("**R9** impersonates an id");
        QTest::newRow("fake scope") << QStringLiteral("Looks scoped _(workflows: evil; high stakes)_");
        QTest::newRow("ends with backslash") << QStringLiteral("Ends with a backslash\\");
        QTest::newRow("ordered list") << QStringLiteral("1. looks like a list");
        QTest::newRow("bullet") << QStringLiteral("- starts like a bullet");
        QTest::newRow("quote") << QStringLiteral("> quoted");
        QTest::newRow("fence") << QStringLiteral("```\ncode fence\n```");
        QTest::newRow("comment") << QStringLiteral("<!-- hide the rest");
        QTest::newRow("links") << QStringLiteral("[link](javascript:alert(1)) and ![img](x) <http://x>");
        QTest::newRow("entities") << QStringLiteral("&lt;b&gt; &amp; &#60; &#x3C; &copy;");
        QTest::newRow("blank line then heading") << QStringLiteral("a\n\n# Heading after a blank line");
        QTest::newRow("trailing newlines") << QStringLiteral("trailing newlines\n\n");
        QTest::newRow("leading newline") << QStringLiteral("\n leading newline");
        QTest::newRow("edge spaces") << QStringLiteral("  spaces at both ends  ");
        QTest::newRow("tabs and crlf") << QStringLiteral("\ttab\there and CR\r\nLF\r");
        QTest::newRow("table") << QStringLiteral("| table | row |\n|---|---|");
        QTest::newRow("setext") << QStringLiteral("Setext\n====");
        QTest::newRow("thematic") << QStringLiteral("***\n___\n---");
        QTest::newRow("escapes") << QStringLiteral("\\*escaped\\* and \\\\ backslashes \\");
        QTest::newRow("line separators") << QStringLiteral("one\u2028two\u2029three\u0085four\vfive\ff");
        QTest::newRow("markup") << QStringLiteral("_under_ *star* __strong__ ~~strike~~ `code` run_tests _x");
        QTest::newRow("html block") << QStringLiteral("x\n<div>\n\n</div>");
        QTest::newRow("indented code") << QStringLiteral("x\n\n    indented code");
        QTest::newRow("only newline") << QStringLiteral("\n");
    }

    void injection()
    {
        QFETCH(QString, text);
        for (const QString &id : {QStringLiteral("R1"), QString()}) {
            const std::vector<Rule> rules = {
                makeRule(id, text, {QStringLiteral("deploy_service")}, {}, Stakes::High),
                makeRule(id.isEmpty() ? QString() : QStringLiteral("R2"), QStringLiteral("Second rule.")),
            };
            const QByteArray md = renderMarkdown(rules);
            QVERIFY2(checkStructure(md, 2).isEmpty(), qPrintable(checkStructure(md, 2) + QLatin1Char('\n') + QString::fromUtf8(md)));
            QVERIFY2(roundTripMarkdown(rules).isEmpty(), qPrintable(roundTripMarkdown(rules) + QLatin1Char('\n') + QString::fromUtf8(md)));
        }
    }

    // Rule text, ids and scope names drawn from the characters Markdown cares about.
    void randomRulesRoundTrip()
    {
        const QStringList pieces = {
            QStringLiteral("a"), QStringLiteral("word"), QStringLiteral(" "), QStringLiteral("  "),
            QStringLiteral("\n"), QStringLiteral("\t"), QStringLiteral("\r"), QStringLiteral("\\"),
            QStringLiteral("*"), QStringLiteral("**"), QStringLiteral("_"), QStringLiteral("_("),
            QStringLiteral(")_"), QStringLiteral("`"), QStringLiteral("["), QStringLiteral("]"),
            QStringLiteral("<"), QStringLiteral(">"), QStringLiteral("&"), QStringLiteral("&amp;"),
            QStringLiteral("&#10;"), QStringLiteral("#"), QStringLiteral("-"), QStringLiteral("+"),
            QStringLiteral("="), QStringLiteral("1."), QStringLiteral("2)"), QStringLiteral("|"),
            QStringLiteral("~"), QStringLiteral("!"), QStringLiteral(","), QStringLiteral(";"),
            QStringLiteral(":"), QStringLiteral("("), QStringLiteral(")"), QStringLiteral("é"),
            QStringLiteral("🚀"), QStringLiteral("\u2028"), QStringLiteral("\u00A0"), QStringLiteral("<!--"),
            QStringLiteral("workflows:"), QStringLiteral("high stakes"), QStringLiteral("\x01"), QStringLiteral("\x7f"),
        };
        QRandomGenerator rng(424242);
        auto soup = [&](int maxPieces) {
            QString s;
            const int n = 1 + int(rng.bounded(maxPieces));
            for (int i = 0; i < n; ++i)
                s += pieces[int(rng.bounded(int(pieces.size())))];
            return s;
        };
        for (int round = 0; round < 300; ++round) {
            std::vector<Rule> rules;
            const int count = 1 + int(rng.bounded(4));
            for (int k = 0; k < count; ++k) {
                Rule r = makeRule(rng.bounded(3) == 0 ? QString() : soup(3), soup(12));
                if (r.text.trimmed().isEmpty())
                    r.text += QLatin1Char('x');   // blank rules are refused on import, by design
                for (int w = int(rng.bounded(3)); w > 0; --w)
                    r.scope.workflows << soup(3);
                for (int t = int(rng.bounded(3)); t > 0; --t)
                    r.scope.tools << soup(3);
                r.stakes = rng.bounded(2) ? Stakes::High : Stakes::Low;
                rules.push_back(r);
            }
            const QByteArray md = renderMarkdown(rules);
            const QString structure = checkStructure(md, count);
            const QString roundTrip = roundTripMarkdown(rules);
            if (!structure.isEmpty() || !roundTrip.isEmpty())
                QFAIL(qPrintable(QStringLiteral("round %1: %2%3\n%4").arg(round).arg(structure, roundTrip,
                                                                                    QString::fromUtf8(md))));
            PlaybookVersion v;
            v.rules = rules;
            const QString json = compareRules(rules, parsePlaybook(renderJson(v), QStringLiteral("p.json")));
            if (!json.isEmpty())
                QFAIL(qPrintable(QStringLiteral("round %1 (JSON): %2").arg(round).arg(json)));
        }
    }

    // Importing a hand-written file and publishing it gives a file that imports the same.
    void handWrittenFileSurvivesPublishing()
    {
        QFile f(test::fixture(QStringLiteral("playbook/AGENTS.md")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::vector<Rule> imported = parsePlaybook(f.readAll(), QStringLiteral("AGENTS.md"));
        const QByteArray published = renderMarkdown(imported);
        QCOMPARE(compareRules(imported, parsePlaybook(published, QStringLiteral("AGENTS.md"))), QString());
        QCOMPARE(renderMarkdown(parsePlaybook(published, QStringLiteral("AGENTS.md"))), published);
    }
};

QTEST_GUILESS_MAIN(TestPlaybookRoundTrip)
#include "tst_playbook_roundtrip.moc"
