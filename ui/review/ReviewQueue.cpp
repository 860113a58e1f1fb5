#include "ui/review/ReviewQueue.h"

#include "core/dream/Strength.h"
#include "core/store/DreamStore.h"
#include "core/store/PlaybookHistory.h"
#include "core/review/Ledger.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/Workspace.h"

#include <algorithm>
#include <map>

namespace reverie::ui {

bool QueueGroup::hasHighStakes() const
{
    return std::any_of(proposals.begin(), proposals.end(), [](const Proposal &p) { return p.stakes == Stakes::High; });
}

int ReviewQueue::proposalCount() const
{
    int n = 0;
    for (const QueueGroup &g : groups)
        n += int(g.proposals.size());
    return n;
}

const Proposal *ReviewQueue::find(qint64 id) const
{
    for (const QueueGroup &g : groups) {
        for (const Proposal &p : g.proposals) {
            if (p.id == id)
                return &p;
        }
    }
    return nullptr;
}

void sortQueue(ReviewQueue &queue)
{
    for (QueueGroup &g : queue.groups) {
        std::stable_sort(g.proposals.begin(), g.proposals.end(), [](const Proposal &a, const Proposal &b) {
            const int ra = dream::strengthRank(a);
            const int rb = dream::strengthRank(b);
            const bool weakA = ra == dream::kWeakStrengthRank;
            const bool weakB = rb == dream::kWeakStrengthRank;
            if (weakA != weakB)
                return weakB;   // a weak case waits until everything better supported is decided
            if (a.stakes != b.stakes)
                return a.stakes == Stakes::High;
            if (ra != rb)
                return ra < rb;
            if (a.confidence != b.confidence)
                return a.confidence > b.confidence;
            return a.id < b.id;
        });
    }
    auto newest = [](const QueueGroup &g) {
        qint64 t = g.startedMs;
        for (const Proposal &p : g.proposals)
            t = std::max(t, p.createdMs);
        return t;
    };
    std::stable_sort(queue.groups.begin(), queue.groups.end(), [&](const QueueGroup &a, const QueueGroup &b) {
        if (a.hasHighStakes() != b.hasHighStakes())
            return a.hasHighStakes();
        const qint64 ta = newest(a);
        const qint64 tb = newest(b);
        if (ta != tb)
            return ta > tb;
        return a.dreamRunId > b.dreamRunId;
    });
}

ReviewQueue buildQueue(std::vector<Proposal> proposals, const std::vector<DreamRun> &runs)
{
    std::map<qint64, QueueGroup> byRun;
    for (Proposal &p : proposals) {
        QueueGroup &g = byRun[p.dreamRunId];
        g.dreamRunId = p.dreamRunId;
        g.proposals.push_back(std::move(p));
    }
    ReviewQueue queue;
    for (auto &[id, group] : byRun) {
        for (const DreamRun &r : runs) {
            if (r.id == id) {
                group.engine = r.engine;
                group.startedMs = r.startedMs;
            }
        }
        queue.groups.push_back(std::move(group));
    }
    sortQueue(queue);
    return queue;
}

namespace {

std::pair<QString, QString> requestTexts(review::Ledger &ledger, const Proposal &p, const std::vector<Rule> &current)
{
    std::vector<Rule> after;
    try {
        after = ledger.rulesAfter(p);
    } catch (const reverie::Error &e) {
        return {QString(), e.message()};
    }
    const auto line = [](const Rule &r) { return QStringLiteral("%1: %2").arg(r.id, r.text); };
    const auto same = [](const Rule &a, const Rule &b) {
        return a.id == b.id && a.text == b.text && a.scope == b.scope && a.stakes == b.stakes;
    };
    QStringList before, then;
    for (const Rule &r : current) {
        if (std::none_of(after.begin(), after.end(), [&](const Rule &a) { return same(a, r); }))
            before << line(r);
    }
    for (const Rule &r : after) {
        if (std::none_of(current.begin(), current.end(), [&](const Rule &c) { return same(c, r); }))
            then << line(r);
    }
    return {before.join(QLatin1Char('\n')), then.join(QLatin1Char('\n'))};
}

} // namespace

ReviewQueue loadReviewQueue(store::Workspace &ws)
{
    store::ProposalStore proposals(ws);
    std::vector<Proposal> open = proposals.list(ProposalStatus::Pending);
    for (Proposal &p : proposals.list(ProposalStatus::NeedsRebase))
        open.push_back(std::move(p));

    std::vector<DreamRun> runs;
    for (const Proposal &p : open) {
        const bool known = std::any_of(runs.begin(), runs.end(), [&](const DreamRun &r) { return r.id == p.dreamRunId; });
        if (p.dreamRunId != 0 && !known) {
            if (auto run = store::DreamStore(ws).get(p.dreamRunId))
                runs.push_back(*run);
        }
    }
    ReviewQueue queue = buildQueue(std::move(open), runs);

    // Approvals count only for what a proposal now says (an edit restarts the count).
    review::Ledger ledger(ws);
    std::vector<Proposal> all;
    for (const QueueGroup &g : queue.groups)
        all.insert(all.end(), g.proposals.begin(), g.proposals.end());
    queue.approvers = ledger.approversOf(all);
    const PlaybookVersion current = store::PlaybookHistory(ws).current();
    for (const QueueGroup &g : queue.groups) {
        for (const Proposal &p : g.proposals) {
            if (p.op == ProposalOp::Rollback || p.op == ProposalOp::Revert)
                queue.requestTexts.insert(p.id, requestTexts(ledger, p, current.rules));
        }
    }
    queue.currentRules = current.rules;
    queue.currentVersion = current.number;
    queue.approvalsNeeded = review::Policy(ws).load().approvalsNeeded;
    return queue;
}

} // namespace reverie::ui
