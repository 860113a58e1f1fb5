#include "core/store/TrajectoryQueries.h"

#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QRegularExpression>

#include <functional>
#include <variant>

namespace reverie::store {

namespace {

constexpr const char *kSummaryColumns =
    "t.id, t.external_id, t.workflow, t.task, t.agent, t.model, t.playbook_version, t.started_at, t.ended_at, "
    "t.outcome, t.verdict, t.verdict_notes, t.reviewer, t.step_count, t.error_count, s.path, s.format, "
    "t.playbook_source, t.cwd";

TrajectorySummary readSummary(const sql::Statement &st)
{
    TrajectorySummary t;
    t.id = st.int64(0);
    t.info.externalId = st.text(1);
    t.info.workflow = st.text(2);
    t.info.task = st.text(3);
    t.info.agent = st.text(4);
    t.info.model = st.text(5);
    t.info.playbookVersion = int(st.int64(6));
    t.info.startedMs = st.isNull(7) ? -1 : st.int64(7);
    t.info.endedMs = st.isNull(8) ? -1 : st.int64(8);
    t.info.outcome = st.text(9);
    t.info.verdict = static_cast<Verdict>(st.int64(10));
    t.info.verdictNotes = st.text(11);
    t.info.reviewer = st.text(12);
    t.stepCount = int(st.int64(13));
    t.errorCount = int(st.int64(14));
    t.sourcePath = st.text(15);
    t.format = st.text(16);
    t.info.playbookSource = st.text(17);
    t.info.cwd = st.text(18);
    // Before migration 6 only the run's own field could give a version, so a version without
    // a source was stated explicitly; a source without a version means nothing.
    if (t.info.playbookVersion <= 0)
        t.info.playbookSource.clear();
    else if (t.info.playbookSource.isEmpty())
        t.info.playbookSource = QStringLiteral("explicit");
    return t;
}

StoredStep readStep(const sql::Statement &st)
{
    StoredStep s;
    s.id = st.int64(0);
    s.step.seq = int(st.int64(1));
    s.step.timestampMs = st.isNull(2) ? -1 : st.int64(2);
    s.step.kind = static_cast<StepKind>(st.int64(3));
    s.step.tool = st.text(4);
    s.step.callId = st.text(5);
    s.step.role = st.text(6);
    s.step.text = st.text(7);
    s.step.isError = st.int64(8) != 0;
    s.step.durationMs = st.isNull(9) ? -1 : st.int64(9);
    s.step.raw = st.bytes(10);
    return s;
}

constexpr const char *kStepColumns = "id, seq, ts, kind, tool, call_id, role, text, is_error, duration_ms, raw";

using BindValue = std::variant<qint64, QString>;

// The WHERE clause of a filter and the values to bind to it, in order.
struct WhereClause {
    QString sql;
    std::vector<BindValue> values;

