#include "core/dream/HoldOut.h"

#include "core/dream/Replay.h"
#include "core/dream/RuleText.h"

#include <algorithm>
#include <cmath>

namespace reverie::dream {

namespace {

bool judged(const RunFeatures &r) { return r.verdict == Verdict::Success || r.verdict == Verdict::Failure; }

} // namespace

int HoldOutSplit::heldOutRuns() const
{
    int n = 0;
    for (const auto &[workflow, w] : workflows)
        n += int(w.heldOut.size());
    return n;
}

int HoldOutSplit::workflowsSplit() const
{
    return int(std::count_if(workflows.begin(), workflows.end(), [](const auto &w) { return !w.second.heldOut.empty(); }));
}

HoldOutSplit holdOutNewest(FeatureSet &set, double share, int minJudgedRuns)
{
    HoldOutSplit split;
    split.share = std::clamp(share, 0.0, kMaxHoldOutShare);
    std::map<int, std::vector<int>> byWorkflow;
    for (int i = 0; i < int(set.runs.size()); ++i) {
        RunFeatures &r = set.runs[std::size_t(i)];
        r.heldOut = false;
        if (r.inFocus && judged(r))
            byWorkflow[r.workflow].push_back(i);
    }
    for (auto &entry : byWorkflow) {
        std::vector<int> &runs = entry.second;   // (a plain reference: lambdas may not capture bindings in C++17)
        HoldOutSplit::Workflow &w = split.workflows[entry.first];
        w.judged = int(runs.size());
        const auto has = [&](Verdict v) {
            return std::any_of(runs.begin(), runs.end(), [&](int i) { return set.runs[std::size_t(i)].verdict == v; });
        };
        const bool bothOutcomes = has(Verdict::Success) && has(Verdict::Failure);
        if (split.share <= 0 || w.judged < minJudgedRuns || !bothOutcomes)
            continue;
        // By start time; a run that never said when it started cannot be newer than anything.
        std::stable_sort(runs.begin(), runs.end(), [&](int a, int b) {
            const RunFeatures &ra = set.runs[std::size_t(a)];
            const RunFeatures &rb = set.runs[std::size_t(b)];
            return ra.startedMs != rb.startedMs ? ra.startedMs < rb.startedMs : ra.id < rb.id;
        });
        const int count = std::clamp(int(std::lround(split.share * w.judged)), 1, w.judged - 1);
        w.heldOut.assign(runs.end() - count, runs.end());
        for (int i : w.heldOut)
            set.runs[std::size_t(i)].heldOut = true;
    }
    return split;
}

HoldOutRecord testHoldOut(const Lesson &lesson, const FeatureSet &set, const HoldOutSplit &split)
{
    HoldOutRecord rec;
    if (split.share <= 0)
        return rec;
    rec.share = split.share;
    rec.result = HoldOutRecord::Result::TooFewRuns;
    const auto it = split.workflows.find(lesson.workflow);
    if (it == split.workflows.end() || it->second.heldOut.empty())
        return rec;
    rec.heldOut = int(it->second.heldOut.size());
    const ReplayRecord newer = replayOn(lesson, set, it->second.heldOut);   // held-out runs are all judged
    rec.broke = newer.broke;
    rec.brokeFailed = newer.brokeFailed;
    rec.kept = newer.kept;
    rec.keptSucceeded = newer.keptSucceeded;
    rec.applicable = rec.broke + rec.kept;
    rec.agreed = rec.brokeFailed + rec.keptSucceeded;
    if (rec.applicable < kMinApplicableNewerRuns || rec.broke < 2 || rec.kept < 2)
        return rec;
    const double failWhenBroken = double(rec.brokeFailed) / rec.broke;
    const double failWhenKept = double(rec.kept - rec.keptSucceeded) / rec.kept;
    const bool holds = failWhenBroken - failWhenKept >= kMinHoldOutGap - 1e-9
        && rec.agreed >= kMinHoldOutAgreement * rec.applicable - 1e-9;
    rec.result = holds ? HoldOutRecord::Result::Held : HoldOutRecord::Result::NotHeld;
    return rec;
}

HoldOutRecord testHoldOut(const Proposal &p, const FeatureSet &set, const HoldOutSplit &split)
{
    if (split.share <= 0 || (p.op != ProposalOp::Add && p.op != ProposalOp::Edit))
        return {};
    if (const std::optional<Lesson> lesson = lessonFromText(p.text, set))
        return testHoldOut(*lesson, set, split);
    HoldOutRecord rec;
    rec.share = split.share;
    rec.result = HoldOutRecord::Result::NotTested;
    return rec;
}

QString describeHoldOut(const HoldOutRecord &r)
{
    switch (r.result) {
    case HoldOutRecord::Result::None: break;
    case HoldOutRecord::Result::Held:
        return QStringLiteral("holds on %1 of %2 newer runs").arg(r.agreed).arg(r.applicable);
    case HoldOutRecord::Result::NotHeld:
        return QStringLiteral("did not hold on %1 newer runs: %2 of %3 that broke it failed, %4 of %5 that kept it failed")
            .arg(r.applicable)
            .arg(r.brokeFailed)
            .arg(r.broke)
            .arg(r.kept - r.keptSucceeded)
            .arg(r.kept);
    case HoldOutRecord::Result::TooFewRuns:
        if (r.heldOut == 0)
            return QStringLiteral("not tested on newer runs: too few runs in its workflow to hold any out");
        return QStringLiteral("not enough newer runs to test: of %1 held out, %2 broke it and %3 kept it")
            .arg(r.heldOut)
            .arg(r.broke)
            .arg(r.kept);
    case HoldOutRecord::Result::NotTested:
        return QStringLiteral("not tested on newer runs: the rule has none of the forms Reverie can replay");
    }
    return QString();
}

} // namespace reverie::dream
