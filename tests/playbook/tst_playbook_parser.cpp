// parsePlaybook on files people write by hand (AGENTS.md-style bullet lists) and on JSON, and
// the errors it gives for files it cannot read.

#include "core/model/Error.h"
#include "core/playbook/ManagedBlock.h"
#include "core/playbook/PlaybookParser.h"
#include "core/playbook/Render.h"

#include "PlaybookTestRules.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QStringList>
#include <QTest>

using namespace reverie;
using namespace reverie::playbook;
using reverie::test::makeRule;

namespace {

// "text|id:text|..." so a table row can say what comes out in one string.
QString summary(const std::vector<Rule> &rules)
{
    QStringList parts;
    for (const Rule &r : rules)
        parts << (r.id.isEmpty() ? r.text : r.id + QLatin1Char(':') + r.text);
    return parts.join(QLatin1Char('|'));
}

QByteArray readFixture(const QString &name)
{
    QFile f(test::fixture(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

} // namespace

class TestPlaybookParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void markdown_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dash bullets") << QByteArray("- a\n- b\n") << QStringLiteral("a|b");
        QTest::newRow("every marker") << QByteArray("* a\n+ b\n1. c\n2) d\n-\tf\n") << QStringLiteral("a|b|c|d|f");
        QTest::newRow("indented continuation")
            << QByteArray("- first line\n  continued here\n- b\n") << QStringLiteral("first line continued here|b");
        QTest::newRow("lazy continuation") << QByteArray("- a\nstill a\n") << QStringLiteral("a still a");
        QTest::newRow("headings and paragraphs")
            << QByteArray("# Title\n\nSome prose.\nMore prose.\n\n## Rules\n- a\n") << QStringLiteral("a");
        QTest::newRow("heading ends a bullet") << QByteArray("- a\n## Next\n- b\n") << QStringLiteral("a|b");
        QTest::newRow("nested bullets") << QByteArray("- a\n  - b\n    1. c\n") << QStringLiteral("a|b|c");
        QTest::newRow("one-line comment") << QByteArray("<!-- - hidden -->\n- a\n") << QStringLiteral("a");
        QTest::newRow("multi-line comment") << QByteArray("- a\n<!--\n- hidden\n-->\n- b\n") << QStringLiteral("a|b");
        QTest::newRow("code fence") << QByteArray("- a\n```\n- code\n```\n~~~~\n- more\n~~~~\n- b\n")
                                    << QStringLiteral("a|b");
        QTest::newRow("front matter") << QByteArray("---\ntitle: x\n- y\n---\n- a\n") << QStringLiteral("a");
        QTest::newRow("thematic breaks") << QByteArray("- a\n---\n* * *\n- b\n") << QStringLiteral("a|b");
        QTest::newRow("task list") << QByteArray("- [ ] a\n- [x] b\n") << QStringLiteral("a|b");
        QTest::newRow("bold lead-in is text") << QByteArray("- **Never** push to main.\n")
                                              << QStringLiteral("**Never** push to main.");
        QTest::newRow("id-like lead-in is an id") << QByteArray("- **SEC-4** Rotate keys.\n")
                                                  << QStringLiteral("SEC-4:Rotate keys.");
        QTest::newRow("backslash escapes") << QByteArray("- run\\_tests \\*now\\* C:\\dir\n")
                                           << QStringLiteral("run_tests *now* C:\\dir");
        QTest::newRow("entities") << QByteArray("- a &amp; b &lt;c&gt; &#233; &#x1F680; R&D;\n")
                                  << QStringLiteral("a & b <c> é 🚀 R&D;");
        QTest::newRow("crlf") << QByteArray("- a\r\n- b\r\n") << QStringLiteral("a|b");
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF- a\n") << QStringLiteral("a");
        QTest::newRow("not bullets") << QByteArray("-no space\n*emphasis*\n- a\n") << QStringLiteral("a");
        QTest::newRow("tables and quotes") << QByteArray("| a | b |\n|---|---|\n> - quoted\n- a\n")
                                           << QStringLiteral("a");
        QTest::newRow("paragraph after blank line") << QByteArray("- a\n\nProse after the list.\n")
                                                    << QStringLiteral("a");
        QTest::newRow("empty bullets skipped") << QByteArray("-\n- a\n- \n") << QStringLiteral("a");
        QTest::newRow("unknown suffix is text") << QByteArray("- Read it _(see the runbook)_\n")
                                                << QStringLiteral("Read it _(see the runbook)_");
    }

    void markdown()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QCOMPARE(summary(parsePlaybook(content, QStringLiteral("AGENTS.md"))), expected);
    }

