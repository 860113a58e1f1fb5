// Reverie's managed block in files people also write (CLAUDE.md, AGENTS.md, Cursor .mdc): put in,
// replaced and read back without touching a byte of theirs; refused when broken; and its marker
// found again in text that quoted the published file.

#include "core/model/Error.h"
#include "core/playbook/ManagedBlock.h"
#include "core/playbook/Render.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace reverie;
using namespace reverie::playbook;

namespace {

const QByteArray kHash = QByteArray("0123456789abcdef").repeated(4);
const QByteArray kRules1 = "# Playbook\n\n- **R1** Run the tests.\n";
const QByteArray kRules2 = "# Playbook\n\n- **R1** Run the tests.\n- **R2** Ask before deleting data.\n";
const QByteArray kHandWritten = "# Project\n\nUse pnpm, never npm. Run `make lint` before commits.\n";
const QByteArray kEnd = "<!-- reverie:playbook end -->";
const QByteArray kBom = "\xEF\xBB\xBF";

BlockMarker marker(int version) { return BlockMarker{version, QString::fromLatin1(kHash)}; }

QByteArray beginLine(int version, const QByteArray &hash = kHash)
{
    return "<!-- reverie:playbook begin version=" + QByteArray::number(version) + " hash=" + hash + " -->";
}

// The block spelled out by hand, so the tests pin the format instead of echoing renderBlock.
QByteArray block(const QByteArray &rules = kRules1, int version = 1, const QByteArray &eol = "\n")
{
    QByteArray body = rules;
    body.replace("\n", eol);
    return beginLine(version) + eol + body + kEnd + eol;
}

QByteArray crlf(QByteArray text) { return text.replace("\n", "\r\n"); }

// The line a BlockError names, or 0 when `f` does not throw one.
template <typename F>
int blockErrorLine(F f, QString *message = nullptr)
{
    try {
        f();
    } catch (const BlockError &e) {
        if (message)
            *message = e.message();
        return e.line();
    }
    return 0;
}

PlaybookVersion version(int number)
{
    PlaybookVersion v;
    v.number = number;
    v.hash = QString::fromLatin1(kHash);
    Rule r;
    r.id = QStringLiteral("R1");
    r.text = QStringLiteral("Say \"no\" to force pushes.");
    v.rules = {r};
    return v;
}

QString quoted(const QString &text, const char *key = "system")
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QLatin1String(key), text}}).toJson(QJsonDocument::Compact));
}

} // namespace

