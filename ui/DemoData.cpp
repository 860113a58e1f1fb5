#include "ui/DemoData.h"

#include "core/dream/DreamPass.h"
#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/review/Ledger.h"
#include "core/review/PolicyChange.h"
#include "core/store/PlaybookHistory.h"
#include "core/store/ProposalStore.h"
#include "core/store/ReviewLog.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <atomic>

namespace reverie::ui::DemoData {

namespace {

// The workflow the demo's policy marks high-stakes, so that its pending proposal shows a new
// user the two-approver gate.
const QString kHighStakesWorkflow = QStringLiteral("refund_order");
// The lesson the demo approves: the one its later runs (resources/demo-after) follow.
const QString kApprovedWorkflow = QStringLiteral("deploy_service");
const QString kApprovedTool = QStringLiteral("run_tests");
// The "playbook_version" the runs in resources/demo-after carry.
constexpr int kLaterRunsVersion = 1;

// Progress milestones in permille: the imports and the dream pass take nearly all the time.
constexpr int kAfterPolicy = 20;
constexpr int kAfterFirstImport = 400;
constexpr int kAfterDream = 800;
constexpr int kAfterApproval = 850;

class Builder {
public:
    Builder(store::Workspace &ws, const BuildControl &control) : m_ws(ws), m_control(control) {}

    void report(int permille) const
    {
        if (m_control.progress)
            m_control.progress(permille);
    }

    void checkCancelled()
    {
        if (m_control.isCancelled && m_control.isCancelled()) {
            m_cancel.store(true);
            throw BuildCancelled(QStringLiteral("building the demo workspace was cancelled; %1 is incomplete")
                                     .arg(m_ws.path()));
        }
    }

    void requireEmpty()
    {
        const bool empty = store::TrajectoryQueries(m_ws).count({}) == 0
            && store::PlaybookHistory(m_ws).currentNumber() == 0 && store::ProposalStore(m_ws).list().empty()
            && store::ReviewLog(m_ws).all().empty();
        if (!empty)
            throw reverie::Error(QStringLiteral("%1 already holds runs or decisions; the demo is built only into a "
                                                "new or empty workspace")
                                     .arg(m_ws.path()));
    }

    // Any file that fails fails the build: a demo missing runs would tell the wrong story.
    int importBundled(const QString &prefix, int fromPermille, int toPermille)
    {
        QTemporaryDir dir;
        if (!dir.isValid())
            throw reverie::Error(QStringLiteral("cannot create a temporary folder for the demo files: %1")
                                     .arg(dir.errorString()));
        const QStringList files = extractTo(dir.path(), prefix);
        if (files.isEmpty())
            throw reverie::Error(QStringLiteral("the executable holds no demo files under %1").arg(prefix));
        ingest::ImportRunner runner(m_ws, ingest::FormatRegistry::builtin());
        runner.setCancelFlag(&m_cancel);
        runner.setProgress([this, fromPermille, toPermille](qint64 done, qint64 total) {
            if (m_control.isCancelled && m_control.isCancelled())
                m_cancel.store(true);
            if (total > 0)
                report(fromPermille + int(done * (toPermille - fromPermille) / total));
        });
        int runs = 0;
        for (const ingest::FileResult &r : runner.importFiles(files)) {
            checkCancelled();
            if (!r.ok())
                throw reverie::Error(r.error);
            runs += r.trajectories;
        }
        checkCancelled();
        return runs;
    }

    dream::DreamResult dream()
    {
        dream::DreamRequest request;
        request.workspacePath = m_ws.path();
        request.engine = QStringLiteral("offline");
        dream::DreamControl control;
        control.isCancelled = m_control.isCancelled;
        control.progress = [this](int percent, const QString &) {
            report(kAfterFirstImport + percent * (kAfterDream - kAfterFirstImport) / 100);
        };
        dream::DreamResult result = dream::runDreamPass(request, control);
        checkCancelled();
        if (result.run.status != DreamStatus::Succeeded)
            throw reverie::Error(QStringLiteral("the demo's dream pass did not finish: %1").arg(result.run.error));
        return result;
    }

private:
    store::Workspace &m_ws;
    const BuildControl &m_control;
    std::atomic_bool m_cancel{false};
};

// The dream pass's rule for the approved lesson: "In deploy_service, run run_tests before deploy."
const Proposal *deployRule(const std::vector<Proposal> &proposals)
{
    for (const Proposal &p : proposals) {
        if (p.op == ProposalOp::Add && p.scope.workflows == QStringList{kApprovedWorkflow}
            && p.text.contains(kApprovedTool))
            return &p;
    }
    return nullptr;
}

} // namespace

QString defaultPath()
{
    return QFileInfo(store::Workspace::defaultPath()).dir().filePath(QStringLiteral("demo.reverie"));
}

QStringList extractTo(const QString &dir, const QString &prefix)
{
    QStringList out;
    QDirIterator it(prefix, QDir::Files);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = QDir(dir).filePath(QFileInfo(source).fileName());
        QFile::remove(target);
        if (QFile::copy(source, target)) {
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
            out << target;
        }
    }
    out.sort();
    return out;
}

BuildReport build(const QString &workspacePath, const BuildControl &control)
{
    store::Workspace ws(workspacePath);   // this thread's own connection
    Builder builder(ws, control);
    builder.requireEmpty();
    builder.report(0);
    review::Ledger ledger(ws);

    // The policy first, so the dream pass already sees refund_order as high-stakes. Tightening
    // applies at once and is recorded in the review log like any decision.
    review::PolicyChange policy;
    policy.addWorkflows = QStringList{kHighStakesWorkflow};
    const review::DecisionResult tightened =
        ledger.changePolicy(policy, reviewerName(),
                            QStringLiteral("Refunds move customers' money: rules about them need two approvers."));
    if (tightened.outcome != review::DecisionResult::Outcome::Applied)
        throw reverie::Error(QStringLiteral("the demo's policy did not apply: %1").arg(tightened.message));
    builder.report(kAfterPolicy);
    builder.checkCancelled();

    BuildReport report;
    report.runs = builder.importBundled(QStringLiteral(":/demo"), kAfterPolicy, kAfterFirstImport);

    const dream::DreamResult dreamt = builder.dream();
    const Proposal *rule = deployRule(dreamt.proposals);
    if (!rule)
        throw reverie::Error(QStringLiteral("the demo's dream pass proposed no %1 rule about %2")
                                 .arg(kApprovedWorkflow, kApprovedTool));
    const review::DecisionResult approved =
        ledger.approve(rule->id, reviewerName(),
                       QStringLiteral("Every deploy that skipped run_tests failed its health check."));
    if (approved.outcome != review::DecisionResult::Outcome::Applied)
        throw reverie::Error(QStringLiteral("the demo's approval did not apply: %1").arg(approved.message));
    // The later runs name the version they ran under, and it is this one.
    if (approved.version != kLaterRunsVersion)
        throw reverie::Error(QStringLiteral("the demo's approval made playbook version %1; its later runs ran under %2")
                                 .arg(approved.version)
                                 .arg(kLaterRunsVersion));
    report.version = approved.version;
    report.ruleText = rule->text;
    builder.report(kAfterApproval);
    builder.checkCancelled();

    // These runs name playbook version 1 themselves: the agent ran with the approved rule.
    report.runs += builder.importBundled(QStringLiteral(":/demo-after"), kAfterApproval, 1000);
    report.pendingProposals = int(store::ProposalStore(ws).list(ProposalStatus::Pending).size());
    builder.report(1000);
    return report;
}

} // namespace reverie::ui::DemoData
