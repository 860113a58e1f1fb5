#pragma once

// Internal to the ledger's .cpp files.

#include "core/model/Playbook.h"

#include <algorithm>
#include <vector>

namespace reverie::review {

// The rule with this id in a snapshot, or nullptr.
inline const Rule *findRule(const std::vector<Rule> &rules, const QString &id)
{
    auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule &r) { return r.id == id; });
    return it == rules.end() ? nullptr : &*it;
}

} // namespace reverie::review
