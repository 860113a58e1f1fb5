// The review queue's approvals, read for every pending proposal at once.

#include "core/review/Gate.h"
#include "core/review/Ledger.h"
#include "core/review/LedgerSupport.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Policy.h"
#include "core/store/ReviewLog.h"

namespace reverie::review {

using detail::assess;
using detail::countApprovals;
using detail::currentWording;

QHash<qint64, QStringList> Ledger::approversOf(const std::vector<Proposal> &proposals)
{
    QHash<qint64, QStringList> out;
    if (proposals.empty())
        return out;
    QHash<qint64, std::vector<Review>> reviews;
    for (Review &r : store::ReviewLog(m_ws).all())
        reviews[r.proposalId].push_back(std::move(r));
    store::PlaybookHistory history(m_ws);
    const PolicySettings policy = Policy(m_ws).load();
    const PlaybookVersion current = history.current();
    for (const Proposal &p : proposals) {
        const auto it = reviews.constFind(p.id);
        if (it == reviews.constEnd())
            continue;   // nobody has approved it yet
        QStringList reasons;
        try {
            reasons = assess(m_ws, p, policy, current, history);
        } catch (const reverie::Error &) {
            reasons = {};   // as approvalState: a revert that can no longer apply
        }
        const Stakes stakes = reasons.isEmpty() && p.stakes == Stakes::Low ? Stakes::Low : Stakes::High;
        const QString text = currentWording(p, *it);
        QStringList approvers, stale;
        countApprovals(p, *it, subjectHash(p, text, stakes), text, &approvers, &stale);
        if (!approvers.isEmpty())
            out.insert(p.id, approvers);
    }
    return out;
}

} // namespace reverie::review
