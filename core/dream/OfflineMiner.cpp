#include "core/dream/OfflineMiner.h"

#include "core/dream/DreamErrors.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <map>

namespace reverie::dream {

namespace {

bool hasVerdict(const RunFeatures &r) { return r.verdict == Verdict::Success || r.verdict == Verdict::Failure; }

// How a run that broke / kept the lesson is described in the rationale and the evidence.
std::pair<QString, QString> phrases(const Lesson &l, const FeatureSet &set)
{
    const QString tool = set.strings.text(l.tool);
    switch (l.kind) {
    case LessonKind::Precedence: {
        const QString before = set.strings.text(l.before);
        return {QStringLiteral("called %1 without running %2 first").arg(tool, before),
                QStringLiteral("ran %1 before %2").arg(before, tool)};
    }
    case LessonKind::Argument: {
        const QString arg = set.strings.text(l.arg);
        return {QStringLiteral("called %1 with %2").arg(tool, arg), QStringLiteral("called %1 without %2").arg(tool, arg)};
    }
    case LessonKind::Loop:
        return {QStringLiteral("repeated %1 after it failed with the same error").arg(tool),
                QStringLiteral("did not repeat %1 after it failed").arg(tool)};
    case LessonKind::Recovery: {
        const QString error = readableError(set.strings.text(l.error));
        const QString next = set.strings.text(l.next);
        return {QStringLiteral("did not call %1 after %2 failed with '%3'").arg(next, tool, error),
                QStringLiteral("called %1 after %2 failed with '%3'").arg(next, tool, error)};
    }
    case LessonKind::Constraint:
        return {QStringLiteral("a reviewer noted \"%1\"").arg(set.strings.text(l.note)),
                QStringLiteral("had no such note")};
    }
    return {};
}

// Tools of the workflow a reviewer's note names, as whole words.
QStringList toolsNamedIn(const QString &note, const FeatureSet &set, const std::vector<int> &runs)
{
    std::vector<int> tools;
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        for (const CallEvent *c = set.begin(r); c != set.end(r); ++c)
            tools.push_back(c->tool);
    }
    std::sort(tools.begin(), tools.end());
    tools.erase(std::unique(tools.begin(), tools.end()), tools.end());
    QStringList named;
    for (int t : tools) {
        const QString name = set.strings.text(t);
        if (name.isEmpty())
            continue;
        const QRegularExpression word(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(name)),
                                      QRegularExpression::CaseInsensitiveOption);
        if (word.match(note).hasMatch())
            named << name;
    }
    named.sort();
    return named;
}

} // namespace

OfflineMiner::OfflineMiner(const FeatureSet &set, MinerThresholds thresholds) : m_set(set), m_t(thresholds) {}

std::vector<int> OfflineMiner::miningRuns(int workflow) const
{
    // Runs held out for the hold-out check (dream/HoldOut.h) are never mined: they test.
    std::vector<int> focus;
    bool focusHasSuccess = false;
    for (int i = 0; i < int(m_set.runs.size()); ++i) {
        const RunFeatures &r = m_set.runs[std::size_t(i)];
        if (r.workflow != workflow || !r.inFocus || !hasVerdict(r) || r.heldOut)
            continue;
        focus.push_back(i);
        focusHasSuccess = focusHasSuccess || r.verdict == Verdict::Success;
    }
    if (!focusHasSuccess && !focus.empty()) {
        // A focus of failures only (e.g. --verdict failure): contrast with the workflow's other successes.
        for (int i = 0; i < int(m_set.runs.size()); ++i) {
            const RunFeatures &r = m_set.runs[std::size_t(i)];
            if (r.workflow == workflow && !r.inFocus && r.verdict == Verdict::Success && !r.heldOut)
                focus.push_back(i);
        }
        std::sort(focus.begin(), focus.end());
    }
    return focus;
}

LessonCounts OfflineMiner::count(const Lesson &lesson, const std::vector<int> &runs) const
{
    LessonCounts c;
    for (int idx : runs) {
        const RunFeatures &r = m_set.runs[std::size_t(idx)];
        const Judgement j = judge(lesson, m_set, r);
        const bool failed = r.verdict == Verdict::Failure;
        if (j.outcome == Judgement::Broke) {
            ++c.broke;
            c.brokeFailed += failed ? 1 : 0;
        } else if (j.outcome == Judgement::Kept) {
            ++c.kept;
            c.keptSucceeded += failed ? 0 : 1;
        }
    }
    return c;
}

