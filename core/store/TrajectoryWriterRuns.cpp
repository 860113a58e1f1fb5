// TrajectoryWriter: a new run's row, written once when the run finishes, in batches.

#include "core/store/TrajectoryWriter.h"

#include "core/store/TrajectoryWriterBind.h"
#include "core/store/Workspace.h"

namespace reverie::store {

using detail::bindTime;

TrajectoryWriter::RunText TrajectoryWriter::runText(const TrajectoryInfo &info)
{
    RunText text;
    text[TextExternalId] = info.externalId.toUtf8();
    text[TextWorkflow] = info.workflow.toUtf8();
    text[TextTask] = info.task.toUtf8();
    text[TextAgent] = info.agent.toUtf8();
    text[TextModel] = info.model.toUtf8();
    text[TextOutcome] = info.outcome.toUtf8();
    text[TextVerdictNotes] = info.verdictNotes.toUtf8();
    text[TextReviewer] = info.reviewer.toUtf8();
    text[TextPlaybookSource] = info.playbookSource.toUtf8();
    text[TextCwd] = info.cwd.toUtf8();
    return text;
}

void TrajectoryWriter::finish(qint64 handle, TrajectoryInfo &&info, RunText &&text)
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
    if (info.externalId != run.externalId)   // the row keeps the id the run began with
        text[TextExternalId] = run.externalId.toUtf8();
    m_finished.push_back({&run, std::move(info), std::move(text)});
    if (m_finished.size() == std::size_t(kRunsPerInsert))
        writeFinished();
}

void TrajectoryWriter::writeFinished()
{
    // The rows' text lives in m_finished until run(): SQLite need not copy it.
    if (m_finished.size() == std::size_t(kRunsPerInsert)) {
        int at = 0;
        for (const FinishedRun &f : m_finished)
            at = bindRun(m_insertTrajectories, at, *f.run, f);
        m_insertTrajectories.run();
    } else {
        for (const FinishedRun &f : m_finished) {
            bindRun(m_insertTrajectory, 0, *f.run, f);
            m_insertTrajectory.run();
        }
    }
    m_finished.clear();
}

// Binds one row from parameter at + 1 on; returns where the next row starts.
int TrajectoryWriter::bindRun(sql::Statement &st, int at, const Run &run, const FinishedRun &finished)
{
    const TrajectoryInfo &info = finished.info;
    auto text = [&](int i, RunTextColumn column) {
        const QByteArray &utf8 = finished.text[column];
        if (utf8.isEmpty())
            st.bindNull(at + i);
        else
            st.bindTextNoCopy(at + i, utf8);
    };
    st.bind(at + 1, run.rowId).bind(at + 2, m_sourceId);
    st.bindTextNoCopy(at + 3, finished.text[TextExternalId]);
    text(4, TextWorkflow);
    text(5, TextTask);
    text(6, TextAgent);
    text(7, TextModel);
    st.bind(at + 8, info.playbookVersion);
    bindTime(st, at + 9, info.startedMs);
    bindTime(st, at + 10, info.endedMs);
    text(11, TextOutcome);
    st.bind(at + 12, int(info.verdict));
    text(13, TextVerdictNotes);
    text(14, TextReviewer);
    st.bind(at + 15, run.nextSeq).bind(at + 16, run.errors);
    if (info.extra.isEmpty())
        st.bindNull(at + 17);
    else
        st.bindTextNoCopy(at + 17, info.extra);
    int next = 18;
    if (m_attributionColumns) {
        text(next++, TextPlaybookSource);
        text(next++, TextCwd);
    }
    if (m_identity)
        st.bindTextNoCopy(at + next++, m_formatUtf8);
    return at + next - 1;
}

} // namespace reverie::store
