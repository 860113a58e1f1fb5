#pragma once

#include "core/model/Playbook.h"
#include "core/playbook/WordDiff.h"

#include <optional>
#include <vector>

namespace reverie::playbook {

// How one rule differs between two playbook versions, matched by rule id.
struct RuleChange {
    enum class Kind { Added, Removed, Changed, Unchanged };
    Kind kind = Kind::Unchanged;
    QString ruleId;
    std::optional<Rule> before;
    std::optional<Rule> after;
    std::vector<DiffSegment> words;   // Changed: word diff of the text
    bool scopeChanged = false;
    bool stakesChanged = false;
};

QString ruleChangeKindName(RuleChange::Kind kind);   // "added", "removed", "changed", "unchanged"

// Every rule of either version, in the order of `after` with removed rules where they stood.
std::vector<RuleChange> diffRules(const std::vector<Rule> &before, const std::vector<Rule> &after);

} // namespace reverie::playbook
