#include "core/store/TimelineQueries.h"

#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QHash>

namespace reverie::store {

StepColumns TimelineQueries::stepColumns(qint64 trajectoryId, const std::atomic_bool *cancel)
{
    StepColumns c;
    qint64 expected = 0;
    {
        sql::Statement count(m_ws.db(), "SELECT step_count FROM trajectories WHERE id = ?");
        count.bind(1, trajectoryId);
        if (count.step())
            expected = count.int64(0);
    }
    const auto reserve = std::size_t(qBound(qint64(0), expected, qint64(10'000'000)));
    c.ids.reserve(reserve);
    c.seqs.reserve(reserve);
    c.timestamps.reserve(reserve);
    c.durations.reserve(reserve);
    c.kinds.reserve(reserve);
    c.errors.reserve(reserve);
    c.tools.reserve(reserve);

    // A run's steps are one range of ids, in order (TrajectoryWriter.h); text and raw are never read.
    sql::Statement st(m_ws.db(), "SELECT id, seq, ts, kind, is_error, duration_ms, tool FROM steps "
                                 "WHERE id BETWEEN ? AND ? ORDER BY id");
    st.bind(1, stepIdFor(trajectoryId, 0)).bind(2, stepIdFor(trajectoryId, kStepsPerTrajectory - 1));
    QHash<QByteArray, int> toolIds;
    int sinceCheck = 0;
    while (st.step()) {
        if (cancel && ++sinceCheck == 4096) {
            sinceCheck = 0;
            if (cancel->load()) {
                c.cancelled = true;
                return c;
            }
        }
        c.ids.push_back(st.int64(0));
        c.seqs.push_back(int(st.int64(1)));
        c.timestamps.push_back(st.isNull(2) ? -1 : st.int64(2));
        c.kinds.push_back(quint8(qBound(qint64(0), st.int64(3), qint64(7))));
        c.errors.push_back(st.int64(4) != 0 ? 1 : 0);
        c.durations.push_back(st.isNull(5) ? -1 : st.int64(5));
        int tool = 0;
        if (!st.isNull(6)) {
            const QByteArray name = st.bytes(6);
            if (!name.isEmpty()) {
                auto it = toolIds.constFind(name);
                if (it == toolIds.constEnd()) {
                    it = toolIds.insert(name, int(c.toolNames.size()));
                    c.toolNames << QString::fromUtf8(name);
                }
                tool = *it;
            }
        }
        c.tools.push_back(tool);
    }
    return c;
}

std::vector<qint64> TimelineQueries::evidenceStepIds(qint64 trajectoryId)
{
    sql::Statement st(m_ws.db(), "SELECT DISTINCT step_id FROM evidence WHERE trajectory_id = ? "
                                 "AND step_id IS NOT NULL ORDER BY step_id");
    st.bind(1, trajectoryId);
    std::vector<qint64> out;
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

} // namespace reverie::store
