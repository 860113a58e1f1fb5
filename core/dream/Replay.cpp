#include "core/dream/Replay.h"

#include "core/dream/RuleText.h"

namespace reverie::dream {

ReplayRecord replay(const Lesson &lesson, const FeatureSet &set)
{
    ReplayRecord rec;
    int successesApplicable = 0;
    for (const RunFeatures &r : set.runs) {
        if (r.workflow != lesson.workflow || r.verdict == Verdict::Unknown)
            continue;
        const Judgement j = judge(lesson, set, r);
        const bool failed = r.verdict == Verdict::Failure;
        if (j.outcome == Judgement::Broke) {
            ++rec.broke;
            rec.brokeFailed += failed ? 1 : 0;
        } else if (j.outcome == Judgement::Kept) {
            ++rec.kept;
            rec.keptSucceeded += failed ? 0 : 1;
        }
        if (j.outcome != Judgement::NotApplicable && !failed)
            ++successesApplicable;
    }
    const int brokeSucceeded = rec.broke - rec.brokeFailed;
    rec.successesBreakIt = brokeSucceeded >= 2 && 4 * brokeSucceeded >= successesApplicable;
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
