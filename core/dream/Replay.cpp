#include "core/dream/Replay.h"

#include "core/dream/RuleText.h"

namespace reverie::dream {

namespace {

// Counts one run into `rec`; returns the judgement.
Judgement countRun(const Lesson &lesson, const FeatureSet &set, const RunFeatures &r, ReplayRecord &rec)
{
    const Judgement j = judge(lesson, set, r);
    const bool failed = r.verdict == Verdict::Failure;
    if (j.outcome == Judgement::Broke) {
        ++rec.broke;
        rec.brokeFailed += failed ? 1 : 0;
    } else if (j.outcome == Judgement::Kept) {
        ++rec.kept;
        rec.keptSucceeded += failed ? 0 : 1;
    }
    return j;
}

} // namespace

ReplayRecord replay(const Lesson &lesson, const FeatureSet &set)
{
    ReplayRecord rec;
    int successesApplicable = 0;
    for (const RunFeatures &r : set.runs) {
        if (r.workflow != lesson.workflow || r.verdict == Verdict::Unknown)
            continue;
        if (countRun(lesson, set, r, rec).outcome != Judgement::NotApplicable && r.verdict != Verdict::Failure)
            ++successesApplicable;
    }
    const int brokeSucceeded = rec.broke - rec.brokeFailed;
    rec.successesBreakIt = brokeSucceeded >= 2 && 4 * brokeSucceeded >= successesApplicable;
    return rec;
}

ReplayRecord replayOn(const Lesson &lesson, const FeatureSet &set, const std::vector<int> &runs)
{
    ReplayRecord rec;
    for (int idx : runs) {
        const RunFeatures &r = set.runs[std::size_t(idx)];
        if (r.verdict != Verdict::Unknown)
            countRun(lesson, set, r, rec);
    }
    return rec;
}

ReplayRecord replayProposal(const Proposal &p, const FeatureSet &set)
{
    if (p.op != ProposalOp::Add && p.op != ProposalOp::Edit)
        return {};
    const std::optional<Lesson> lesson = lessonFromText(p.text, set);
    return lesson ? replay(*lesson, set) : ReplayRecord{};
}

} // namespace reverie::dream
