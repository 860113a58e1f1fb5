#include "app/cli/JsonOutput.h"

#include <QDateTime>
#include <QTimeZone>

namespace reverie::cli {

namespace {
// "explicit", "marker" or "publish"; "unknown" for a run whose version nothing told.
std::string playbookSourceName(const TrajectoryInfo &info)
{
    return info.playbookVersion > 0 && !info.playbookSource.isEmpty() ? u8(info.playbookSource) : "unknown";
}
} // namespace

Json toJson(const TrajectorySummary &t)
{
    return Json{{"id", u8(t.info.externalId)},
                {"row", t.id},
                {"workflow", nullable(t.info.workflow)},
                {"task", nullable(t.info.task)},
                {"agent", nullable(t.info.agent)},
                {"model", nullable(t.info.model)},
                {"playbook_version", t.info.playbookVersion},
                {"playbook_source", playbookSourceName(t.info)},
                {"cwd", nullable(t.info.cwd)},
                {"started_at", timeOrNull(t.info.startedMs)},
                {"ended_at", timeOrNull(t.info.endedMs)},
                {"outcome", nullable(t.info.outcome)},
                {"verdict", u8(verdictName(t.info.verdict))},
                {"verdict_notes", nullable(t.info.verdictNotes)},
                {"reviewer", nullable(t.info.reviewer)},
                {"steps", t.stepCount},
                {"errors", t.errorCount},
                {"source", u8(t.sourcePath)},
                {"format", u8(t.format)}};
}

QString isoTime(qint64 ms)
{
    if (ms < 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

} // namespace reverie::cli
