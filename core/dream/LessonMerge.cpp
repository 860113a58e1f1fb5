// One lesson, one proposal. Candidates of a workflow that explain mostly the same failed runs
// are one lesson seen from several sides (a retry loop and the missing recovery; a skipped
// step and the reviewer's note saying so). A reviewer reads one proposal with the clearest
// rule, and the other readings as its reasons.

#include "core/dream/OfflineMiner.h"

#include "core/dream/FailurePointers.h"
#include "core/dream/RuleText.h"
#include "core/stats/Statistics.h"

#include <algorithm>
#include <map>
#include <set>

namespace reverie::dream {

namespace {

// "Mostly the same failed runs": this share of the smaller set is in the other.
constexpr double kSameFailures = 0.6;
// A reviewer's note that names the rule's tools or argument joins it with less overlap: notes
// are written on some failures only.
constexpr double kNamedByNote = 0.3;
// Reviewer notes cited as evidence on the rule they support.
constexpr int kNoteEvidence = 4;

// Specific actions read clearest; a generic "do not repeat" less so; a note's wording last.
int clarity(LessonKind kind)
{
    switch (kind) {
    case LessonKind::Loop: return 1;
    case LessonKind::Constraint: return 2;
    default: return 0;
    }
}

double pValueOf(const LessonCounts &c)
{
    return stats::fisherOneSided(c.brokeFailed, c.broke - c.brokeFailed, c.kept - c.keptSucceeded, c.keptSucceeded);
}

bool clearer(const MinedLesson &a, const MinedLesson &b)
{
    if (clarity(a.lesson.kind) != clarity(b.lesson.kind))
        return clarity(a.lesson.kind) < clarity(b.lesson.kind);
    const double pa = pValueOf(a.counts), pb = pValueOf(b.counts);
    if (pa != pb)
        return pa < pb;
    if (a.proposal.support != b.proposal.support)
        return a.proposal.support > b.proposal.support;
    return a.proposal.text < b.proposal.text;
}

// The note names one of the rule's tools, or the key of its argument ("force" for force=true).
bool noteNamesRule(int note, const Lesson &rule, const FeatureSet &set, const FailurePointers &pointers)
{
    for (int tool : {rule.tool, rule.before, rule.next}) {
        if (pointers.noteNames(note, tool))
            return true;
    }
    if (rule.arg) {
        const QString arg = set.strings.text(rule.arg);
        return textNamesTool(set.strings.text(note), arg.left(arg.indexOf(QLatin1Char('='))));
    }
    return false;
}

int commonCount(const std::vector<int> &a, const std::vector<int> &b)
{
    int n = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j)
            ++i;
        else if (*j < *i)
            ++j;
        else {
            ++n;
            ++i;
            ++j;
        }
    }
    return n;
}

QString comparable(const QString &text) { return text.simplified().toLower(); }

} // namespace

double overlapShare(const std::vector<int> &a, const std::vector<int> &b)
{
    if (a.empty() || b.empty())
        return 0.0;
    return double(commonCount(a, b)) / double(std::min(a.size(), b.size()));
}

std::vector<OfflineMiner::KnownLesson> OfflineMiner::knownLessons(int workflow, const std::vector<int> &runs) const
{
    // Reviewers' notes of this workflow, as the rules the miner would write from them.
    std::map<QString, Lesson> fromNotes;
    std::set<int> seen;
    for (int idx : runs) {
        const RunFeatures &r = m_set.runs[std::size_t(idx)];
        if (!r.note || !seen.insert(r.note).second)
            continue;
        Lesson l;
        l.kind = LessonKind::Constraint;
        l.workflow = workflow;
        l.note = r.note;
        fromNotes.emplace(comparable(lessonText(l, m_set, m_set.notes[std::size_t(idx)])), l);
    }
    std::vector<KnownLesson> out;
    for (const KnownRule &rule : m_known) {
        std::optional<Lesson> lesson = lessonFromText(rule.text, m_set);
        if (!lesson) {
            const auto it = fromNotes.find(comparable(rule.text));
            if (it != fromNotes.end())
                lesson = it->second;
        }
        if (!lesson || lesson->workflow != workflow)
            continue;
        // Only a rule the runs bear out explains their failures: one that successes break as
        // often as failures do (a stale rule, up for removal) covers nothing.
        const LessonCounts c = count(*lesson, runs);
        if (c.failWhenBroken() < m_t.minFailWhenBroken || c.failWhenBroken() - c.failWhenKept() < m_t.minGap)
            continue;
        out.push_back({&rule, *lesson, failedRunsBreaking(*lesson, runs)});
    }
    return out;
}

