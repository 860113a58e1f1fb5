#pragma once

#include "core/model/Playbook.h"
#include "core/review/Policy.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reverie::review {

// The stakes of a change come from the rules it touches, not from the scope a proposer gave
// it: a change is high-stakes when any rule it adds, edits, removes, merges, reverts or
// restores is or becomes high-stakes (flagged, or scoped to a workflow or tool the policy
// marks), and when it changes a rule's scope or stakes.

// Flagged high, or scoped to something the policy marks.
bool isHighStakes(const Rule &rule, const PolicySettings &policy);

// The high-stakes reasons of going from `before` to `after`, one phrase per rule ("rule R2 is
// high-stakes", "changes the scope of R4"); empty for a low-stakes change.
QStringList highStakesReasons(const std::vector<Rule> &before, const std::vector<Rule> &after,
                              const PolicySettings &policy);

// What one approval binds to: the hash of the exact operation, target rules, wording, scope
// and stakes (and for rollbacks, reverts and policy changes what they restore or change).
// An approval given for another subject does not count toward this one.
QString subjectHash(const Proposal &p, const QString &text, Stakes stakes);

} // namespace reverie::review