    void scopeSuffixOnHandWrittenBullet()
    {
        const std::vector<Rule> rules = parsePlaybook(
            "- Ask first. _(workflows: refunds, billing; tools: issue_refund; high stakes)_\n", QStringLiteral("x.md"));
        QCOMPARE(rules.size(), std::size_t(1));
        QVERIFY(test::samePublished(rules[0], makeRule(QString(), QStringLiteral("Ask first."),
                                                       {QStringLiteral("refunds"), QStringLiteral("billing")},
                                                       {QStringLiteral("issue_refund")}, Stakes::High)));
    }

    void handWrittenFixture()
    {
        const std::vector<Rule> rules = parsePlaybook(readFixture(QStringLiteral("playbook/AGENTS.md")),
                                                      QStringLiteral("AGENTS.md"));
        const QStringList expected = {
            QStringLiteral("Run `run_tests` before every deploy; never deploy a red build."),
            QStringLiteral("**Never** set `force` on issue_refund calls."),
            QStringLiteral("Ask a human before touching production databases, and say which tables you will change."),
            QStringLiteral("Keep PR descriptions short & factual."),
            QStringLiteral("Use 4-space indentation in Python."),
            QStringLiteral("Prefer small functions over clever ones."),
            QStringLiteral("R7:Check the changelog before tagging."),
            QStringLiteral("Update the docs when a flag changes."),
            QStringLiteral("Nested bullets are rules of their own."),
        };
        QCOMPARE(summary(rules), expected.join(QLatin1Char('|')));
        const Rule &r7 = rules[6];
        QCOMPARE(r7.scope.workflows, QStringList{QStringLiteral("release")});
        QCOMPARE(r7.scope.tools, QStringList{QStringLiteral("git_tag")});
        QCOMPARE(r7.stakes, Stakes::High);
        for (const Rule &r : rules) {
            if (&r != &r7)
                QVERIFY(r.scope.isGlobal() && r.stakes == Stakes::Low && r.id.isEmpty());
        }
    }

    void jsonWithTextOnly()
    {
        const std::vector<Rule> rules = parsePlaybook(readFixture(QStringLiteral("playbook/rules_only_text.json")),
                                                      QStringLiteral("rules_only_text.json"));
        QCOMPARE(summary(rules), QStringLiteral("Run run_tests before deploy.|Never set force on issue_refund.|"
                                                "Plain strings are rules too."));
        QCOMPARE(rules[1].stakes, Stakes::High);
        QVERIFY(rules[0].id.isEmpty());
    }

