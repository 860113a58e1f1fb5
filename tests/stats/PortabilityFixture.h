// A generated workspace with a planted model-specific lesson, for the portability suites (core,
// CLI and heat map): playbook versions made by the ledger (propose, approve) and judged runs
// written with the TrajectoryWriter under each version, per workflow and model.
#pragma once

#include "core/review/Ledger.h"
#include "core/model/Trajectory.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QTemporaryDir>

#include <memory>

namespace reverie::test {

// Two models, three rules, each scoped to its own workflow so each is judged on runs of that
// workflow only (R1 refund_order, R2 deploy_service, R3 search_docs):
//
//   version  workflow        model-a ok/failed   model-b ok/failed
//   0        refund_order    2 / 8               8 / 2
//   1 (+R1)  refund_order    8 / 2 (+1 unjudged) 2 / 8      R1 helps a, hurts b: model-specific
//   1        deploy_service  3 / 7               3 / 7
//   2 (+R2)  deploy_service  9 / 1               9 / 1      R2 helps both: not flagged
//   2        search_docs     1 / 1               2 / 0
//   3 (+R3)  search_docs     2 / 0               0 / 2      R3: too few runs to tell
struct PortabilityWorkspace {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<store::Workspace> ws;
    int batches = 0;

    static QString modelA() { return QStringLiteral("model-a"); }
    static QString modelB() { return QStringLiteral("model-b"); }

    PortabilityWorkspace()
    {
        path = dir.filePath(QStringLiteral("portability.reverie"));
        ws = std::make_unique<store::Workspace>(path);
        writeRuns(0, QStringLiteral("refund_order"), modelA(), 2, 8);
        writeRuns(0, QStringLiteral("refund_order"), modelB(), 8, 2);
        approveRule(QStringLiteral("In refund_order, read the whole order back before refunding."),
                    QStringLiteral("refund_order"));
        writeRuns(1, QStringLiteral("refund_order"), modelA(), 8, 2, 1);
        writeRuns(1, QStringLiteral("refund_order"), modelB(), 2, 8);
        writeRuns(1, QStringLiteral("deploy_service"), modelA(), 3, 7);
        writeRuns(1, QStringLiteral("deploy_service"), modelB(), 3, 7);
        approveRule(QStringLiteral("In deploy_service, run the smoke tests before deploy."),
                    QStringLiteral("deploy_service"));
        writeRuns(2, QStringLiteral("deploy_service"), modelA(), 9, 1);
        writeRuns(2, QStringLiteral("deploy_service"), modelB(), 9, 1);
        writeRuns(2, QStringLiteral("search_docs"), modelA(), 1, 1);
        writeRuns(2, QStringLiteral("search_docs"), modelB(), 2, 0);
        approveRule(QStringLiteral("In search_docs, cite the page you read."), QStringLiteral("search_docs"));
        writeRuns(3, QStringLiteral("search_docs"), modelA(), 2, 0);
        writeRuns(3, QStringLiteral("search_docs"), modelB(), 0, 2);
    }

    // A person's rule approved by another: the next version.
    qint64 approveRule(const QString &text, const QString &workflow)
    {
        Proposal p;
        p.op = ProposalOp::Add;
        p.text = text;
        p.rationale = QStringLiteral("Seen in review.");
        p.scope.workflows << workflow;
        review::Ledger ledger(*ws);
        const qint64 id = ledger.proposeManual(p, QStringLiteral("lee"));
        ledger.approve(id, QStringLiteral("dana"), QStringLiteral("looks right"));
        return id;
    }

    // `successes` successful, `failures` failed and `unjudged` unjudged runs of `workflow`
    // with `model` under `version`.
    void writeRuns(int version, const QString &workflow, const QString &model, int successes, int failures,
                   int unjudged = 0)
    {
        ::reverie::test::writeVersionRuns(*ws, QString::number(++batches), version, workflow, model, successes,
                                          failures, unjudged);
    }
};

} // namespace reverie::test
