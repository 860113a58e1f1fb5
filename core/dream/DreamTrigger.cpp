#include "core/dream/DreamTrigger.h"

#include "core/review/Policy.h"
#include "core/store/Workspace.h"

#include <QDateTime>
#include <QTime>

namespace reverie::dream {

namespace {

qint64 scalar(store::Workspace &ws, const char *sqlText)
{
    sql::Statement st(ws.db(), sqlText);
    return st.step() && !st.isNull(0) ? st.int64(0) : 0;
}

} // namespace

std::optional<QString> dreamDue(store::Workspace &ws, qint64 nowMs)
{
    const review::PolicySettings policy = review::Policy(ws).load();
    if (policy.dreamAfterFailures > 0) {
        // Failed runs that no successful pass has read yet.
        const qint64 fresh = scalar(ws, "SELECT count(*) FROM trajectories t WHERE t.verdict = 2 AND NOT EXISTS "
                                        "(SELECT 1 FROM dream_inputs i JOIN dream_runs r ON r.id = i.dream_run_id "
                                        "WHERE i.trajectory_id = t.id AND r.status = 'succeeded')");
        if (fresh >= policy.dreamAfterFailures)
            return QStringLiteral("%1 new failed run(s) arrived since the last pass (the policy dreams after %2)")
                .arg(fresh)
                .arg(policy.dreamAfterFailures);
    }
    const QTime at = QTime::fromString(policy.dreamDailyAt, QStringLiteral("HH:mm"));
    if (at.isValid()) {
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
        const QDateTime todayAt(now.date(), at);
        const qint64 lastStart = scalar(ws, "SELECT max(started_at) FROM dream_runs");
        if (now >= todayAt && lastStart < todayAt.toMSecsSinceEpoch())
            return QStringLiteral("the daily pass at %1").arg(policy.dreamDailyAt);
    }
    return std::nullopt;
}

std::optional<DreamResult> dreamIfDue(const QString &workspacePath, qint64 nowMs)
{
    {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(workspacePath, options);
        if (ws.isReadOnly() || !dreamDue(ws, nowMs))
            return std::nullopt;
    }
    DreamRequest request;
    request.workspacePath = workspacePath;
    request.engine = QStringLiteral("offline");
    request.selection.notYetDreamed = true;
    return runDreamPass(request, {});
}

} // namespace reverie::dream
