#pragma once

#include "core/stats/Statistics.h"

#include <QString>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::stats {

// How one model fared under one playbook version: a cell of `stats --by version,model` and of
// the heat map. Does the playbook travel between models, version by version?
struct VersionModelCell {
    int version = 0;             // 0 = no playbook
    QString model;               // kUnknownModel when the run recorded none
    int runs = 0;                // with or without a verdict
    int successes = 0;
    int failures = 0;
    int unknown() const { return runs - successes - failures; }
    // The success rate over the runs with a verdict, with its Wilson 95% interval.
    Rate rate() const { return rateOf(successes, successes + failures); }
};

// The name runs without a model are counted under (as `stats --by model` does).
inline constexpr const char *kUnknownModel = "(unknown)";

// Every version x model pair that has runs, by version, then model.
std::vector<VersionModelCell> versionModelOutcomes(store::Workspace &ws);

} // namespace reverie::stats
