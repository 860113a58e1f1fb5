// Generated workspaces for the regression and bisect suites (core, CLI and history page): real
// playbook versions made by the ledger (propose, approve) and judged runs written with the
// TrajectoryWriter under each version, per workflow and model.
#pragma once

#include "core/review/Ledger.h"
#include "core/review/Policy.h"
#include "core/model/Trajectory.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <memory>

namespace reverie::test {

struct RegressionWorkspace {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<store::Workspace> ws;
    int batches = 0;

    // An imported two-rule playbook as version 1; with `highStakes`, deploy_service is a
    // high-stakes workflow that needs two approvers.
    explicit RegressionWorkspace(bool highStakes = false)
    {
        path = dir.filePath(QStringLiteral("regressions.reverie"));
        ws = std::make_unique<store::Workspace>(path);
        if (highStakes) {
            review::PolicySettings policy;
            policy.highStakesWorkflows << QStringLiteral("deploy_service");
            policy.approvalsNeeded = 2;
            review::Policy(*ws).save(policy);
        }
        Rule r1;
        r1.text = QStringLiteral("Confirm the order id before any refund.");
        r1.scope.workflows << QStringLiteral("refund_order");
        Rule r2;
        r2.text = QStringLiteral("Quote the error message when a tool fails.");
        review::Ledger(*ws).importPlaybook({r1, r2}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
    }

    // A person's rule, approved by others: returns the proposal; the version is the current one.
    qint64 approveRule(const QString &text, const QString &workflow = QString(), bool highStakes = false)
    {
        Proposal p;
        p.op = ProposalOp::Add;
        p.text = text;
        p.rationale = QStringLiteral("Seen in review.");
        if (!workflow.isEmpty())
            p.scope.workflows << workflow;
        review::Ledger ledger(*ws);
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        ledger.approve(id, QStringLiteral("dana"), QStringLiteral("looks right"));
        if (highStakes)
            ledger.approve(id, QStringLiteral("sam"), QStringLiteral("looks right"));
        return id;
    }

    // `successes` successful and `failures` failed runs of `workflow` with `model` under `version`
    // (`failed`: the verdict the failures get; Unknown writes runs nobody judged).
    void writeRuns(int version, const QString &workflow, const QString &model, int successes, int failures,
                   Verdict failed = Verdict::Failure)
    {
        const bool judged = failed == Verdict::Failure;
        ::reverie::test::writeVersionRuns(*ws, QString::number(++batches), version, workflow, model, successes,
                                          judged ? failures : 0, judged ? 0 : failures);
    }

    // `runs` judged runs under `version`, `successes` of them successful, spread over three
    // workflows and two models. The spread is random (a seeded generator) but every version's
    // totals are exact, so that neutral versions differ only in where their failures fall.
    void writeVersionRuns(int version, int runs, int successes, quint32 seed)
    {
        static const QStringList workflows{QStringLiteral("deploy_service"), QStringLiteral("refund_order"),
                                           QStringLiteral("triage_ticket")};
        static const QStringList models{QStringLiteral("gpt-4o"), QStringLiteral("claude-sonnet-4")};
        const int cells = int(workflows.size() * models.size());
        QRandomGenerator rng(seed);
        std::vector<int> ok(std::size_t(cells), 0), all(std::size_t(cells), runs / cells);
        for (int i = 0; i < runs % cells; ++i)
            ++all[std::size_t(i)];
        for (int placed = 0; placed < successes;) {
            const auto c = std::size_t(rng.bounded(cells));
            if (ok[c] < all[c]) {
                ++ok[c];
                ++placed;
            }
        }
        for (int c = 0; c < cells; ++c)
            writeRuns(version, workflows.at(c / 2), models.at(c % 2), ok[std::size_t(c)], all[std::size_t(c)] - ok[std::size_t(c)]);
    }
};

// The planted harm: version 2 is neutral, version 3 (proposal `harmful`) drops success from
// 80% to 50% on the same workflows, versions 4 and 5 are neutral and keep version 3's rule.
// Runs: 60 judged per version: 48 successes under 1 and 2, 30 under 3, 4 and 5.
struct HarmfulVersionWorkspace : RegressionWorkspace {
    qint64 neutral = 0;
    qint64 harmful = 0;
    qint64 later = 0;

    explicit HarmfulVersionWorkspace(bool highStakes = false) : RegressionWorkspace(highStakes)
    {
        writeVersionRuns(1, 60, 48, 11);
        neutral = approveRule(QStringLiteral("Log every refund in the ledger."), QStringLiteral("refund_order"));
        writeVersionRuns(2, 60, 48, 12);
        harmful = approveRule(QStringLiteral("In deploy_service, skip the smoke tests when the change is small."),
                              QStringLiteral("deploy_service"), highStakes);
        writeVersionRuns(3, 60, 30, 13);
        later = approveRule(QStringLiteral("Link the ticket in every triage note."), QStringLiteral("triage_ticket"));
        writeVersionRuns(4, 60, 30, 14);
        approveRule(QStringLiteral("Say which model answered in the run summary."));
        writeVersionRuns(5, 60, 30, 15);
    }
};

} // namespace reverie::test
