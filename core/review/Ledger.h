#pragma once

#include "core/model/Error.h"
#include "core/model/Playbook.h"
#include "core/review/Publisher.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::review {

struct PolicyChange;

// A decision the ledger will not take, with the one-line reason: self-approval, a missing
// reason, a second approval by the same person, a proposal that is not pending, a revert
// that later changes depend on, an unsigned approval where the policy requires signatures.
class LedgerRefusal : public reverie::Error {
public:
    using reverie::Error::Error;
};

// What a decision did.
struct DecisionResult {
    enum class Outcome { Applied, AwaitingApprovals, Rejected, NeedsRebase };
    Outcome outcome = Outcome::Applied;
    qint64 proposal = 0;             // the proposal decided, or the request a gated change opened
    int version = 0;                 // the version the decision appended (Applied)
    QStringList approvers;           // so far, on what the proposal now says
    QStringList staleApprovers;      // approvals given to an earlier wording: they no longer count
    int approvalsNeeded = 1;
    std::vector<Conflict> conflicts; // NeedsRebase: the rules changed since the proposal's base
    QStringList published;           // files written after the decision
    QString publishFailure;          // the decision stands; these targets wait in the outbox
    QString message;                 // one line for a person
};

// Where a pending proposal stands, for the review queue.
struct ApprovalState {
    Stakes stakes = Stakes::Low;
    QStringList reasons;             // why it is high-stakes
    QStringList approvers;           // on the current wording
    QStringList staleApprovers;      // on an earlier wording
    int approvalsNeeded = 1;
};

// The playbook ledger and its gate. Every decision on a proposal, rollback, revert and policy
// change appends — a review and, when rules change, a new playbook version — inside one write
// transaction that also reads everything the decision depends on; then the approved playbook
// is published to the policy's targets. Nothing is ever changed in place.
//
// The gate: a change is high-stakes when any rule it touches is or becomes high-stakes
// (review/Gate.h). A high-stakes change needs the policy's number of approvers, a reason,
// and, where the policy says so, signed approvals. Approvers are distinct people
// (review/Identity.h), never the change's author, and each approval binds to the exact
// wording, scope and stakes it saw. High-stakes rollbacks and reverts, and changes that
// loosen the policy, become requests that wait for the same approvals.
class Ledger {
public:
    explicit Ledger(store::Workspace &ws) : m_ws(ws) {}

    // Signs every decision this ledger takes with the SSH private key at `path` (empty: none).
    void setSigningKey(const QString &path) { m_signingKey = path; }

    DecisionResult approve(qint64 proposalId, const QString &reviewer, const QString &reason = QString());
    // Approves with the reviewer's text instead of the proposed one; the proposed text stays on
    // the proposal and the edited text on the review. For a high-stakes change the edit is one
    // approval of the new wording: approvals of the old wording no longer count.
    DecisionResult edit(qint64 proposalId, const QString &reviewer, const QString &text,
                        const QString &reason = QString());
    DecisionResult reject(qint64 proposalId, const QString &reviewer, const QString &reason);
    // The operator's policy applying a low-stakes addition; refuses anything high-stakes and
    // anything whose evidence is weaker than the policy's minimum strength.
    DecisionResult applyAutomatically(qint64 proposalId, const QString &reason);

    // Appends a version whose rules equal `version`'s; high-stakes: opens a request.
    DecisionResult rollback(int version, const QString &reviewer, const QString &reason = QString());
    // Appends a version without the change `proposalId` made, keeping later changes; refused
    // when a later change touched the same rules; high-stakes: opens a request.
    DecisionResult revert(qint64 proposalId, const QString &reviewer, const QString &reason = QString());

    // Changes the policy, recorded in the review log. Tightening applies at once; loosening
    // (fewer approvals, a high-stakes scope removed, auto-apply on, signatures off, weaker
    // evidence accepted while auto-apply is on) while anything is high-stakes opens a request
    // that needs the current number of approvers.
    DecisionResult changePolicy(const PolicyChange &change, const QString &reviewer, const QString &reason);

    ApprovalState approvalState(qint64 proposalId);
    // The approvals that count so far, per proposal (those with none are left out), for many
    // proposals at once: the policy, the playbook and the review log are read once, not per
    // proposal (the review queue lists hundreds).
    QHash<qint64, QStringList> approversOf(const std::vector<Proposal> &proposals);
    // The rules a rollback or revert request would leave (throws LedgerRefusal when it no
    // longer can apply); for a rule change, the rules its approval would produce.
    std::vector<Rule> rulesAfter(const Proposal &p);

    // A person's own proposal (no dream run); it needs someone else's approval.
    qint64 proposeManual(Proposal &p, const QString &author);
    // An existing playbook becomes the first version (refused when there is history already).
    int importPlaybook(std::vector<Rule> rules, const QString &author, const QString &source);

    // Writes the current version to every publish target, target by target; what failed waits
    // in the outbox for the next try.
    PublishReport publish();

private:
    // After a decision committed: works off the outbox and says how it went in `result`.
    void finishPublishing(DecisionResult &result);
    DecisionResult decide(qint64 proposalId, const QString &reviewer, const QString &reason,
                          const QString *editedText, bool automatic = false);
    store::Workspace &m_ws;
    QString m_signingKey;
};

} // namespace reverie::review
