// diffWords and inlineDiff: what a reviewer sees for typical edits, the reconstruction property
// over many random edits, and staying fast on long texts.

#include "core/playbook/WordDiff.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

using namespace reverie::playbook;
using Op = DiffSegment::Op;

namespace {

QString join(const std::vector<DiffSegment> &segments, Op skip)
{
    QString out;
    for (const DiffSegment &s : segments) {
        if (s.op != skip)
            out += s.text;
    }
    return out;
}

// Both texts come back exactly; no empty runs, no two neighbours with the same op, and no run
// that splits a surrogate pair.
QString checkSegments(const QString &before, const QString &after, const std::vector<DiffSegment> &segments)
{
    if (join(segments, Op::Insert) != before)
        return QStringLiteral("Equal+Delete does not give back `before`");
    if (join(segments, Op::Delete) != after)
        return QStringLiteral("Equal+Insert does not give back `after`");
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const QString &t = segments[i].text;
        if (t.isEmpty())
            return QStringLiteral("empty segment at %1").arg(i);
        if (i > 0 && segments[i - 1].op == segments[i].op)
            return QStringLiteral("segments %1 and %2 have the same op").arg(i - 1).arg(i);
        if (t.front().isLowSurrogate() || t.back().isHighSurrogate())
            return QStringLiteral("segment %1 splits a surrogate pair").arg(i);
    }
    return QString();
}

QStringList words(int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    QStringList out;
    for (int i = 0; i < count; ++i)
        out.append(QStringLiteral("w%1").arg(rng.bounded(5000)));
    return out;
}

} // namespace

class TestWordDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void diff_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("expected");   // inlineDiff of the result

        const QString rule = QStringLiteral("Run tests before deploy.");
        QTest::newRow("identical") << rule << rule << rule;
        QTest::newRow("both empty") << QString() << QString() << QString();
        QTest::newRow("from empty") << QString() << QStringLiteral("Run tests.") << QStringLiteral("{+Run tests.+}");
        QTest::newRow("to empty") << QStringLiteral("Run tests.") << QString() << QStringLiteral("[-Run tests.-]");
        QTest::newRow("insert at start") << QStringLiteral("tests before deploy.") << rule
                                         << QStringLiteral("{+Run +}tests before deploy.");
        QTest::newRow("insert in middle") << rule << QStringLiteral("Run all tests before deploy.")
                                          << QStringLiteral("Run {+all +}tests before deploy.");
        QTest::newRow("insert at end") << QStringLiteral("Run tests") << QStringLiteral("Run tests first")
                                       << QStringLiteral("Run tests{+ first+}");
        QTest::newRow("delete in middle") << QStringLiteral("Run all tests before deploy.") << rule
                                          << QStringLiteral("Run [-all -]tests before deploy.");
        QTest::newRow("delete at end") << QStringLiteral("Run tests first") << QStringLiteral("Run tests")
                                       << QStringLiteral("Run tests[- first-]");
        QTest::newRow("replace one word") << rule << QStringLiteral("Run checks before deploy.")
                                          << QStringLiteral("Run [-tests-]{+checks+} before deploy.");
        QTest::newRow("replace several words")
            << QStringLiteral("Never set force on issue_refund.") << QStringLiteral("Always ask before issue_refund.")
            << QStringLiteral("[-Never set force on-]{+Always ask before+} issue_refund.");
        QTest::newRow("word moved") << QStringLiteral("a b c") << QStringLiteral("b c a")
                                    << QStringLiteral("[-a -]b c{+ a+}");
        QTest::newRow("punctuation changed") << QStringLiteral("Run tests.") << QStringLiteral("Run tests!")
                                             << QStringLiteral("Run tests[-.-]{+!+}");
        QTest::newRow("punctuation added") << QStringLiteral("Deploy now") << QStringLiteral("Deploy, now")
                                           << QStringLiteral("Deploy{+,+} now");
        QTest::newRow("names stay whole") << QStringLiteral("call run_tests") << QStringLiteral("call run_checks")
                                          << QStringLiteral("call [-run_tests-]{+run_checks+}");
        QTest::newRow("double space") << QStringLiteral("Run  tests") << QStringLiteral("Run tests")
                                      << QStringLiteral("Run[- -] tests");
        QTest::newRow("newline to space") << QStringLiteral("Run tests\nbefore") << QStringLiteral("Run tests before")
                                          << QStringLiteral("Run tests[-\n-]{+ +}before");
        QTest::newRow("leading whitespace") << QStringLiteral("  Run") << QStringLiteral("Run")
                                            << QStringLiteral("[-  -]Run");
        QTest::newRow("trailing whitespace") << QStringLiteral("Run") << QStringLiteral("Run ")
                                             << QStringLiteral("Run{+ +}");
        QTest::newRow("only whitespace") << QStringLiteral(" ") << QStringLiteral("\t")
                                         << QStringLiteral("[- -]{+\t+}");
        QTest::newRow("umlauts") << QStringLiteral("Prüfe die Änderung zuerst.")
                                 << QStringLiteral("Prüfe die Änderungen zuerst.")
                                 << QStringLiteral("Prüfe die [-Änderung-]{+Änderungen+} zuerst.");
        QTest::newRow("emoji") << QStringLiteral("ok 👍 then") << QStringLiteral("ok 👎 then")
                               << QStringLiteral("ok [-👍-]{+👎+} then");
        QTest::newRow("combining mark") << QStringLiteral("cafe\u0301 open") << QStringLiteral("cafe\u0301 closed")
                                        << QStringLiteral("cafe\u0301 [-open-]{+closed+}");
        QTest::newRow("cjk") << QStringLiteral("先 测试 再 部署") << QStringLiteral("先 测试 后 部署")
                             << QStringLiteral("先 测试 [-再-]{+后+} 部署");
    }

    void diff()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QString, expected);
        const std::vector<DiffSegment> segments = diffWords(before, after);
        QCOMPARE(checkSegments(before, after, segments), QString());
        QCOMPARE(inlineDiff(segments), expected);
    }

    void identicalIsOneEqualRun()
    {
        const QString text = QStringLiteral("  Keep  the\nwhitespace\t exactly. ");
        const std::vector<DiffSegment> segments = diffWords(text, text);
        QCOMPARE(segments.size(), std::size_t(1));
        QCOMPARE(segments.front(), (DiffSegment{Op::Equal, text}));
    }

    void inlineDiffMarksEachRun()
    {
        const std::vector<DiffSegment> segments{
            {Op::Equal, QStringLiteral("keep ")}, {Op::Delete, QStringLiteral("old")},
            {Op::Insert, QStringLiteral("new")}, {Op::Equal, QStringLiteral(" keep")}};
        QCOMPARE(inlineDiff(segments), QStringLiteral("keep [-old-]{+new+} keep"));
        QCOMPARE(inlineDiff({}), QString());
    }

    // Random rule-like texts with random word edits: both sides always come back exactly.
    void reconstructsRandomWordEdits()
    {
        const QStringList vocab = {
            QStringLiteral("Run"),   QStringLiteral("run_tests"), QStringLiteral("before"), QStringLiteral("deploy."),
            QStringLiteral("never"), QStringLiteral("force"),     QStringLiteral("on"),     QStringLiteral("a"),
            QStringLiteral("the"),   QStringLiteral("("),         QStringLiteral(")"),      QStringLiteral("Änderung"),
            QStringLiteral("🚀"),     QStringLiteral("x,y"),       QStringLiteral("--dry-run"), QStringLiteral("e\u0301")};
        const QStringList spaces = {QStringLiteral(" "), QStringLiteral(" "), QStringLiteral(" "),
                                    QStringLiteral("  "), QStringLiteral("\n"), QStringLiteral("\t"), QString()};
        QRandomGenerator rng(20240611);
        auto pick = [&rng](const QStringList &from) { return from[int(rng.bounded(int(from.size())))]; };
        for (int round = 0; round < 400; ++round) {
            QStringList tokens;
            const int n = int(rng.bounded(30));
            for (int i = 0; i < n; ++i)
                tokens.append(pick(vocab) + pick(spaces));
            QStringList edited = tokens;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const int at = int(rng.bounded(int(edited.size()) + 1));
                switch (rng.bounded(4)) {
                case 0: edited.insert(at, pick(vocab) + pick(spaces)); break;
                case 1: if (at < edited.size()) edited.removeAt(at); break;
                case 2: if (at < edited.size()) edited[at] = pick(vocab) + pick(spaces); break;
                default: if (at < edited.size()) edited[at] = edited[at].trimmed() + pick(spaces); break;
                }
            }
            const QString before = pick(spaces) + tokens.join(QString());
            const QString after = edited.join(QString());
            const QString problem = checkSegments(before, after, diffWords(before, after));
            if (!problem.isEmpty())
                QFAIL(qPrintable(QStringLiteral("round %1: %2\nbefore: %3\nafter: %4")
                                     .arg(round).arg(problem, before, after)));
        }
    }

    // Arbitrary character soup, including lone punctuation, marks and surrogate pairs.
    void reconstructsRandomCharacters()
    {
        const QString alphabet = QStringLiteral("ab c\n\t.,_-*#é\u0301🚀漢 ");
        QRandomGenerator rng(7);
        auto soup = [&] {
            QString s;
            const int n = int(rng.bounded(40));
            for (int i = 0; i < n; ++i) {
                const int at = int(rng.bounded(int(alphabet.size())));
                if (alphabet[at].isLowSurrogate())
                    continue;
                s += alphabet[at];
                if (alphabet[at].isHighSurrogate())
                    s += alphabet[at + 1];
            }
            return s;
        };
        for (int round = 0; round < 300; ++round) {
            const QString before = soup();
            const QString after = soup();
            const QString problem = checkSegments(before, after, diffWords(before, after));
            if (!problem.isEmpty())
                QFAIL(qPrintable(QStringLiteral("round %1: %2").arg(round).arg(problem)));
        }
    }

    void ruleSizedTextsAreFast()
    {
        const QStringList base = words(400, 1);
        QStringList edited = base;
        for (int i = 0; i < 40; ++i)
            edited[i * 10] = QStringLiteral("changed%1").arg(i);
        const QString before = base.join(QLatin1Char(' '));
        const QString after = edited.join(QLatin1Char(' '));
        QElapsedTimer timer;
        timer.start();
        std::vector<DiffSegment> segments;
        for (int i = 0; i < 20; ++i)
            segments = diffWords(before, after);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
        QCOMPARE(checkSegments(before, after, segments), QString());
        int deleted = 0;
        for (const DiffSegment &s : segments)
            deleted += s.op == Op::Delete ? 1 : 0;
        QCOMPARE(deleted, 40);   // word-exact: one run per changed word
    }

    void longTextWithOneChangeStaysExact()
    {
        QStringList base = words(20000, 2);
        const QString before = base.join(QLatin1Char(' '));
        base[10000] = QStringLiteral("CHANGED");
        const QString after = base.join(QLatin1Char(' '));
        const std::vector<DiffSegment> segments = diffWords(before, after);
        QCOMPARE(checkSegments(before, after, segments), QString());
        QCOMPARE(segments.size(), std::size_t(4));
        QCOMPARE(segments[2], (DiffSegment{Op::Insert, QStringLiteral("CHANGED")}));
    }

    // Past the table cap the middle becomes one delete and one insert, still exact and quick.
    void longUnrelatedTextsFallBackCoarsely()
    {
        const QString before = words(30000, 3).join(QLatin1Char(' '));
        const QString after = words(30000, 4).join(QLatin1Char(' '));
        QElapsedTimer timer;
        timer.start();
        const std::vector<DiffSegment> segments = diffWords(before, after);
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
        QCOMPARE(checkSegments(before, after, segments), QString());
        QVERIFY(segments.size() <= 4);
    }
};

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_word_diff.moc"
