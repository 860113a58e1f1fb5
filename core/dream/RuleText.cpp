#include "core/dream/RuleText.h"

#include <QRegularExpression>

namespace reverie::dream {

namespace {

const QRegularExpression &prefixPattern()
{
    static const QRegularExpression re(QStringLiteral("^in\\s+([A-Za-z0-9_.:/-]+)\\s*,\\s*"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

int idOf(const FeatureSet &set, const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    return set.strings.find(std::string_view(utf8.constData(), std::size_t(utf8.size())));
}

} // namespace

RuleGist ruleGist(const QString &text)
{
    RuleGist g;
    QString t = text.simplified();
    const QRegularExpressionMatch m = prefixPattern().match(t);
    if (m.hasMatch()) {
        g.workflow = m.captured(1);
        t = t.mid(m.capturedLength());
    }
    t = t.toLower();
    static const QRegularExpression negation(
        QStringLiteral("^(do not|don't|dont|never|avoid|must not|should not)\\s+"));
    const QRegularExpressionMatch n = negation.match(t);
    if (n.hasMatch()) {
        g.negated = true;
        t = t.mid(n.capturedLength());
    }
    static const QRegularExpression punct(QStringLiteral("[^a-z0-9_=.\\s-]"));
    t.replace(punct, QStringLiteral(" "));
    while (t.endsWith(QLatin1Char('.')))
        t.chop(1);
    g.core = t.simplified();
    static const QSet<QString> stop = {QStringLiteral("the"), QStringLiteral("a"), QStringLiteral("an"),
                                       QStringLiteral("to"), QStringLiteral("it"), QStringLiteral("of"),
                                       QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("with"),
                                       QStringLiteral("in"), QStringLiteral("on"), QStringLiteral("for")};
    for (const QString &w : g.core.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!stop.contains(w))
            g.words.insert(w);
    }
    return g;
}

double similarity(const RuleGist &a, const RuleGist &b)
{
    if (a.words.isEmpty() && b.words.isEmpty())
        return 1.0;
    const int common = int(QSet<QString>(a.words).intersect(b.words).size());
    const int all = int(QSet<QString>(a.words).unite(b.words).size());
    return all ? double(common) / all : 0.0;
}

std::optional<Lesson> lessonFromText(const QString &text, const FeatureSet &set)
{
    QString t = text.simplified();
    QString workflow;
    const QRegularExpressionMatch m = prefixPattern().match(t);
    if (m.hasMatch()) {
        workflow = m.captured(1);
        t = t.mid(m.capturedLength());
    }
    const int wf = idOf(set, workflow);
    if (wf < 0)
        return std::nullopt;
    static const QRegularExpression precedence(QStringLiteral("^run (\\S+) before (\\S+?)\\.?$"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression argument(QStringLiteral("^do not call (\\S+) with (\\S+?=\\S+?)\\.?$"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression loop(QStringLiteral("^do not repeat (\\S+) after it fails with the same error"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression recovery(
        QStringLiteral("^when (\\S+) fails with '([^']+)', call (\\S+) (before retrying|next)\\.?$"),
        QRegularExpression::CaseInsensitiveOption);
    Lesson l;
    l.workflow = wf;
    auto resolve = [&](const QString &s) { return idOf(set, s); };
    if (const auto p = precedence.match(t); p.hasMatch()) {
        l.kind = LessonKind::Precedence;
        l.before = resolve(p.captured(1));
        l.tool = resolve(p.captured(2));
        if (l.before <= 0 || l.tool <= 0)
            return std::nullopt;
        return l;
    }
    if (const auto a = argument.match(t); a.hasMatch()) {
        l.kind = LessonKind::Argument;
        l.tool = resolve(a.captured(1));
        l.arg = resolve(a.captured(2));
        if (l.tool <= 0 || l.arg <= 0)
            return std::nullopt;
        return l;
    }
    if (const auto lo = loop.match(t); lo.hasMatch()) {
        l.kind = LessonKind::Loop;
        l.tool = resolve(lo.captured(1));
        if (l.tool <= 0)
            return std::nullopt;
        return l;
    }
    if (const auto r = recovery.match(t); r.hasMatch()) {
        l.kind = LessonKind::Recovery;
        l.tool = resolve(r.captured(1));
        QString error = r.captured(2);
        error.replace(QChar(0x2026), QLatin1Char('#'));
        l.error = resolve(error);
        l.next = resolve(r.captured(3));
        l.retryAfter = r.captured(4) == QLatin1String("before retrying");
        if (l.tool <= 0 || l.error <= 0 || l.next <= 0)
            return std::nullopt;
        return l;
    }
    return std::nullopt;
}

} // namespace reverie::dream