class TestManagedBlock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void renderBlock_data()
    {
        QTest::addColumn<QByteArray>("rendered");
        QTest::addColumn<QByteArray>("eol");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("lf") << kRules1 << QByteArray("\n") << block(kRules1, 1);
        QTest::newRow("crlf") << kRules1 << QByteArray("\r\n") << block(kRules1, 1, "\r\n");
        QTest::newRow("crlf rendered into lf") << QByteArray("- a\r\n- b\r\n") << QByteArray("\n")
                                               << block("- a\n- b\n", 1);
        QTest::newRow("no final newline") << QByteArray("- a") << QByteArray("\n") << block("- a\n", 1);
        QTest::newRow("empty") << QByteArray() << QByteArray("\r\n") << beginLine(1) + "\r\n" + kEnd + "\r\n";
        QTest::newRow("rule about the markers")
            << QByteArray("- Keep <!-- reverie:playbook end --> and REVERIE:Playbook as they are.\n")
            << QByteArray("\n")
            << block("- Keep <!-- reverie\\:playbook end --> and REVERIE\\:Playbook as they are.\n", 1);
    }

    void renderBlock()
    {
        QFETCH(QByteArray, rendered);
        QFETCH(QByteArray, eol);
        QFETCH(QByteArray, expected);
        const QByteArray out = playbook::renderBlock(rendered, marker(1), eol);
        QCOMPARE(out, expected);
        QVERIFY(playbook::blockContent(out).has_value());   // whatever the rules say, it reads back
    }

    void renderBlockWritesTheHashInLowerCase()
    {
        const BlockMarker upper{3, QString::fromLatin1(kHash.toUpper())};
        QVERIFY(playbook::renderBlock(kRules1, upper).startsWith(beginLine(3)));
    }

    void renderBlockRefusesAMarkerItCouldNotRead_data()
    {
        QTest::addColumn<int>("number");
        QTest::addColumn<QByteArray>("hash");
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("version 0") << 0 << kHash << QByteArray("\n");
        QTest::newRow("negative version") << -4 << kHash << QByteArray("\n");
        QTest::newRow("short hash") << 1 << kHash.left(63) << QByteArray("\n");
        QTest::newRow("long hash") << 1 << kHash + "0" << QByteArray("\n");
        QTest::newRow("not hex") << 1 << kHash.left(63) + "g" << QByteArray("\n");
        QTest::newRow("no hash") << 1 << QByteArray() << QByteArray("\n");
        QTest::newRow("old mac line end") << 1 << kHash << QByteArray("\r");
    }

    void renderBlockRefusesAMarkerItCouldNotRead()
    {
        QFETCH(int, number);
        QFETCH(QByteArray, hash);
        QFETCH(QByteArray, eol);
        QVERIFY_THROWS_EXCEPTION(Error, playbook::renderBlock(kRules1, {number, QString::fromLatin1(hash)}, eol));
    }

    void firstPublish_data()
    {
        QTest::addColumn<QByteArray>("existing");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray fm = "---\ndescription: Team rules\nglobs: *.ts\nalwaysApply: true\n---\n";
        QTest::newRow("empty file") << QByteArray() << block();
        QTest::newRow("hand-written") << kHandWritten << kHandWritten + "\n" + block();
        QTest::newRow("no final newline") << kHandWritten.chopped(1) << kHandWritten + "\n" + block();
        QTest::newRow("ends with a blank line") << kHandWritten + "\n" << kHandWritten + "\n" + block();
        QTest::newRow("ends with two blank lines") << kHandWritten + "\n\n" << kHandWritten + "\n\n" + block();
        QTest::newRow("blank line of spaces") << QByteArray("x\n  \n") << "x\n  \n" + block();
        QTest::newRow("only a newline") << QByteArray("\n") << "\n" + block();
        QTest::newRow("crlf") << crlf(kHandWritten) << crlf(kHandWritten) + "\r\n" + block(kRules1, 1, "\r\n");
        QTest::newRow("crlf without final newline")
            << crlf(kHandWritten).chopped(2) << crlf(kHandWritten) + "\r\n" + block(kRules1, 1, "\r\n");
        QTest::newRow("only a byte order mark") << kBom << kBom + block();
        QTest::newRow("byte order mark") << kBom + "x\n" << kBom + "x\n\n" + block();
        QTest::newRow("only front matter (.mdc)") << fm << fm + "\n" + block();
        QTest::newRow("front matter without final newline") << fm.chopped(1) << fm + "\n" + block();
        QTest::newRow("front matter and body") << fm + "Prefer hooks.\n" << fm + "Prefer hooks.\n\n" + block();
        QTest::newRow("NULs and invalid UTF-8") << QByteArray("a\0b\xff\xfe\xc3\n", 7)
                                                << QByteArray("a\0b\xff\xfe\xc3\n", 7) + "\n" + block();
    }

    void firstPublish()
    {
        QFETCH(QByteArray, existing);
        QFETCH(QByteArray, expected);
        const QByteArray out = placeBlock(existing, kRules1, marker(1));
        QCOMPARE(out, expected);
        QCOMPARE(placeBlock(out, kRules1, marker(1)), out);   // the same publish again changes nothing
        QCOMPARE(playbook::blockContent(out)->replace("\r\n", "\n"), kRules1);
    }

    void handWrittenTextSurvivesEveryPublish()
    {
        QByteArray file = placeBlock(kHandWritten, kRules1, marker(1));
        QCOMPARE(file, kHandWritten + "\n" + block(kRules1, 1));

        // Someone edits above and below the block between publishes.
        const QByteArray above = kHandWritten + "Never force-push to main.\n\n";
        const QByteArray below = "\n## Local notes\n\nThe staging DB is `stg-2`.";   // no final newline
        file = above + block(kRules1, 1) + below;
        file = placeBlock(file, kRules2, marker(2));
        QCOMPARE(file, above + block(kRules2, 2) + below);

        // A rollback republishes the old rules; the people's text still does not move.
        file = placeBlock(file, kRules1, marker(3));
        QCOMPARE(file, above + block(kRules1, 3) + below);
        QCOMPARE(placeBlock(file, kRules1, marker(3)), file);
        QCOMPARE(*playbook::blockContent(file), kRules1);
    }

    void replaceInPlace_data()
    {
        QTest::addColumn<QByteArray>("existing");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray b1 = block(kRules1, 1);
        const QByteArray b2 = block(kRules2, 2);
        const QByteArray b1c = block(kRules1, 1, "\r\n");
        const QByteArray b2c = block(kRules2, 2, "\r\n");
        QTest::newRow("block in the middle") << "above\n\n" + b1 + "\nbelow\n" << "above\n\n" + b2 + "\nbelow\n";
        QTest::newRow("only the block") << b1 << b2;
        QTest::newRow("no newline after the block") << kHandWritten + "\n" + b1.chopped(1)
                                                    << kHandWritten + "\n" + b2.chopped(1);
        QTest::newRow("crlf file") << crlf(kHandWritten) + "\r\n" + b1c + "Tail\r\n"
                                   << crlf(kHandWritten) + "\r\n" + b2c + "Tail\r\n";
        QTest::newRow("crlf file, no newline after the block")
            << "a\r\n\r\n" + b1c.chopped(2) << "a\r\n\r\n" + b2c.chopped(2);
        // The line end right after the end marker belongs to what follows the block: it stays.
        QTest::newRow("file turned crlf, block still lf")
            << "a\r\n\r\n" + b1 + "b\r\n" << "a\r\n\r\n" + b2c.chopped(2) + "\nb\r\n";
        QTest::newRow("file lf, block crlf") << "a\n\n" + b1c + "b\n" << "a\n\n" + b2.chopped(1) + "\r\nb\n";
        QTest::newRow("markers with spaces, tabs and upper-case hash")
            << "x\n\n  <!--reverie:playbook  begin\tversion=1 hash=" + kHash.toUpper() + "   -->  \nold\n"
                   "\t<!-- reverie:playbook end-->\t\ny\n"
            << "x\n\n" + b2 + "y\n";
        QTest::newRow("byte order mark, block first") << kBom + b1 + "notes\n" << kBom + b2 + "notes\n";
        QTest::newRow("after .mdc front matter") << "---\nalwaysApply: true\n---\n\n" + b1
                                                 << "---\nalwaysApply: true\n---\n\n" + b2;
        QTest::newRow("NULs and invalid UTF-8 around") << QByteArray("\0\xff\n", 3) + b1 + QByteArray("\xc3\0", 2)
                                                       << QByteArray("\0\xff\n", 3) + b2 + QByteArray("\xc3\0", 2);
    }

    void replaceInPlace()
    {
        QFETCH(QByteArray, existing);
        QFETCH(QByteArray, expected);
        const QByteArray out = placeBlock(existing, kRules2, marker(2));
        QCOMPARE(out, expected);
        QCOMPARE(placeBlock(out, kRules2, marker(2)), out);
    }

    void brokenBlock_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        const QByteArray b = beginLine(1);
        QTest::newRow("begin without end") << "a\n" + b + "\n- rule\n" << 2 << QStringLiteral("no end marker");
        QTest::newRow("end without begin") << "a\nb\n" + kEnd + "\n" << 3 << QStringLiteral("without a begin");
        QTest::newRow("two blocks") << b + "\nx\n" + kEnd + "\ntext\n" + b + "\ny\n" + kEnd + "\n" << 5
                                    << QStringLiteral("lines 1-3");
        QTest::newRow("nested begin") << "a\n" + b + "\n" + b + "\n" + kEnd + "\n" << 3
                                      << QStringLiteral("begins on line 2");
        QTest::newRow("end twice") << b + "\n" + kEnd + "\n\n" + kEnd + "\n" << 4 << QStringLiteral("closed");
        QTest::newRow("version missing") << "a\n\n<!-- reverie:playbook begin hash=" + kHash + " -->\n" << 3
                                         << QStringLiteral("not a marker");
        QTest::newRow("version 0") << beginLine(0) + "\n" + kEnd + "\n" << 1 << QStringLiteral("not a marker");
        QTest::newRow("short hash") << beginLine(1, kHash.left(63)) + "\n" + kEnd << 1
                                    << QStringLiteral("not a marker");
        QTest::newRow("long hash") << beginLine(1, kHash + "a") + "\n" + kEnd << 1 << QStringLiteral("not a marker");
        QTest::newRow("text after the marker") << b + "\n" + kEnd + " (do not edit)\n" << 2
                                               << QStringLiteral("not a marker");
        QTest::newRow("renamed end") << b + "\n<!-- reverie:playbook stop -->\n" << 2 << QStringLiteral("not a marker");
        QTest::newRow("case changed") << b + "\n<!-- Reverie:Playbook end -->\n" << 2 << QStringLiteral("not a marker");
        QTest::newRow("prose mentions it") << QByteArray("See the reverie:playbook block.\n") << 1
                                           << QStringLiteral("reword");
        QTest::newRow("crlf, begin without end") << crlf("a\nb\n" + b + "\n") << 3 << QStringLiteral("no end marker");
        QTest::newRow("after a byte order mark") << kBom + "x\n" + kEnd << 2 << QStringLiteral("without a begin");
        QTest::newRow("utf-16") << QByteArray("\xFF\xFE#\0", 4) << 1 << QStringLiteral("UTF-16");
    }

    void brokenBlock()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, says);
        QString message;
        QCOMPARE(blockErrorLine([&] { placeBlock(content, kRules1, marker(1)); }, &message), line);
        QVERIFY2(message.contains(says), qPrintable(message));
        QCOMPARE(blockErrorLine([&] { playbook::blockContent(content); }), line);
        QCOMPARE(blockErrorLine([&] { findBlock(content); }), line);
    }

    void blockContent_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("no block") << kHandWritten << false << QByteArray();
        QTest::newRow("empty file") << QByteArray() << false << QByteArray();
        QTest::newRow("block") << kHandWritten + "\n" + block(kRules2, 2) + "more\n" << true << kRules2;
        QTest::newRow("crlf block") << block(kRules1, 1, "\r\n") << true << crlf(kRules1);
        QTest::newRow("empty block") << beginLine(1) + "\n" + kEnd << true << QByteArray("");
        QTest::newRow("escaped marker word") << block("- Keep reverie\\:playbook markers.\n") << true
                                             << QByteArray("- Keep reverie\\:playbook markers.\n");
    }

    void blockContent()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, found);
        QFETCH(QByteArray, expected);
        const std::optional<QByteArray> inside = playbook::blockContent(content);
        QCOMPARE(inside.has_value(), found);
        if (found)
            QCOMPARE(*inside, expected);
    }

    void blockSpanLines()
    {
        const std::optional<BlockSpan> span = findBlock(kHandWritten + "\n" + block(kRules1, 4) + "tail");
        QVERIFY(span);
        QCOMPARE(span->beginLine, 5);
        QCOMPARE(span->endLine, 9);
        QCOMPARE(span->marker.version, 4);
        QCOMPARE(span->marker.hash, QString::fromLatin1(kHash));
    }

    void findMarker_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("version");   // 0: no marker
        const QString md = QString::fromUtf8(kHandWritten + "\n" + block(kRules1, 12));
        const QString json = QString::fromUtf8(renderJson(version(5)));
        const QString h = QString::fromLatin1(kHash);
        const auto s = [](const char *text) { return QString::fromUtf8(text); };
        QTest::newRow("plain marker") << QStringLiteral("System prompt.\n") + md << 12;
        QTest::newRow("marker with extra spaces")
            << s("x <!--  reverie:playbook  begin  version=8\thash=") + h + s("-->") << 8;
        QTest::newRow("upper-case hash") << s("<!-- reverie:playbook begin version=2 hash=") + h.toUpper() + s(" -->")
                                         << 2;
        QTest::newRow("marker in a JSON string") << quoted(md) << 12;
        QTest::newRow("marker in a JSON string twice") << quoted(quoted(md)) << 12;
        QTest::newRow("marker with \\u003c escapes")
            << s("{\"system\":\"\\u003c!-- reverie:playbook begin version=3 hash=") + h + s(" --\\u003e\\n- a\"}") << 3;
        QTest::newRow("marker html-escaped")
            << s("&lt;!-- reverie:playbook begin version=4 hash=") + h + s(" --&gt;") << 4;
        QTest::newRow("published JSON") << json << 5;
        QTest::newRow("published JSON in a JSON string") << quoted(json, "instructions") << 5;
        QTest::newRow("published JSON quoted twice") << quoted(quoted(json)) << 5;
        QTest::newRow("published JSON with sorted keys")
            << QString::fromUtf8(QJsonDocument::fromJson(json.toUtf8()).toJson(QJsonDocument::Compact)) << 5;
        QTest::newRow("escaped slash")
            << s("{\"format\":\"reverie-playbook\\/1\",\"version\":6,\"hash\":\"") + h + s("\"}") << 6;
        QTest::newRow("JSON before marker")
            << s("{\"format\": \"reverie-playbook/1\", \"hash\": \"") + h + s("\", \"version\": 9}\n") + md << 9;
        QTest::newRow("marker before JSON") << md + json << 12;
        QTest::newRow("bad marker, then a good one")
            << s("<!-- reverie:playbook begin version=1 hash=abc -->\n") + md << 12;
        QTest::newRow("no marker") << s("You are a coding agent.\n- Use pnpm, never npm.\n") << 0;
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("end marker only") << s("<!-- reverie:playbook end -->") << 0;
        QTest::newRow("no comment around it") << s("reverie:playbook begin version=1 hash=") + h << 0;
        QTest::newRow("hash of 63") << s("<!-- reverie:playbook begin version=1 hash=") + h.left(63) + s(" -->") << 0;
        QTest::newRow("hash of 65") << s("<!-- reverie:playbook begin version=1 hash=") + h + s("0 -->") << 0;
        QTest::newRow("hash not hex") << s("<!-- reverie:playbook begin version=1 hash=") + h.left(63) + s("z -->")
                                      << 0;
        QTest::newRow("version 0") << s("<!-- reverie:playbook begin version=0 hash=") + h + s(" -->") << 0;
        QTest::newRow("negative version") << s("<!-- reverie:playbook begin version=-2 hash=") + h + s(" -->") << 0;
        QTest::newRow("version too large")
            << s("<!-- reverie:playbook begin version=12345678901 hash=") + h + s(" -->") << 0;
        QTest::newRow("JSON with a short hash")
            << s("{\"format\": \"reverie-playbook/1\", \"version\": 2, \"hash\": \"") + h.left(40) + s("\"}") << 0;
        QTest::newRow("JSON version 0")
            << s("{\"format\":\"reverie-playbook/1\",\"version\":0,\"hash\":\"") + h + s("\"}") << 0;
        QTest::newRow("JSON version elsewhere")
            << s("{\"p\": {\"format\": \"reverie-playbook/1\", \"hash\": \"") + h + s("\"}, \"version\": 3}") << 0;
        QTest::newRow("JSON fields inside a rule")
            << s("{\"format\":\"reverie-playbook/1\",\"rules\":[{\"version\":1,\"hash\":\"") + h + s("\"}]}") << 0;
        QTest::newRow("JSON of another format")
            << s("{\"format\":\"reverie-playbook/2\",\"version\":2,\"hash\":\"") + h + s("\"}") << 0;
        QTest::newRow("JSON format not a key")
            << s("[\"reverie-playbook/1\", {\"version\": 2, \"hash\": \"") + h + s("\"}]") << 0;
    }

    void findMarker()
    {
        QFETCH(QString, text);
        QFETCH(int, version);
        const std::optional<BlockMarker> m = playbook::findMarker(text);
        QCOMPARE(m ? m->version : 0, version);
        if (m)
            QCOMPARE(m->hash, QString::fromLatin1(kHash));
    }

    void findMarkerInHugeHostileText()
    {
        // Many near misses of both forms, objects that never close and long backslash runs,
        // then the real marker at the very end.
        QString noise;
        noise += QStringLiteral("<!-- reverie:playbook begin version=1 hash=12 --> ");
        noise += QStringLiteral("{\"format\": \"reverie-playbook/1\", \"rules\": [\"");
        noise += QString(300, QLatin1Char('\\')) + QStringLiteral("\" reverie-playbook/1 \\\"\n");
        QString text = noise.repeated(20000);
        text += QString::fromUtf8(block(kRules1, 77));
        const std::optional<BlockMarker> m = playbook::findMarker(text);
        QVERIFY(m);
        QCOMPARE(m->version, 77);
    }

    void placeBlockOnAHugeFile()
    {
        QByteArray big;
        for (int i = 0; i < 200000; ++i)
            big += "line " + QByteArray::number(i) + QByteArray(" with a colon: and \0 a NUL\n", 27);
        const QByteArray out = placeBlock(big, kRules1, marker(1));
        QCOMPARE(out, big + "\n" + block());
        QCOMPARE(placeBlock(out, kRules2, marker(2)), big + "\n" + block(kRules2, 2));
    }
};

QTEST_GUILESS_MAIN(TestManagedBlock)
#include "tst_managed_block.moc"