    void bindTo(sql::Statement &st, int first = 1) const
    {
        int i = first;
        for (const BindValue &v : values) {
            if (std::holds_alternative<qint64>(v))
                st.bind(i++, std::get<qint64>(v));
            else
                st.bind(i++, std::get<QString>(v));
        }
    }
};

// The runs with at least one step matching an FTS query, as a JSON array for json_each().
// Step ids carry their run (see TrajectoryWriter.h) and the index hands its hits over in
// id order, so the distinct runs fall out of one pass with no lookup per hit. Letting SQLite
// do it (`id IN (SELECT rowid >> 24 ...)`) built a temporary index of every hit: a common
// word in a million steps made that the slowest part of a search.
//
// With `budget` > 0 (for a page of a list that starts at the newest runs) the pass gives up
// (returns a null string) once it has read that many hits spread over the newest runs densely
// enough that most of them hold a hit: the list then asks the index run by run instead (see
// whereFor), and a page needs a few hundred of those asks, where reading every hit of a word
// that is in a third of ten million steps took 250 ms. Hits come newest run first.
QString scanRunsMatching(sql::Database &db, const QString &fts, qint64 budget)
{
    constexpr double kDenseEnough = 0.25;   // of the newest runs down to the budget's last hit, had a hit
    constexpr qint64 kDenseRuns = 64;       // and enough of them to tell
    qint64 newest = 0;
    if (budget > 0) {
        sql::Statement max(db, "SELECT max(id) FROM trajectories");
        newest = max.step() ? max.int64(0) : 0;
    }
    sql::Statement st(db, "SELECT rowid FROM steps_fts WHERE steps_fts MATCH ? ORDER BY rowid DESC");
    st.bind(1, fts);
    QString json = QStringLiteral("[");
    qint64 last = -1, runs = 0, hits = 0;
    while (st.step()) {
        const qint64 run = st.int64(0) >> kStepSeqBits;
        if (budget > 0 && ++hits == budget) {
            if (runs >= kDenseRuns && double(runs) >= kDenseEnough * double(newest - run + 1))
                return {};
            budget = 0;   // a word piled into a few runs, or only in older ones: read it all
        }
        if (run == last)
            continue;
        if (last >= 0)
            json += QLatin1Char(',');
        json += QString::number(run);
        last = run;
        ++runs;
    }
    return json + QLatin1Char(']');
}

// Whether a list in this order starts at the newest runs, where the scan above looks.
bool startsAtTheNewest(const TrajectoryFilter &f)
{
    return f.sort == TrajectoryFilter::Sort::FailedFirst || f.sort == TrajectoryFilter::Sort::Newest;
}

// `runsMatching` gives the runs an FTS query matches, as a JSON array, or a null string when
// each run is better asked on its own.
WhereClause whereFor(const TrajectoryFilter &f, const std::function<const QString &(const QString &)> &runsMatching,
                     bool server)
{
    WhereClause w;
    QStringList parts;
    if (f.verdict) {
        parts << QStringLiteral("t.verdict = ?");
        w.values.emplace_back(qint64(*f.verdict));
    }
    if (!f.workflow.isEmpty()) {
        parts << QStringLiteral("t.workflow = ?");
        w.values.emplace_back(f.workflow);
    }
    if (!f.model.isEmpty()) {
        parts << QStringLiteral("t.model = ?");
        w.values.emplace_back(f.model);
    }
    if (f.errorsOnly)
        parts << QStringLiteral("t.error_count > 0");
    if (f.fromMs >= 0) {
        parts << QStringLiteral("t.started_at >= ?");
        w.values.emplace_back(f.fromMs);
    }
    if (f.toMs >= 0) {
        parts << QStringLiteral("t.started_at < ?");
        w.values.emplace_back(f.toMs);
    }
    const QString fts = TrajectoryQueries::ftsQuery(f.search);
    if (!fts.isEmpty() && server) {
        // PostgreSQL's own full-text search: every word, as the file's search asks (GIN index).
        parts << QStringLiteral("t.id IN (SELECT s.trajectory_id FROM steps s "
                                "WHERE s.search @@ plainto_tsquery('simple', ?))");
        w.values.emplace_back(f.search);
    } else if (!fts.isEmpty()) {
        // Either way SQLite walks the runs in the order asked for (an index for the default
        // order) and stops after a page; the unary + keeps it from driving the query from the
        // list. Last of the conditions, so the cheap ones turn a run away before it is asked.
        const QString &runs = runsMatching(fts);
        if (runs.isNull()) {
            // One seek into the index per run: its steps are one range of rowids.
            parts << QStringLiteral("EXISTS (SELECT 1 FROM steps_fts WHERE steps_fts MATCH ? AND rowid "
                                    "BETWEEN (t.id << %1) AND (t.id << %1) + %2)")
                         .arg(kStepSeqBits)
                         .arg(kStepsPerTrajectory - 1);
            w.values.emplace_back(fts);
        } else {
            parts << QStringLiteral("+t.id IN (SELECT value FROM json_each(?))");
            w.values.emplace_back(runs);
        }
    }
    if (!parts.isEmpty())
        w.sql = QStringLiteral(" WHERE ") + parts.join(QLatin1String(" AND "));
    return w;
}

QString orderFor(const TrajectoryFilter &f)
{
    const QString dir = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    switch (f.sort) {
    case TrajectoryFilter::Sort::FailedFirst:
        return QStringLiteral(" ORDER BY (t.verdict = 2) DESC, t.started_at DESC, t.id DESC");
    case TrajectoryFilter::Sort::Newest: return QStringLiteral(" ORDER BY t.started_at DESC, t.id DESC");
    case TrajectoryFilter::Sort::Oldest: return QStringLiteral(" ORDER BY t.started_at ASC, t.id ASC");
    case TrajectoryFilter::Sort::MostErrors: return QStringLiteral(" ORDER BY t.error_count %1, t.id").arg(dir);
    case TrajectoryFilter::Sort::MostSteps: return QStringLiteral(" ORDER BY t.step_count %1, t.id").arg(dir);
    case TrajectoryFilter::Sort::ExternalId: return QStringLiteral(" ORDER BY t.external_id %1, t.id").arg(dir);
    case TrajectoryFilter::Sort::Workflow: return QStringLiteral(" ORDER BY t.workflow %1, t.id").arg(dir);
    case TrajectoryFilter::Sort::Model: return QStringLiteral(" ORDER BY t.model %1, t.id").arg(dir);
    case TrajectoryFilter::Sort::PlaybookVersion:
        return QStringLiteral(" ORDER BY t.playbook_version %1, t.id").arg(dir);
    }
    return {};
}

} // namespace

const QString &TrajectoryQueries::runsMatching(const QString &ftsQuery, bool forPage)
{
    // Hits read before the scan may give up for a page; a few milliseconds' worth.
    constexpr qint64 kPageScanBudget = 50'000;
    const bool known = m_runsQuery == ftsQuery && !m_runsQuery.isNull();
    if (!known || (m_runsJson.isNull() && !forPage)) {
        m_runsJson = scanRunsMatching(m_ws.db(), ftsQuery, forPage ? kPageScanBudget : 0);
        m_runsQuery = ftsQuery;
    }
    return m_runsJson;
}

QString TrajectoryQueries::ftsQuery(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    QStringList terms;
    for (const QString &word : text.split(space, Qt::SkipEmptyParts)) {
        QString quoted = word;
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        terms << QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return terms.join(QLatin1Char(' '));
}

TrajectoryQueries::FilterSql TrajectoryQueries::filterSql(const TrajectoryFilter &filter)
{
    const bool forPage = startsAtTheNewest(filter);
    WhereClause w = whereFor(
        filter, [&](const QString &fts) -> const QString & { return runsMatching(fts, forPage); }, m_ws.isServer());
    FilterSql out;
    out.where = w.sql;
    out.valueCount = int(w.values.size());
    out.bind = [w = std::move(w)](sql::Statement &st, int first) { w.bindTo(st, first); };
    return out;
}

const char *TrajectoryQueries::summaryColumns() { return kSummaryColumns; }

TrajectorySummary TrajectoryQueries::summaryFrom(const sql::Statement &st) { return readSummary(st); }

std::vector<TrajectorySummary> TrajectoryQueries::list(const TrajectoryFilter &filter, int offset, int limit)
{
    const bool forPage = startsAtTheNewest(filter) && limit >= 0;
    const WhereClause w = whereFor(
        filter, [&](const QString &fts) -> const QString & { return runsMatching(fts, forPage); }, m_ws.isServer());
    const QString sqlText = QStringLiteral("SELECT %1 FROM trajectories t JOIN sources s ON s.id = t.source_id")
                                .arg(QLatin1String(kSummaryColumns))
                            + w.sql + orderFor(filter) + QStringLiteral(" LIMIT ? OFFSET ?");
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    w.bindTo(st);
    // No limit: -1 for SQLite, NULL for PostgreSQL (each refuses the other's).
    if (limit < 0 && m_ws.isServer())
        st.bindNull(int(w.values.size()) + 1);
    else
        st.bind(int(w.values.size()) + 1, qint64(limit < 0 ? -1 : limit));
    st.bind(int(w.values.size()) + 2, qint64(offset));
    std::vector<TrajectorySummary> out;
    while (st.step())
        out.push_back(readSummary(st));
    return out;
}

qint64 TrajectoryQueries::count(const TrajectoryFilter &filter)
{
    const WhereClause w = whereFor(
        filter, [this](const QString &fts) -> const QString & { return runsMatching(fts, false); }, m_ws.isServer());
    const QString sqlText = QStringLiteral("SELECT count(*) FROM trajectories t") + w.sql;
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    w.bindTo(st);
    return st.step() ? st.int64(0) : 0;
}

std::optional<TrajectorySummary> TrajectoryQueries::get(qint64 id)
{
    const QString sqlText = QStringLiteral("SELECT %1 FROM trajectories t JOIN sources s ON s.id = t.source_id "
                                           "WHERE t.id = ?")
                                .arg(QLatin1String(kSummaryColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readSummary(st);
}

std::vector<TrajectorySummary> TrajectoryQueries::findByExternalId(const QString &externalId)
{
    std::vector<TrajectorySummary> out;
    if (externalId.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const qint64 id = externalId.mid(1).toLongLong(&ok);
        if (ok) {
            if (auto t = get(id))
                out.push_back(*t);
            return out;
        }
    }
    const QString sqlText = QStringLiteral("SELECT %1 FROM trajectories t JOIN sources s ON s.id = t.source_id "
                                           "WHERE t.external_id = ? ORDER BY t.id")
                                .arg(QLatin1String(kSummaryColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, externalId);
    while (st.step())
        out.push_back(readSummary(st));
    return out;
}

std::vector<StoredStep> TrajectoryQueries::steps(qint64 trajectoryId, int fromSeq, int limit)
{
    // A run's steps are one range of ids, in order (TrajectoryWriter.h).
    const QString sqlText = QStringLiteral("SELECT %1 FROM steps WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?")
                                .arg(QLatin1String(kStepColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, stepIdFor(trajectoryId, qBound(0, fromSeq, kStepsPerTrajectory - 1)))
        .bind(2, stepIdFor(trajectoryId, kStepsPerTrajectory - 1));
    if (limit < 0 && m_ws.isServer())
        st.bindNull(3);   // no limit: NULL for PostgreSQL, -1 for SQLite (each refuses the other's)
    else
        st.bind(3, qint64(limit));
    std::vector<StoredStep> out;
    while (st.step())
        out.push_back(readStep(st));
    return out;
}

std::optional<StoredStep> TrajectoryQueries::step(qint64 stepId)
{
    const QString sqlText = QStringLiteral("SELECT %1 FROM steps WHERE id = ?").arg(QLatin1String(kStepColumns));
    sql::Statement st(m_ws.db(), sqlText.toUtf8().constData());
    st.bind(1, stepId);
    if (!st.step())
        return std::nullopt;
    return readStep(st);
}

namespace {
QStringList distinctColumn(sql::Database &db, const char *sqlText)
{
    sql::Statement st(db, sqlText);
    QStringList out;
    while (st.step())
        out << st.text(0);
    return out;
}
} // namespace

QStringList TrajectoryQueries::workflows()
{
    return distinctColumn(m_ws.db(), "SELECT DISTINCT workflow FROM trajectories WHERE workflow IS NOT NULL "
                                     "ORDER BY workflow");
}

QStringList TrajectoryQueries::models()
{
    return distinctColumn(m_ws.db(), "SELECT DISTINCT model FROM trajectories WHERE model IS NOT NULL ORDER BY model");
}

} // namespace reverie::store
