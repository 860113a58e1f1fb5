// A real workspace for the review and history widget tests: a policy (deploy_service is
// high-stakes, two approvals, Markdown + JSON publish targets), an imported two-rule playbook,
// one imported run to cite as evidence, and helpers to add proposals through core.
#pragma once

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/DreamStore.h"
#include "core/review/Ledger.h"
#include "core/review/Policy.h"
#include "core/store/ProposalStore.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include "UiTestSupport.h"

#include <memory>

namespace reverie::test {

inline QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Hands a review page its workspace, shows it active, and waits for the queue it reads on a
// worker. (A template: the fixture does not depend on the page.)
template <typename Page>
inline bool openReviewPage(Page &page, const QString &path);

// Shows a top-level widget and makes it the active window, so its shortcuts are live.
inline bool activate(QWidget *w)
{
    w->show();
    w->activateWindow();
    return QTest::qWaitForWindowActive(w);
}

template <typename Page>
inline bool openReviewPage(Page &page, const QString &path)
{
    QSignalSpy reloaded(&page, &Page::queueReloaded);
    page.setWorkspace(path);
    if (!activate(&page))
        return false;
    return QTest::qWaitFor([&] { return reloaded.count() > 0; }, 20000);
}

struct ReviewWorkspace {
    QTemporaryDir dir;
    QString path;
    QString markdown;
    QString json;
    std::unique_ptr<store::Workspace> ws;
    qint64 runId = 0;           // the imported trajectory
    qint64 stepId = 0;          // its deploy step
    qint64 dreamRunId = 0;

    ReviewWorkspace()
    {
        path = dir.filePath(QStringLiteral("review.reverie"));
        markdown = dir.filePath(QStringLiteral("published/AGENTS.md"));
        json = dir.filePath(QStringLiteral("published/playbook.json"));
        ws = std::make_unique<store::Workspace>(path);
        review::PolicySettings policy;
        policy.highStakesWorkflows << QStringLiteral("deploy_service");
        policy.approvalsNeeded = 2;
        policy.publishTargets << markdown << json;
        review::Policy(*ws).save(policy);
        Rule r1;
        r1.text = QStringLiteral("Confirm the order id before any refund.");
        r1.scope.workflows << QStringLiteral("refund_order");
        Rule r2;
        r2.text = QStringLiteral("Quote the error message when a tool fails.");
        review::Ledger(*ws).importPlaybook({r1, r2}, QStringLiteral("ops"), QStringLiteral("AGENTS.md"));
        importRun();
        DreamRun run;
        run.engine = QStringLiteral("offline-miner");
        run.startedMs = 1763900000000;
        run.status = DreamStatus::Succeeded;
        dreamRunId = store::DreamStore(*ws).insert(run);
    }

    void importRun()
    {
        const QString file = dir.filePath(QStringLiteral("deploy.jsonl"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write the test trajectory");
        f.write(R"({"trajectory": "deploy-7", "type": "task", "ts": 1763900000000, "title": "Deploy billing-api", "workflow": "deploy_service", "model": "claude-sonnet-4", "playbook_version": 1}
{"trajectory": "deploy-7", "type": "plan", "ts": 1763900001000, "text": "Deploy straight away."}
{"trajectory": "deploy-7", "type": "tool_call", "ts": 1763900002000, "tool": "deploy", "input": {"env": "production"}, "call_id": "c1"}
{"trajectory": "deploy-7", "type": "observation", "ts": 1763900003000, "call_id": "c1", "output": "tests failing", "is_error": true}
{"trajectory": "deploy-7", "type": "verdict", "ts": 1763900004000, "success": false, "reviewer": "ops", "notes": "deployed without tests"}
)");
        f.close();
        ingest::ImportRunner runner(*ws, ingest::FormatRegistry::builtin());
        const ingest::FileResult r = runner.importFile(file);
        if (!r.ok())
            qFatal("test trajectory import failed: %s", qPrintable(r.error));
        store::TrajectoryQueries q(*ws);
        runId = q.findByExternalId(QStringLiteral("deploy-7")).front().id;
        for (const store::StoredStep &s : q.steps(runId)) {
            if (s.step.kind == StepKind::ToolCall)
                stepId = s.id;
        }
    }

    // A person's proposal (needs someone else's approval).
    qint64 manual(ProposalOp op, const QString &text, const QStringList &targets = {}, const QString &workflow = {},
                  const QString &author = QStringLiteral("lee"))
    {
        Proposal p;
        p.op = op;
        p.text = text;
        p.targetRules = targets;
        p.rationale = QStringLiteral("Seen in review.");
        if (!workflow.isEmpty())
            p.scope.workflows << workflow;
        return review::Ledger(*ws).proposeManual(p, author);
    }

    // A dream run's proposal with evidence pointing at the imported run's deploy step.
    qint64 dreamed(ProposalOp op, const QString &text, double confidence, Stakes stakes = Stakes::Low,
                   const QStringList &targets = {})
    {
        Proposal p;
        p.dreamRunId = dreamRunId;
        p.op = op;
        p.text = text;
        p.targetRules = targets;
        p.rationale = QStringLiteral("Failures skip this; successes do it.");
        p.stakes = stakes;
        if (stakes == Stakes::High)
            p.scope.workflows << QStringLiteral("deploy_service");
        p.confidence = confidence;
        p.support = 3;
        p.baseVersion = 1;
        p.author = QStringLiteral("offline-miner");
        p.kind = QStringLiteral("precedence");
        p.replay = ReplayRecord{4, 4, 6, 5, false};
        Evidence e;
        e.trajectoryId = runId;
        e.stepId = stepId;
        e.note = QStringLiteral("deploy without run_tests");
        p.evidence.push_back(e);
        return store::ProposalStore(*ws).insert(p);
    }
};

} // namespace reverie::test
