// One reviewer for tst_concurrent_reviewers, as a process of its own: for a given time it
// proposes rules, approves and edits what the other reviewer proposed, and rolls back, on one
// workspace, and prints what it did, one line each:
//   decided <approve|edit|rollback> <proposal or version rolled to> <version made>
//   refused <what> <id>: <the ledger's reason>     (another reviewer got there first)
//   proposed <id>
// usage: reviewer_worker WORKSPACE NAME OTHER SECONDS

#include "core/review/Ledger.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QThread>

#include <cstdio>

using namespace reverie;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: reviewer_worker WORKSPACE NAME OTHER SECONDS\n");
        return 2;
    }
    const QString name = args.at(2), other = args.at(3);
    QDeadlineTimer deadline(qint64(args.at(4).toDouble() * 1000));
    QRandomGenerator rng(qHash(name));
    try {
        store::Workspace ws(args.at(1));
        review::Ledger ledger(ws);
        int n = 0;
        while (!deadline.hasExpired()) {
            // A person's pace, more or less: a few decisions a second, not thousands.
            QThread::msleep(10 + rng.bounded(30u));
            const quint32 roll = rng.bounded(10u);
            if (roll < 3) {
                Proposal p;
                p.op = ProposalOp::Add;
                p.text = QStringLiteral("%1's rule %2: check the logs before retrying.").arg(name).arg(++n);
                std::printf("proposed %lld\n", ledger.proposeManual(p, name));
                continue;
            }
            if (roll < 8) {
                std::vector<Proposal> pending;
                for (const Proposal &p : store::ProposalStore(ws).list(ProposalStatus::Pending))
                    if (p.author == other && p.op == ProposalOp::Add)
                        pending.push_back(p);
                if (pending.empty())
                    continue;
                const Proposal &p = pending[rng.bounded(quint32(pending.size()))];
                const bool edit = roll >= 6;
                try {
                    const review::DecisionResult r =
                        edit ? ledger.edit(p.id, name, p.text + QStringLiteral(" (worded by %1)").arg(name), QStringLiteral("ok"))
                             : ledger.approve(p.id, name, QStringLiteral("ok"));
                    if (r.outcome == review::DecisionResult::Outcome::Applied)
                        std::printf("decided %s %lld %d\n", edit ? "edit" : "approve", p.id, r.version);
                    else
                        std::printf("pending %lld\n", p.id);
                } catch (const review::LedgerRefusal &e) {
                    std::printf("refused %s %lld: %s\n", edit ? "edit" : "approve", p.id, qPrintable(e.message()));
                }
                continue;
            }
            const int current = store::PlaybookHistory(ws).currentNumber();
            const int to = 1 + int(rng.bounded(quint32(qMax(1, current))));
            try {
                const review::DecisionResult r = ledger.rollback(to, name, QStringLiteral("back to %1").arg(to));
                if (r.outcome == review::DecisionResult::Outcome::Applied)
                    std::printf("decided rollback %d %d\n", to, r.version);
            } catch (const review::LedgerRefusal &e) {
                std::printf("refused rollback %d: %s\n", to, qPrintable(e.message()));
            }
        }
    } catch (const reverie::Error &e) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(e.message()));
        return 1;
    }
    return 0;
}
