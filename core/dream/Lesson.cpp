#include "core/dream/Lesson.h"

#include <QRegularExpression>

#include <algorithm>

namespace reverie::dream {

QString lessonKindName(LessonKind kind)
{
    switch (kind) {
    case LessonKind::Precedence: return QStringLiteral("precedence");
    case LessonKind::Argument: return QStringLiteral("argument");
    case LessonKind::Loop: return QStringLiteral("loop");
    case LessonKind::Recovery: return QStringLiteral("recovery");
    case LessonKind::Constraint: return QStringLiteral("constraint");
    }
    return QStringLiteral("unknown");
}

namespace {

bool hasArg(const FeatureSet &set, const CallEvent &c, int arg)
{
    const auto first = set.args.begin() + c.argBegin;
    const auto last = first + c.argCount;
    return std::binary_search(first, last, arg);
}

Judgement at(Judgement::Outcome outcome, const CallEvent &c) { return {outcome, c.stepId, c.seq}; }
Judgement atResult(Judgement::Outcome outcome, const CallEvent &c)
{
    return c.resultStepId ? Judgement{outcome, c.resultStepId, c.resultSeq} : at(outcome, c);
}

QString withWorkflow(const QString &workflow, QString imperative)
{
    if (workflow.isEmpty()) {
        if (!imperative.isEmpty())
            imperative[0] = imperative.at(0).toUpper();
        return imperative;
    }
    return QStringLiteral("In %1, %2").arg(workflow, imperative);
}

} // namespace

Judgement judge(const Lesson &l, const FeatureSet &set, const RunFeatures &run)
{
    if (run.workflow != l.workflow)
        return {};
    const CallEvent *b = set.begin(run);
    const CallEvent *e = set.end(run);
    switch (l.kind) {
    case LessonKind::Precedence: {
        const CallEvent *before = nullptr;
        for (const CallEvent *p = b; p != e; ++p) {
            if (p->tool == l.tool)
                return before ? at(Judgement::Kept, *before) : at(Judgement::Broke, *p);
            if (p->tool == l.before && !before)
                before = p;
        }
        return {};
    }
    case LessonKind::Argument: {
        const CallEvent *first = nullptr;
        for (const CallEvent *p = b; p != e; ++p) {
            if (p->tool != l.tool)
                continue;
            if (hasArg(set, *p, l.arg))
                return at(Judgement::Broke, *p);
            if (!first)
                first = p;
        }
        return first ? at(Judgement::Kept, *first) : Judgement{};
    }
    case LessonKind::Loop: {
        // Broken when the tool fails again with an error it already failed with in this run,
        // whatever came in between (a "think" or a re-read changes nothing if the call fails alike).
        const CallEvent *firstFailure = nullptr;
        for (const CallEvent *p = b; p != e; ++p) {
            if (p->tool != l.tool || !p->error)
                continue;
            for (const CallEvent *q = firstFailure; q && q != p; ++q) {
                if (q->tool == l.tool && q->error == p->error)
                    return at(Judgement::Broke, *p);
            }
            if (!firstFailure)
                firstFailure = p;
        }
        return firstFailure ? atResult(Judgement::Kept, *firstFailure) : Judgement{};
    }
    case LessonKind::Recovery: {
        for (const CallEvent *p = b; p != e; ++p) {
            if (p->tool != l.tool || p->error != l.error)
                continue;
            const CallEvent *next = p + 1;
            if (next == e)
                return atResult(Judgement::Broke, *p);
            return at(next->tool == l.next ? Judgement::Kept : Judgement::Broke, *next);
        }
        return {};
    }
    case LessonKind::Constraint:
        if (run.note == l.note)
            return {Judgement::Broke, run.verdictStepId, run.verdictSeq};
        return {Judgement::Kept, 0, -1};
    }
    return {};
}

QString quotedNote(const QString &note)
{
    constexpr int kMaxQuoted = 300;
    return note.size() <= kMaxQuoted ? note : note.left(kMaxQuoted - 1) + QChar(0x2026);
}

QString readableError(const QString &signature)
{
    QStringList words = signature.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &w : words) {
        if (w == QLatin1String("#"))
            w = QString(QChar(0x2026));
    }
    return words.join(QLatin1Char(' '));
}

QString constraintFromNote(const QString &note)
{
    QString n = note.simplified();
    while (!n.isEmpty() && QStringLiteral(".!;:").contains(n.back()))
        n.chop(1);
    if (n.isEmpty())
        return {};
    static const QRegularExpression marker(
        QStringLiteral("\\b(never|always|do not|don't|dont|must|should|avoid|make sure|ensure|only|before|first|"
                       "without|instead)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    if (!marker.match(n).hasMatch())
        return {};
    // "The agent should not X" -> "do not X"; "You must X" -> "X".
    static const QRegularExpression subject(QStringLiteral("^(the agent|agent|the assistant|assistant|you)\\s+"),
                                            QRegularExpression::CaseInsensitiveOption);
    n.remove(subject);
    static const QRegularExpression negModal(QStringLiteral("^(must not|should not|shouldn't|mustn't|cannot|can't)\\s+"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression modal(QStringLiteral("^(must|should|needs to|need to|has to|have to)\\s+(?!have\\b)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (negModal.match(n).hasMatch())
        n.replace(negModal, QStringLiteral("do not "));
    else
        n.remove(modal);
    if (n.size() > 1 && n.at(0).isUpper() && !n.at(1).isUpper())
        n[0] = n.at(0).toLower();
    return n + QLatin1Char('.');
}

QString lessonText(const Lesson &l, const FeatureSet &set, const QString &noteAsWritten)
{
    const QString w = set.strings.text(l.workflow);
    const QString tool = set.strings.text(l.tool);
    switch (l.kind) {
    case LessonKind::Precedence:
        return withWorkflow(w, QStringLiteral("run %1 before %2.").arg(set.strings.text(l.before), tool));
    case LessonKind::Argument:
        return withWorkflow(w, QStringLiteral("do not call %1 with %2.").arg(tool, set.strings.text(l.arg)));
    case LessonKind::Loop:
        return withWorkflow(w, QStringLiteral("do not repeat %1 after it fails with the same error; change the "
                                              "input or fix the cause first, or stop and report.")
                                   .arg(tool));
    case LessonKind::Recovery:
        return withWorkflow(w, QStringLiteral("when %1 fails with '%2', call %3 %4.")
                                   .arg(tool, readableError(set.strings.text(l.error)), set.strings.text(l.next),
                                        l.retryAfter ? QStringLiteral("before retrying") : QStringLiteral("next")));
    case LessonKind::Constraint: return withWorkflow(w, constraintFromNote(noteAsWritten));
    }
    return {};
}

Scope lessonScope(const Lesson &l, const FeatureSet &set, const QString &)
{
    Scope s;
    if (l.workflow)
        s.workflows << set.strings.text(l.workflow);
    switch (l.kind) {
    case LessonKind::Precedence: s.tools << set.strings.text(l.before) << set.strings.text(l.tool); break;
    case LessonKind::Argument:
    case LessonKind::Loop: s.tools << set.strings.text(l.tool); break;
    case LessonKind::Recovery: s.tools << set.strings.text(l.tool) << set.strings.text(l.next); break;
    case LessonKind::Constraint: break;
    }
    return s;
}

} // namespace reverie::dream
