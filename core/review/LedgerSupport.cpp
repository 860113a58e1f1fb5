#include "core/review/LedgerSupport.h"

#include "core/review/Identity.h"
#include "core/store/ReviewLog.h"

#include <QDateTime>
#include "core/store/Workspace.h"
#include "core/store/pg/PgConnection.h"
#include "core/store/pg/ServerRoles.h"
#include "core/review/Ledger.h"
#include "core/review/SshSignature.h"
#include "core/stats/Statistics.h"
#include "core/store/HashChain.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/PublishLog.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <algorithm>

namespace reverie::review::detail {

void requireEvidenceForAutoApply(const Proposal &p, const PolicySettings &policy)
{
    if (policy.minStrength == StrengthLevel::Weak)
        return;   // the operator accepts any evidence, even none measured
    const ReplayRecord &r = p.replay;
    const QString wanted = strengthLevelName(policy.minStrength);
    if (r.broke + r.kept == 0)
        throw LedgerRefusal(QStringLiteral("proposal %1 has no measured evidence; the policy auto-applies only %2 "
                                           "evidence or stronger: it waits for a reviewer")
                                .arg(p.id).arg(wanted));
    // The same table as dream::strengthOf: broke x kept against failed x succeeded.
    const double pValue = stats::fisherOneSided(r.brokeFailed, std::max(0, r.broke - r.brokeFailed),
                                                std::max(0, r.kept - r.keptSucceeded), r.keptSucceeded);
    const StrengthLevel level = strengthLevelForP(pValue);
    if (!meetsStrength(level, policy.minStrength))
        throw LedgerRefusal(QStringLiteral("proposal %1's evidence is %2 (p = %3); the policy auto-applies only %4 "
                                           "evidence or stronger: it waits for a reviewer")
                                .arg(p.id)
                                .arg(strengthLevelName(level), QString::number(pValue, 'g', 2), wanted));
}

void requireServerIdentity(store::Workspace &ws, const QString &who, bool decides)
{
    if (!ws.isServer())
        return;
    pg::Connection &conn = ws.db().server();
    if (!pg::rolesInUse(conn))
        return;   // no one has a role yet: one administrator setting the workspace up
    const QString user = conn.user();
    if (who.isNull()) {   // the policy applying a change: only where this connection may decide
        if (decides && !pg::mayDecide(conn))
            throw LedgerRefusal(QStringLiteral("%1 may not decide in this workspace, so the policy cannot apply a change "
                                               "from this session: it waits for a reviewer")
                                    .arg(user));
        return;
    }
    if (!samePerson(who, user))
        throw LedgerRefusal(QStringLiteral("on this server workspace you act as the user you connected as, %1, not as "
                                           "\"%2\"; connect as %2 to act as them")
                                .arg(user, who));
    if (decides && !pg::mayDecide(conn))
        throw LedgerRefusal(QStringLiteral("%1 may browse, dream and propose in this workspace but not decide: its owner "
                                           "can make %1 a reviewer (reverie workspace grant %1 reviewer)")
                                .arg(user));
}

QString notPendingReason(store::Workspace &ws, const Proposal &p)
{
    const QString status = proposalStatusName(p.status);
    const std::vector<Review> reviews = store::ReviewLog(ws).forProposal(p.id);
    if (reviews.empty())
        return QStringLiteral("proposal %1 is %2, not pending").arg(p.id).arg(status);
    const Review &last = reviews.back();
    const qint64 seconds = qMax<qint64>(0, (QDateTime::currentMSecsSinceEpoch() - last.createdMs) / 1000);
    const QString ago = seconds < 120 ? QStringLiteral("%1 s ago").arg(seconds)
                        : seconds < 7200 ? QStringLiteral("%1 min ago").arg(seconds / 60)
                                         : QDateTime::fromMSecsSinceEpoch(last.createdMs).toString(Qt::ISODate);
    return QStringLiteral("proposal %1 was decided by %2 (%3, %4): it is %5, not pending; look at the queue again")
        .arg(p.id)
        .arg(last.reviewer, last.decision, ago, status);
}

void requireName(const QString &who, const char *what)
{
    if (identityKey(who).isEmpty())
        throw LedgerRefusal(QStringLiteral("%1 needs a named reviewer").arg(QLatin1String(what)));
}

store::ReviewLog::Signer makeSigner(const QString &keyPath, const QString &reviewer, const PolicySettings &policy)
{
    if (keyPath.isEmpty())
        return {};
    return [keyPath, reviewer, allowed = policy.allowedSigners, required = policy.requireSignatures](const QString &hash) {
        const QByteArray payload = store::hashchain::signedPayload(hash);
        QString signature;
        try {
            signature = signPayload(payload, keyPath);
        } catch (const SignatureError &e) {
            throw LedgerRefusal(QStringLiteral("cannot sign the decision: %1").arg(e.message()));
        }
        if (allowed.trimmed().isEmpty()) {
            if (required)
                throw LedgerRefusal(QStringLiteral("the policy requires signatures but trusts no key yet: add allowed "
                                                   "signers (reverie policy --allowed-signers FILE)"));
            return signature;
        }
        const QString why = checkSignature(payload, signature, identityKey(reviewer), allowed);
        if (!why.isEmpty())
            throw LedgerRefusal(QStringLiteral("%1's signature is not accepted by the policy's allowed signers: %2")
                                    .arg(reviewer, why));
        return signature;
    };
}

void requireSignatureIfNeeded(const QString &keyPath, const PolicySettings &policy, qint64 proposalId)
{
    if (policy.requireSignatures && keyPath.isEmpty())
        throw LedgerRefusal(QStringLiteral("%1 is high-stakes and this workspace requires signed approvals: "
                                           "sign with --sign-key KEY (or REVERIE_SIGNING_KEY)")
                                .arg(proposalId ? QStringLiteral("proposal %1").arg(proposalId) : QStringLiteral("this change")));
}

std::optional<Proposal> pendingRequest(store::Workspace &ws, ProposalOp op, qint64 targetRef, int baseVersion,
                                       const QByteArray &payload)
{
    sql::Statement st(ws.db(), "SELECT id FROM proposals WHERE status = 'pending' AND op = ? AND target_ref = ? "
                               "AND (? < 0 OR base_version = ?) AND coalesce(payload, '') = ? ORDER BY id LIMIT 1");
    st.bind(1, proposalOpName(op)).bind(2, targetRef).bind(3, baseVersion).bind(4, baseVersion);
    st.bindText(5, payload.isEmpty() ? QByteArray("") : payload);
    if (!st.step())
        return std::nullopt;
    const qint64 id = st.int64(0);
    st.reset();
    return store::ProposalStore(ws).get(id);
}

qint64 openRequest(store::Workspace &ws, Proposal &request, const QString &reason, const store::ReviewLog::Signer &signer)
{
    request.dreamRunId = 0;
    request.status = ProposalStatus::Pending;
    const qint64 id = store::ProposalStore(ws).insert(request);
    Review asked;
    asked.proposalId = id;
    asked.reviewer = request.author;
    asked.decision = QStringLiteral("request");
    asked.comment = reason;
    asked.editedText = request.text;
    store::ReviewLog(ws).append(asked, signer);
    return id;
}

qint64 requestOrJoin(store::Workspace &ws, Proposal &request, const QString &what, const QString &reviewer,
                     const QString &reason, const QStringList &reasons, int approvalsNeeded,
                     const store::ReviewLog::Signer &signer, DecisionResult &result)
{
    if (reason.trimmed().isEmpty())
        throw LedgerRefusal(QStringLiteral("%1 is high-stakes (%2): give a reason (--reason)")
                                .arg(what, reasons.join(QLatin1String(", "))));
    // A rollback's effect depends on the playbook it starts from; a revert or a policy change
    // says the same whatever the current version.
    const int base = request.op == ProposalOp::Rollback ? request.baseVersion : -1;
    if (const auto open = pendingRequest(ws, request.op, request.targetRef, base, request.payload)) {
        if (samePerson(open->author, reviewer))
            throw LedgerRefusal(QStringLiteral("%1 already asked for this (proposal %2); it needs approvals from others")
                                    .arg(reviewer).arg(open->id));
        return open->id;
    }
    request.author = reviewer;
    request.rationale = reason;
    request.stakes = Stakes::High;
    request.kind = proposalOpName(request.op);
    result.proposal = openRequest(ws, request, reason, signer);
    result.outcome = DecisionResult::Outcome::AwaitingApprovals;
    result.approvalsNeeded = approvalsNeeded;
    result.message = requestMessage(what, reasons, result.proposal, approvalsNeeded, reviewer);
    return 0;
}

void followTargets(store::Workspace &ws, const PolicySettings &before, const PolicySettings &after)
{
    store::PublishLog log(ws);
    const int current = store::PlaybookHistory(ws).currentNumber();
    for (const QString &t : after.publishTargets) {
        if (!before.publishTargets.contains(t) && current > 0)
            log.enqueue(t, current);
    }
    for (const QString &t : before.publishTargets) {
        if (!after.publishTargets.contains(t))
            log.forget(t);
    }
}

QString requestMessage(const QString &what, const QStringList &reasons, qint64 id, int needed, const QString &author)
{
    return QStringLiteral("%1 is high-stakes (%2): request %3 needs %4 approval(s) from people other than %5 "
                          "(reverie approve %3 --reviewer NAME --reason R)")
        .arg(what, reasons.join(QLatin1String(", ")))
        .arg(id)
        .arg(needed)
        .arg(author);
}

} // namespace reverie::review::detail
