// Policy changes are decisions: recorded in the review log with who, when, why and what
// changed; loosening the policy while it protects anything waits for its approvers.

#include "core/review/Ledger.h"

#include "core/review/Identity.h"
#include "core/review/LedgerSupport.h"
#include "core/review/PolicyChange.h"
#include "core/review/TargetFile.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ReviewLog.h"
#include "core/store/Workspace.h"

namespace reverie::review {

namespace {

// Whether anything is high-stakes now: only then does loosening the policy take away a
// protection someone relies on. A fresh workspace is set up by whoever creates it.
bool protectsAnything(const PolicySettings &policy, const PlaybookVersion &current)
{
    if (!policy.highStakesWorkflows.isEmpty() || !policy.highStakesTools.isEmpty() || policy.requireSignatures)
        return true;
    for (const Rule &r : current.rules) {
        if (r.stakes == Stakes::High)
            return true;
    }
    return false;
}

} // namespace

DecisionResult Ledger::changePolicy(const PolicyChange &change, const QString &reviewer, const QString &reason)
{
    detail::requireName(reviewer, "a policy change");
    detail::requireServerIdentity(m_ws, reviewer, true);
    for (const QString &target : change.addTargets) {
        // Refused when it is added, not at publish time.
        if (const QString problem = targetProblem(target); !problem.isEmpty())
            throw LedgerRefusal(problem);
    }
    DecisionResult result;
    qint64 joinRequest = 0;
    {
        sql::Transaction tx(m_ws.db());   // read, change and write the policy as one
        Policy policy(m_ws);
        const PolicySettings before = policy.load();
        const PolicySettings after = change.applyTo(before);
        if (after == before) {
            result.message = QStringLiteral("the policy already says that");
            return result;
        }
        if (after.requireSignatures && after.allowedSigners.trimmed().isEmpty())
            throw LedgerRefusal(QStringLiteral("signatures can be required only once the policy trusts someone's key: "
                                               "give --allowed-signers FILE"));
        const store::ReviewLog::Signer signer = detail::makeSigner(m_signingKey, reviewer, before);
        const QStringList loosened = loosenings(before, after);
        if (!loosened.isEmpty() && protectsAnything(before, store::PlaybookHistory(m_ws).current())) {
            detail::requireSignatureIfNeeded(m_signingKey, before, 0);
            Proposal request;
            request.op = ProposalOp::Policy;
            request.payload = change.toJson();
            request.text = describeChange(before, after);
            request.baseVersion = store::PlaybookHistory(m_ws).currentNumber();
            joinRequest = detail::requestOrJoin(m_ws, request,
                                                QStringLiteral("loosening the policy (%1)").arg(loosened.join(QLatin1String(", "))),
                                                reviewer, reason, {QStringLiteral("the policy protects high-stakes rules")},
                                                before.approvalsNeeded, signer, result);
            if (!joinRequest) {
                tx.commit();
                return result;
            }
        } else {
            policy.save(after);
            detail::followTargets(m_ws, before, after);
            Review review;
            review.reviewer = reviewer;
            review.decision = QStringLiteral("policy");
            review.comment = reason;
            review.editedText = describeChange(before, after);
            review.detail = QString::fromUtf8(changeDetailJson(before, after));
            store::ReviewLog(m_ws).append(review, signer);
            tx.commit();
            result.message = QStringLiteral("policy changed: %1").arg(review.editedText);
        }
    }
    if (joinRequest)
        return approve(joinRequest, reviewer, reason);
    result.outcome = DecisionResult::Outcome::Applied;
    finishPublishing(result);   // a new target gets the current playbook now
    return result;
}

} // namespace reverie::review
