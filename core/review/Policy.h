#pragma once

#include "core/model/Playbook.h"
#include "core/model/StrengthLevel.h"

#include <QString>
#include <QStringList>

namespace reverie::store {
class Workspace;
}

namespace reverie::review {

// The operator's policy, kept in the workspace: what is high-stakes, how many approvers a
// high-stakes change needs, where the approved playbook is published, and whether low-stakes
// proposals may apply themselves.
struct PolicySettings {
    QStringList highStakesWorkflows;
    QStringList highStakesTools;
    int approvalsNeeded = 2;
    QStringList publishTargets;       // file paths; ".json" gets JSON, anything else Markdown
    bool autoApplyLowStakes = false;
    // The weakest evidence auto-apply accepts: a proposal whose strength (dream/Strength.h) is
    // below it, or was never measured (unless this is weak), waits for a person.
    StrengthLevel minStrength = StrengthLevel::Moderate;
    int maxRules = 50;                // size budget of the playbook
    int maxTokens = 4000;
    bool requireSignatures = false;   // high-stakes approvals need a valid SSH signature
    QString allowedSigners;           // ssh-keygen allowed-signers text: "name keytype key" lines
    int dreamAfterFailures = 0;       // dream on arrival: after this many new failed runs; 0 = off
    QString dreamDailyAt;             // dream on arrival: daily at "HH:MM" local time; empty = off

    bool operator==(const PolicySettings &o) const;
    bool operator!=(const PolicySettings &o) const { return !(*this == o); }

    // High when the scope names a high-stakes workflow or tool.
    Stakes stakesFor(const Scope &scope) const;
};

// The raw policy rows. Callers that change the policy on a person's behalf go through
// Ledger::changePolicy, which records the change and gates loosening it.
class Policy {
public:
    explicit Policy(store::Workspace &ws) : m_ws(ws) {}
    PolicySettings load();
    void save(const PolicySettings &settings);

private:
    store::Workspace &m_ws;
};

} // namespace reverie::review
