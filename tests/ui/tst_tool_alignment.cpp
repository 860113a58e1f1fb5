// Aligning two runs' tool sequences.

#include "ui/compare/ToolAlignment.h"

#include <QTest>

using namespace reverie::ui;

namespace {
QStringList seq(const char *tools) { return QString::fromLatin1(tools).split(QLatin1Char(' '), Qt::SkipEmptyParts); }

// "=a" match, "~a/b" mismatch, "<a" only left, ">b" only right.
QString render(const std::vector<AlignedPair> &pairs, const QStringList &left, const QStringList &right)
{
    QStringList out;
    for (const AlignedPair &p : pairs) {
        switch (p.op) {
        case AlignOp::Match: out << QStringLiteral("=") + left[p.left]; break;
        case AlignOp::Mismatch: out << QStringLiteral("~%1/%2").arg(left[p.left], right[p.right]); break;
        case AlignOp::OnlyLeft: out << QStringLiteral("<") + left[p.left]; break;
        case AlignOp::OnlyRight: out << QStringLiteral(">") + right[p.right]; break;
        }
    }
    return out.join(QLatin1Char(' '));
}
} // namespace

class TestToolAlignment : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aligns_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<QString>("expected");
        QTest::newRow("both empty") << "" << "" << "";
        QTest::newRow("left empty") << "" << "a b" << ">a >b";
        QTest::newRow("right empty") << "a b" << "" << "<a <b";
        QTest::newRow("identical") << "fetch deploy" << "fetch deploy" << "=fetch =deploy";
        QTest::newRow("a skipped step") << "fetch deploy" << "fetch test deploy" << "=fetch >test =deploy";
        QTest::newRow("an extra step") << "fetch test test deploy" << "fetch test deploy"
                                       << "=fetch =test <test =deploy";
        QTest::newRow("a different call") << "fetch refund notify" << "fetch verify notify"
                                          << "=fetch ~refund/verify =notify";
        QTest::newRow("loop of failing calls") << "lock lock lock migrate" << "lock migrate"
                                               << "=lock <lock <lock =migrate";
        QTest::newRow("nothing in common") << "a b" << "c d" << "~a/c ~b/d";
        QTest::newRow("recovery") << "q err q" << "q err fix q" << "=q =err >fix =q";
    }
    void aligns()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(QString, expected);
        const QStringList l = seq(left.toLatin1().constData());
        const QStringList r = seq(right.toLatin1().constData());
        const auto pairs = alignToolSequences(l, r);
        QCOMPARE(render(pairs, l, r), expected);
    }

    void everyCallAppearsOnceInOrder_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::newRow("mixed") << "a b c d e f g" << "a x c d y g z";
        QTest::newRow("repeats") << "a a b a b b" << "b a b b a";
    }
    void everyCallAppearsOnceInOrder()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        const QStringList l = seq(left.toLatin1().constData());
        const QStringList r = seq(right.toLatin1().constData());
        int nextLeft = 0, nextRight = 0;
        for (const AlignedPair &p : alignToolSequences(l, r)) {
            if (p.left >= 0)
                QCOMPARE(p.left, nextLeft++);
            if (p.right >= 0)
                QCOMPARE(p.right, nextRight++);
            QVERIFY(p.left >= 0 || p.right >= 0);
        }
        QCOMPARE(nextLeft, int(l.size()));
        QCOMPARE(nextRight, int(r.size()));
    }

    void tooLargeFallsBackToPositions()
    {
        const QStringList l = seq("s a b c e");
        const QStringList r = seq("s x b e");
        // The common prefix and suffix still match; the middle is paired by position.
        const auto pairs = alignToolSequences(l, r, {}, 4);
        QCOMPARE(render(pairs, l, r), QStringLiteral("=s ~a/x =b <c =e"));
        const AlignmentCounts c = countAlignment(pairs);
        QCOMPARE(c.matches, 3);
        QCOMPARE(c.mismatches, 1);
        QCOMPARE(c.onlyLeft, 1);
        QCOMPARE(c.onlyRight, 0);
    }
};

QTEST_APPLESS_MAIN(TestToolAlignment)
#include "tst_tool_alignment.moc"
