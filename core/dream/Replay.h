#pragma once

#include "core/dream/Lesson.h"
#include "core/model/Playbook.h"

#include <vector>

namespace reverie::dream {

// How a rule would have fared on every stored run of its workflow (not only the selection):
// of the runs that broke it, how many failed; of those that kept it, how many succeeded.
// A rule that successful runs routinely break is flagged: at least two successes broke it
// and they are at least a quarter of the successes it applies to.
ReplayRecord replay(const Lesson &lesson, const FeatureSet &set);

// The same counts over some runs only (indexes into FeatureSet::runs), without the flag.
ReplayRecord replayOn(const Lesson &lesson, const FeatureSet &set, const std::vector<int> &runs);

// Replay for a proposal: its text is read back as a lesson when it has one of the miner's
// forms; otherwise (free text from a model) only a reviewer can judge it and the record stays empty.
ReplayRecord replayProposal(const Proposal &p, const FeatureSet &set);

} // namespace reverie::dream