std::vector<MinedLesson> OfflineMiner::mergeSameFailures(std::vector<MinedLesson> found, const std::vector<int> &runs,
                                                         MiningReport &report) const
{
    std::stable_sort(found.begin(), found.end(), clearer);
    const FailurePointers pointers(m_set);
    std::vector<MinedLesson> primaries;                 // clearest first
    std::vector<std::vector<MinedLesson>> readings;     // parallel: the other readings of each
    for (MinedLesson &m : found) {
        int best = -1;
        double bestShare = 0.0;
        for (int i = 0; i < int(primaries.size()); ++i) {
            const double share = overlapShare(m.failedRuns, primaries[std::size_t(i)].failedRuns);
            const bool named = m.lesson.kind == LessonKind::Constraint
                && noteNamesRule(m.lesson.note, primaries[std::size_t(i)].lesson, m_set, pointers);
            if (share >= (named ? kNamedByNote : kSameFailures) && share > bestShare) {
                best = i;
                bestShare = share;
            }
        }
        if (best < 0) {
            primaries.push_back(std::move(m));
            readings.emplace_back();
        } else {
            readings[std::size_t(best)].push_back(std::move(m));
        }
    }

    const std::vector<KnownLesson> known = knownLessons(primaries.empty() ? 0 : primaries.front().lesson.workflow, runs);
    std::vector<MinedLesson> out;
    for (std::size_t i = 0; i < primaries.size(); ++i) {
        MinedLesson &g = primaries[i];
        // Already a rule or an open proposal, in other words. The same words are the curator's
        // business (it reports them as repeats); here only a different wording of the same failures.
        const auto restated = std::find_if(known.begin(), known.end(), [&](const KnownLesson &k) {
            return !(k.lesson == g.lesson) && comparable(k.rule->text) != comparable(g.proposal.text)
                && overlapShare(g.failedRuns, k.failedRuns) >= kSameFailures;
        });
        if (restated != known.end()) {
            ++(restated->rule->inPlaybook ? report.restatedPlaybook : report.restatedPending);
            continue;
        }
        for (MinedLesson &other : readings[i]) {
            g.supporting.push_back(other.lesson);
            const int common = commonCount(g.failedRuns, other.failedRuns);
            if (other.lesson.kind == LessonKind::Constraint) {
                ++report.notesAttached;
                const QString asWritten = m_set.notes[std::size_t(other.failedRuns.front())];
                g.proposal.rationale += QStringLiteral(" Reviewers of %1 of these failed runs wrote: \"%2\"")
                                            .arg(common)
                                            .arg(quotedNote(asWritten));
                int cited = 0;
                for (int idx : other.failedRuns) {
                    const RunFeatures &r = m_set.runs[std::size_t(idx)];
                    if (cited++ >= kNoteEvidence)
                        break;
                    Evidence e;
                    e.trajectoryId = r.id;
                    e.trajectoryExternalId = m_set.externalIds[std::size_t(idx)];
                    e.stepId = r.verdictStepId;
                    e.stepSeq = r.verdictSeq;
                    e.note =
                        QStringLiteral("reviewer wrote: \"%1\"").arg(quotedNote(m_set.notes[std::size_t(idx)]));
                    g.proposal.evidence.push_back(e);
                }
            } else {
                ++report.mergedSameFailures;
                g.proposal.rationale += QStringLiteral(" The same failed runs also fit \"%1\" (%2 of them broke it); "
                                                       "kept as a reason, not a second rule.")
                                            .arg(other.proposal.text)
                                            .arg(common);
            }
        }
        if (g.lesson.kind == LessonKind::Constraint)
            g.proposal.rationale.prepend(QStringLiteral("From reviewers' notes: no mined rule explains these failures. "));
        out.push_back(std::move(g));
    }
    return out;
}

} // namespace reverie::dream
