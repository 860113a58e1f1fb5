#pragma once

#include "core/model/Error.h"
#include "core/model/Playbook.h"

#include <QStringList>

#include <vector>

namespace reverie::store {

class Workspace;

// A decision the ledger will not take, with the one-line reason: self-approval, a missing
// reason, a proposal that is not pending, a revert that later changes depend on.
class LedgerRefusal : public reverie::Error {
public:
    using reverie::Error::Error;
};

// What a decision did.
struct DecisionResult {
    enum class Outcome { Applied, AwaitingApprovals, Rejected, NeedsRebase };
    Outcome outcome = Outcome::Applied;
    int version = 0;                 // the version the decision appended (Applied)
    QStringList approvers;           // so far (high-stakes)
    int approvalsNeeded = 1;
    std::vector<Conflict> conflicts; // NeedsRebase: the rules changed since the proposal's base
    QStringList published;           // files written after the decision
    QString message;                 // one line for a person
};

// The playbook ledger: every decision on a proposal, rollback and revert appends — a review
// and, when rules change, a new playbook version — inside one transaction; then the approved
// playbook is published to the policy's targets. Nothing is ever changed in place.
class Ledger {
public:
    explicit Ledger(Workspace &ws) : m_ws(ws) {}

    DecisionResult approve(qint64 proposalId, const QString &reviewer, const QString &reason = QString());
    // Approves with the reviewer's text instead of the proposed one; the proposed text stays on
    // the proposal and the edited text on the review, so the difference is kept.
    DecisionResult edit(qint64 proposalId, const QString &reviewer, const QString &text,
                        const QString &reason = QString());
    DecisionResult reject(qint64 proposalId, const QString &reviewer, const QString &reason);

    // Appends a version whose rules equal `version`'s.
    DecisionResult rollback(int version, const QString &reviewer, const QString &reason = QString());
    // Appends a version without the change `proposalId` made, keeping later changes; refused
    // when a later change touched the same rules.
    DecisionResult revert(qint64 proposalId, const QString &reviewer, const QString &reason = QString());

    // A person's own proposal (no dream run); it needs someone else's approval.
    qint64 proposeManual(Proposal &p, const QString &author);
    // An existing playbook becomes the first version (refused when there is history already).
    int importPlaybook(std::vector<Rule> rules, const QString &author, const QString &source);

    // Renders the current version to every publish target; returns the paths written.
    QStringList publish();

private:
    DecisionResult decide(qint64 proposalId, const QString &reviewer, const QString &reason,
                          const QString *editedText);
    Workspace &m_ws;
};

} // namespace reverie::store