    void jsonVariants_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare array") << QByteArray(R"([{"id": "R1", "text": "a"}, {"text": "b"}])")
                                    << QStringLiteral("R1:a|b");
        QTest::newRow("numeric id") << QByteArray(R"([{"id": 12, "text": "a"}])") << QStringLiteral("12:a");
        QTest::newRow("nulls are absent") << QByteArray(R"([{"id": null, "text": "a", "scope": null, "stakes": null}])")
                                          << QStringLiteral("a");
        QTest::newRow("unknown keys ignored") << QByteArray(R"({"version": 2, "rules": [{"text": "a", "x": 1}]})")
                                               << QStringLiteral("a");
    }

    void jsonVariants()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QCOMPARE(summary(parsePlaybook(content, QStringLiteral("p.json"))), expected);
    }

    void jsonDetectedWithoutExtension()
    {
        QCOMPARE(summary(parsePlaybook("  {\"rules\": [\"a\"]}", QStringLiteral("playbook"))), QStringLiteral("a"));
    }

    // A CLAUDE.md Reverie publishes into: the people's own bullets around the block are theirs,
    // only the rules inside it are the playbook.
    void importsOnlyTheManagedBlock_data()
    {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("lf") << QByteArray("\n");
        QTest::newRow("crlf") << QByteArray("\r\n");
    }

    void importsOnlyTheManagedBlock()
    {
        QFETCH(QByteArray, eol);
        const std::vector<Rule> published = {
            makeRule(QStringLiteral("R1"), QStringLiteral("Quote the error message when a tool fails.")),
            makeRule(QStringLiteral("R2"), QStringLiteral("Run the smoke tests before deploy."),
                     {QStringLiteral("deploy_service")}, {}, Stakes::High)};
        QByteArray above = "# Notes\n\n- Use pnpm, never npm.\n- Run `make lint` before commits.\n";
        QByteArray below = "\n## Mine\n\n- Keep PRs small.\n";
        above.replace("\n", eol);
        below.replace("\n", eol);
        const QString hash = QStringLiteral("ab").repeated(32);
        const QByteArray file = placeBlock(placeBlock(above, "- stale\n", {1, hash}) + below,
                                           renderMarkdown(published), {2, hash});
        QVERIFY(file.startsWith(above) && file.endsWith(below));
        const std::vector<Rule> rules = parsePlaybook(file, QStringLiteral("CLAUDE.md"));
        QCOMPARE(rules.size(), published.size());
        for (std::size_t i = 0; i < rules.size(); ++i)
            QVERIFY(test::samePublished(rules[i], published[i]));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");   // the start of the message
        QTest::newRow("json syntax") << QStringLiteral("bad.json")
                                     << QByteArray("{\"rules\": [\n  {\"text\": \"a\"},\n  {\"text\": }\n]}\n")
                                     << QStringLiteral("bad.json:3: invalid JSON");
        QTest::newRow("json number too large")
            << QStringLiteral("big.json") << QByteArray("{\"rules\": [\n  {\"text\": \"a\", \"n\": 1e999}\n]}\n")
            << QStringLiteral("big.json:2: invalid JSON: the number 1e999 is too large");
        QTest::newRow("json truncated") << QStringLiteral("cut.json") << QByteArray("{\"rules\": [{\"text\": \"a\"}")
                                        << QStringLiteral("cut.json:1: invalid JSON");
        QTest::newRow("json rule without text") << QStringLiteral("rules.json")
                                                << QByteArray("[\n  {\"text\": \"ok\"},\n  {\"id\": \"R2\"}\n]\n")
                                                << QStringLiteral("rules.json:3: rule 2: \"text\"");
        QTest::newRow("json bad stakes") << QStringLiteral("s.json")
                                         << QByteArray("{\"rules\": [{\"text\": \"a\", \"stakes\": \"medium\"}]}")
                                         << QStringLiteral("s.json:1: rule 1: \"stakes\"");
        QTest::newRow("json bad scope") << QStringLiteral("s.json")
                                        << QByteArray("[{\"text\": \"a\", \"scope\": {\"tools\": \"deploy\"}}]")
                                        << QStringLiteral("s.json:1: rule 1: \"scope.tools\"");
        QTest::newRow("json empty text") << QStringLiteral("s.json") << QByteArray("[\" \"]")
                                         << QStringLiteral("s.json:1: rule 1: the rule text is empty");
        QTest::newRow("json scalar") << QStringLiteral("n.json") << QByteArray("42")
                                     << QStringLiteral("n.json:1: expected a JSON list");
        QTest::newRow("json without rules") << QStringLiteral("o.json") << QByteArray("{\"version\": 1}")
                                            << QStringLiteral("o.json:1: expected a \"rules\" list");
        QTest::newRow("json too deep") << QStringLiteral("deep.json") << QByteArray(100, '[')
                                       << QStringLiteral("deep.json:1: JSON nested deeper");
        QTest::newRow("json no rules") << QStringLiteral("e.json") << QByteArray("{\"rules\": []}")
                                       << QStringLiteral("e.json: no rules found");
        QTest::newRow("utf-8 in markdown") << QStringLiteral("AGENTS.md") << QByteArray("# T\n\n- ok \xff rule\n")
                                           << QStringLiteral("AGENTS.md:3: invalid UTF-8");
        QTest::newRow("utf-8 in json") << QStringLiteral("p.json") << QByteArray("[\n\"a\xc3\"\n]")
                                       << QStringLiteral("p.json:2: invalid UTF-8");
        QTest::newRow("overlong utf-8") << QStringLiteral("x.md") << QByteArray("- a\xC0\xAF\n")
                                        << QStringLiteral("x.md:1: invalid UTF-8");
        QTest::newRow("encoded surrogate") << QStringLiteral("x.md") << QByteArray("- a\n- \xED\xA0\x80\n")
                                           << QStringLiteral("x.md:2: invalid UTF-8");
        QTest::newRow("truncated utf-8") << QStringLiteral("x.md") << QByteArray("- a\xE2\x82")
                                         << QStringLiteral("x.md:1: invalid UTF-8");
        QTest::newRow("prose only") << QStringLiteral("notes.md") << QByteArray("# Title\n\nJust prose.\n")
                                    << QStringLiteral("notes.md: no rules found");
        QTest::newRow("empty file") << QStringLiteral("empty.md") << QByteArray()
                                    << QStringLiteral("empty.md: no rules found");
        QTest::newRow("unclosed comment") << QStringLiteral("x.md") << QByteArray("- a\n<!-- hide\n- b\n")
                                          << QStringLiteral("x.md:2: HTML comment is never closed");
        QTest::newRow("unclosed fence") << QStringLiteral("x.md") << QByteArray("- a\n\n```\n- b\n")
                                        << QStringLiteral("x.md:3: code block is never closed");
        const QByteArray begin = "<!-- reverie:playbook begin version=3 hash=" + QByteArray("cd").repeated(32) + " -->";
        QTest::newRow("block without end") << QStringLiteral("CLAUDE.md") << "- mine\n\n" + begin + "\n- a\n"
                                           << QStringLiteral("CLAUDE.md:3: the begin marker has no end marker");
        QTest::newRow("marker edited by hand")
            << QStringLiteral("AGENTS.md") << "- mine\n" + begin + "\n- a\n<!-- reverie:playbook ends -->\n"
            << QStringLiteral("AGENTS.md:4: this line mentions \"reverie:playbook\"");
        QTest::newRow("two blocks")
            << QStringLiteral("CLAUDE.md")
            << begin + "\n- a\n<!-- reverie:playbook end -->\n" + begin + "\n- b\n<!-- reverie:playbook end -->\n"
            << QStringLiteral("CLAUDE.md:4: a second Reverie block");
        QTest::newRow("error inside the block names the file's line")
            << QStringLiteral("CLAUDE.md")
            << "# Mine\n\n- x\n\n" + begin + "\n- a\n<!-- hidden\n<!-- reverie:playbook end -->\n"
            << QStringLiteral("CLAUDE.md:7: HTML comment is never closed");
        QTest::newRow("invalid UTF-8 inside the block")
            << QStringLiteral("CLAUDE.md")
            << "- \xff mine\n" + begin + "\n- a\n- b \xc3\n<!-- reverie:playbook end -->\n"
            << QStringLiteral("CLAUDE.md:4: invalid UTF-8 (byte offset 129)");
        QTest::newRow("empty block") << QStringLiteral("CLAUDE.md")
                                     << "- mine\n" + begin + "\n<!-- reverie:playbook end -->\n"
                                     << QStringLiteral("CLAUDE.md: no rules found");
    }

    void badInput()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        try {
            const std::vector<Rule> rules = parsePlaybook(content, fileName);
            QFAIL(qPrintable(QStringLiteral("parsed %1 rule(s): %2").arg(rules.size()).arg(summary(rules))));
        } catch (const Error &e) {
            QVERIFY2(e.message().startsWith(expected), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestPlaybookParser)
#include "tst_playbook_parser.moc"
