// TrajectoryQueries: the steps a full-text search finds, newest first, each with a snippet:
// FTS5's MATCH and snippet() in a file, PostgreSQL's tsvector and ts_headline() on a server.

#include "core/store/TrajectoryQueries.h"

#include "core/store/Workspace.h"

namespace reverie::store {

std::vector<StepHit> TrajectoryQueries::searchSteps(const QString &text, int limit, const QString &open,
                                                    const QString &close)
{
    std::vector<StepHit> out;
    const QString fts = ftsQuery(text);
    if (fts.isEmpty())
        return out;
    const bool server = m_ws.isServer();
    sql::Statement st(m_ws.db(),
                      server ? "SELECT s.id, ts_headline('simple', coalesce(s.text, ''), plainto_tsquery('simple', ?2), ?1), "
                               "s.trajectory_id, s.seq, t.external_id FROM steps s JOIN trajectories t ON t.id = s.trajectory_id "
                               "WHERE s.search @@ plainto_tsquery('simple', ?2) ORDER BY s.id DESC LIMIT ?3"
                             : "SELECT f.rowid, snippet(steps_fts, 0, ?1, ?2, '…', 12), s.trajectory_id, s.seq, t.external_id "
                               "FROM steps_fts f JOIN steps s ON s.id = f.rowid JOIN trajectories t ON t.id = s.trajectory_id "
                               "WHERE steps_fts MATCH ?3 ORDER BY f.rowid DESC LIMIT ?4");
    if (server) {
        // ts_headline's options: the markers quoted, about the snippet's twelve words around a hit.
        auto quoted = [](QString marker) { return QLatin1Char('"') + marker.remove(QLatin1Char('"')) + QLatin1Char('"'); };
        st.bind(1, QStringLiteral("StartSel=%1, StopSel=%2, MaxWords=12, MinWords=4, ShortWord=0, MaxFragments=1, "
                                  "FragmentDelimiter=\"…\"")
                       .arg(quoted(open), quoted(close)))
            .bind(2, text)
            .bind(3, qint64(limit));
    } else {
        st.bind(1, open).bind(2, close).bind(3, fts).bind(4, qint64(limit));
    }
    while (st.step()) {
        StepHit h;
        h.stepId = st.int64(0);
        h.snippet = st.text(1);
        h.trajectoryId = st.int64(2);
        h.seq = int(st.int64(3));
        h.trajectoryExternalId = st.text(4);
        out.push_back(h);
    }
    return out;
}

} // namespace reverie::store
