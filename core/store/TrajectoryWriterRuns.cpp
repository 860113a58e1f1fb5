// TrajectoryWriter: a new run's row, written once when the run finishes, in batches.

#include "core/store/TrajectoryWriter.h"

#include "core/store/TrajectoryWriterBind.h"
#include "core/store/Workspace.h"

namespace reverie::store {

using detail::bindTime;

void TrajectoryWriter::finish(qint64 handle, TrajectoryInfo &&info)
{
    Run &run = runOf(handle);
    if (run.existing) {
        finishExisting(run, info);
        return;
    }
    if (!run.unwritten) {
        // Finished again (no importer does today): the later call's row replaces the earlier.
        // Foreign keys are off for the import, so the run's steps stay.
        writeFinished();
        sql::Statement drop(m_ws.db(), "DELETE FROM trajectories WHERE id = ?");
        drop.bind(1, run.rowId);
        drop.run();
    }
    run.unwritten = false;
    m_finished.push_back({&run, std::move(info)});
    if (m_finished.size() == std::size_t(kRunsPerInsert))
        writeFinished();
}

void TrajectoryWriter::writeFinished()
{
    // The UTF-8 of the text columns lives here until run(): SQLite need not copy it again.
    std::vector<QByteArray> utf8;
    utf8.reserve(m_finished.size() * 10);
    if (m_finished.size() == std::size_t(kRunsPerInsert)) {
        int at = 0;
        for (const FinishedRun &f : m_finished)
            at = bindRun(m_insertTrajectories, at, *f.run, f.info, utf8);
        m_insertTrajectories.run();
    } else {
        for (const FinishedRun &f : m_finished) {
            bindRun(m_insertTrajectory, 0, *f.run, f.info, utf8);
            m_insertTrajectory.run();
        }
    }
    m_finished.clear();
}

// Binds one row from parameter at + 1 on; returns where the next row starts.
int TrajectoryWriter::bindRun(sql::Statement &st, int at, const Run &run, const TrajectoryInfo &info,
                              std::vector<QByteArray> &utf8)
{
    auto text = [&](int i, const QString &s) {
        if (s.isEmpty()) {
            st.bindNull(at + i);
            return;
        }
        utf8.push_back(s.toUtf8());
        st.bindTextNoCopy(at + i, utf8.back());
    };
    st.bind(at + 1, run.rowId).bind(at + 2, m_sourceId).bind(at + 3, run.externalId);
    text(4, info.workflow);
    text(5, info.task);
    text(6, info.agent);
    text(7, info.model);
    st.bind(at + 8, info.playbookVersion);
    bindTime(st, at + 9, info.startedMs);
    bindTime(st, at + 10, info.endedMs);
    text(11, info.outcome);
    st.bind(at + 12, int(info.verdict));
    text(13, info.verdictNotes);
    text(14, info.reviewer);
    st.bind(at + 15, run.nextSeq).bind(at + 16, run.errors);
    if (info.extra.isEmpty())
        st.bindNull(at + 17);
    else
        st.bindTextNoCopy(at + 17, info.extra);
    int next = 18;
    if (m_attributionColumns) {
        text(next++, info.playbookSource);
        text(next++, info.cwd);
    }
    if (m_identity)
        st.bind(at + next++, m_format);
    return at + next - 1;
}

} // namespace reverie::store