Proposal OfflineMiner::toProposal(const Lesson &lesson, const std::vector<int> &runs) const
{
    Proposal p;
    p.op = ProposalOp::Add;
    p.author = QStringLiteral("offline");
    p.kind = lessonKindName(lesson.kind);
    const auto [brokePhrase, keptPhrase] = phrases(lesson, m_set);
    const LessonCounts c = count(lesson, runs);
    QString noteAsWritten;
    int failedCited = 0;
    int contrastCited = 0;
    for (int idx : runs) {
        const RunFeatures &r = m_set.runs[std::size_t(idx)];
        const Judgement j = judge(lesson, m_set, r);
        const bool failed = r.verdict == Verdict::Failure;
        Evidence e;
        e.trajectoryId = r.id;
        e.trajectoryExternalId = m_set.externalIds[std::size_t(idx)];
        e.stepId = j.stepId;
        e.stepSeq = j.seq;
        if (j.outcome == Judgement::Broke && failed) {
            if (noteAsWritten.isEmpty() && lesson.kind == LessonKind::Constraint)
                noteAsWritten = m_set.notes[std::size_t(idx)];
            if (failedCited++ >= m_t.maxFailedEvidence)
                continue;
            e.note = QStringLiteral("failed: %1").arg(brokePhrase);
            p.evidence.push_back(e);
        } else if (j.outcome == Judgement::Kept && !failed && lesson.kind != LessonKind::Constraint) {
            if (contrastCited++ >= m_t.maxContrastEvidence)
                continue;
            e.note = QStringLiteral("succeeded: %1").arg(keptPhrase);
            p.evidence.push_back(e);
        }
    }
    p.text = lessonText(lesson, m_set, noteAsWritten);
    p.scope = lessonScope(lesson, m_set);
    if (lesson.kind == LessonKind::Constraint) {
        p.scope.tools = toolsNamedIn(noteAsWritten, m_set, runs);
        p.support = c.brokeFailed;
        p.confidence = c.failWhenBroken() * double(c.brokeFailed) / double(c.brokeFailed + 1);
        p.rationale = QStringLiteral("Reviewers of %1 failed runs wrote: \"%2\"")
                          .arg(c.brokeFailed)
                          .arg(quotedNote(noteAsWritten));
    } else {
        p.support = c.brokeFailed + c.keptSucceeded;
        p.confidence = (c.broke + c.kept) ? double(c.brokeFailed + c.keptSucceeded) / double(c.broke + c.kept) : 0.0;
        p.rationale = QStringLiteral("%1 of %2 runs that %3 failed; %4 of %5 runs that %6 succeeded.")
                          .arg(c.brokeFailed)
                          .arg(c.broke)
                          .arg(brokePhrase)
                          .arg(c.keptSucceeded)
                          .arg(c.kept)
                          .arg(keptPhrase);
    }
    if (!lesson.tiedWith.empty()) {
        QStringList others;
        for (int tool : lesson.tiedWith)
            others << m_set.strings.text(tool);
        p.rationale += QStringLiteral(" Equally supported: the failures point as much at %1 as at %2; this rule "
                                      "names %2, which comes sooner after %3.")
                           .arg(others.join(QStringLiteral(", ")), m_set.strings.text(lesson.tool),
                                m_set.strings.text(lesson.before));
    }
    p.confidence = std::round(p.confidence * 1000.0) / 1000.0;
    return p;
}

std::vector<int> OfflineMiner::failedRunsBreaking(const Lesson &lesson, const std::vector<int> &runs) const
{
    std::vector<int> out;
    for (int idx : runs) {
        const RunFeatures &r = m_set.runs[std::size_t(idx)];
        if (r.verdict == Verdict::Failure && judge(lesson, m_set, r).outcome == Judgement::Broke)
            out.push_back(idx);
    }
    return out;   // `runs` is sorted, so is this
}

std::vector<MinedLesson> OfflineMiner::mine(const std::function<bool()> &cancelled, MiningReport *report) const
{
    // Workflows in name order, so the output order does not depend on interning order.
    std::map<QString, int> workflows;
    for (const RunFeatures &r : m_set.runs) {
        if (r.inFocus)
            workflows.emplace(m_set.strings.text(r.workflow), r.workflow);
    }
    MiningReport local;
    MiningReport &tally = report ? *report : local;
    std::vector<MinedLesson> out;
    for (const auto &[name, workflow] : workflows) {
        if (cancelled && cancelled())
            throw DreamCancelled();
        const std::vector<int> runs = miningRuns(workflow);
        int failures = 0;
        for (int idx : runs)
            failures += m_set.runs[std::size_t(idx)].verdict == Verdict::Failure ? 1 : 0;
        std::vector<MinedLesson> found;
        for (const Lesson &lesson : candidateLessons(m_set, workflow, runs, m_t)) {
            const LessonCounts c = count(lesson, runs);
            if (!passes(lesson, c, m_t, failures))
                continue;   // the fast count and judge() disagree: trust judge(), which replay uses too
            MinedLesson m{lesson, c, toProposal(lesson, runs), {}, failedRunsBreaking(lesson, runs)};
            if (m.proposal.evidence.empty() || m.proposal.text.isEmpty())
                continue;
            found.push_back(std::move(m));
        }
        for (MinedLesson &m : mergeSameFailures(std::move(found), runs, tally))
            out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [&](const MinedLesson &a, const MinedLesson &b) {
        const QString &wa = a.proposal.scope.workflows.value(0);
        const QString &wb = b.proposal.scope.workflows.value(0);
        if (wa != wb)
            return wa < wb;
        if (a.lesson.kind != b.lesson.kind)
            return int(a.lesson.kind) < int(b.lesson.kind);
        if (a.proposal.support != b.proposal.support)
            return a.proposal.support > b.proposal.support;
        return a.proposal.text < b.proposal.text;
    });
    return out;
}

} // namespace reverie::dream
