#pragma once

#include "core/model/Playbook.h"

#include <vector>

namespace reverie::ui {

// The two sides of a proposal's diff: what the playbook says now and what it would say.
// Edit: the target rule's current text vs the proposed text; add: nothing vs the text (all
// insert); remove: the target rules vs nothing (all delete); merge: the merged rules vs the
// one that replaces them.
struct ProposalTexts {
    QString before;
    QString after;
    QStringList missingTargets;   // target rules no longer in the playbook
};

ProposalTexts proposalTexts(const Proposal &p, const std::vector<Rule> &currentRules,
                            const QString &replacementText = QString());

// How the proposal fared on the newer runs its dream pass held out, as one translated line for
// the review panel ("Hold-out: holds on 9 of 10 newer runs ..."); empty when it was not checked.
QString holdOutLine(const HoldOutRecord &h);

// The current text of a rule, or a null string when the playbook has no such rule.
QString currentRuleText(const std::vector<Rule> &rules, const QString &id);

} // namespace reverie::ui
