#pragma once

// Internal to the ledger's .cpp files: what approve, rollback, revert and policy changes share.

#include "core/model/Playbook.h"
#include "core/review/Policy.h"
#include "core/store/ReviewLog.h"

#include <QString>

#include <optional>
#include <vector>

namespace reverie::store {
class Workspace;
class PlaybookHistory;
}

namespace reverie::review {
struct DecisionResult;
}

namespace reverie::review::detail {

void requireName(const QString &who, const char *what = "a decision");
// On a server workspace whose people have roles: `who` must be the user this connection
// authenticated as, and, when `decides`, one with the reviewer role; a null `who` (the policy
// applying a change) checks only the role. Throws LedgerRefusal.
void requireServerIdentity(store::Workspace &ws, const QString &who, bool decides);
// Why a proposal can no longer be decided, naming who decided it and how long ago when the
// review log says ("proposal 12 was approved by ana 4 s ago: it is approved, not pending;
// look at the queue again"): what a reviewer who lost a race needs to hear.
QString notPendingReason(store::Workspace &ws, const Proposal &p);

// Signs with the key at `keyPath` (none: empty signer) and checks the signature against the
// policy's allowed signers before anything is written; a key that is not the reviewer's is
// refused there and then.
store::ReviewLog::Signer makeSigner(const QString &keyPath, const QString &reviewer,
                                    const PolicySettings &policy);

// Refuses a high-stakes approval without a signature where the policy requires them.
void requireSignatureIfNeeded(const QString &keyPath, const PolicySettings &policy, qint64 proposalId);

// The rules of the current playbook without the change `proposalId` made; refused when a
// later change touched the same rules.
std::vector<Rule> revertedRules(store::Workspace &ws, qint64 proposalId, const PlaybookVersion &current);

// A pending request (rollback, revert or policy change) for the same thing, if one is open.
std::optional<Proposal> pendingRequest(store::Workspace &ws, ProposalOp op, qint64 targetRef, int baseVersion,
                                       const QByteArray &payload);

// Stores a request for a gated change and records who asked, in the review log.
qint64 openRequest(store::Workspace &ws, Proposal &request, const QString &reason,
                   const store::ReviewLog::Signer &signer);

// Opens a request for a gated change, unless the same one is open already: then returns that
// request's id, for the caller to approve (a second person asking for it agrees with it);
// refused without a reason, and when it is the same person asking again. Returns 0 after opening a new request, with
// `result` saying so; the caller commits.
qint64 requestOrJoin(store::Workspace &ws, Proposal &request, const QString &what, const QString &reviewer,
                     const QString &reason, const QStringList &reasons, int approvalsNeeded,
                     const store::ReviewLog::Signer &signer, DecisionResult &result);

// "request 7 needs 2 approvals from people other than mallory (reverie approve 7 --reviewer NAME --reason R)"
// The rules after applying `p` (with `text` as the rule's wording) to `current`; `successor`
// receives a merge's new rule id. Refused when a target rule is missing.
std::vector<Rule> applyProposal(const std::vector<Rule> &current, const Proposal &p, const QString &text,
                                store::PlaybookHistory &history, Stakes stakes, QString *successor);
// The target rules of `p` that changed between its base version and now (a rollback: any change).
std::vector<Conflict> rebaseConflicts(const Proposal &p, store::PlaybookHistory &history, const PlaybookVersion &current);
// Why a proposal is high-stakes, from the rules it touches (empty: low-stakes).
QStringList assess(store::Workspace &ws, const Proposal &p, const PolicySettings &policy,
                   const PlaybookVersion &current, store::PlaybookHistory &history);
// The wording that lands: the latest edit, else the proposal's own.
QString currentWording(const Proposal &p, const std::vector<Review> &reviews);
// Approvals that count for `subject` (one per person), and those given to something else.
void countApprovals(const Proposal &p, const std::vector<Review> &reviews, const QString &subject,
                    const QString &text, QStringList *approvers, QStringList *stale);

// Refuses to auto-apply `p` when its evidence is weaker than the policy's minimum, measured as
// dream/Strength.h measures it (the one-sided Fisher p of its replay table); a proposal with
// no replay record has no measured evidence and passes only a minimum of "weak".
void requireEvidenceForAutoApply(const Proposal &p, const PolicySettings &policy);

// Targets the policy gained must reach the current version; targets it lost leave the outbox.
void followTargets(store::Workspace &ws, const PolicySettings &before, const PolicySettings &after);

QString requestMessage(const QString &what, const QStringList &reasons, qint64 id, int needed, const QString &author);

} // namespace reverie::review::detail
