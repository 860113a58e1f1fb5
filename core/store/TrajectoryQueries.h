#pragma once

#include "core/model/Trajectory.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace reverie::sql {
class Statement;
}

namespace reverie::store {

class Workspace;

// Which trajectories a list shows. Empty fields do not filter.
struct TrajectoryFilter {
    std::optional<Verdict> verdict;
    QString workflow;
    QString model;
    QString search;              // words a step must contain (all of them), as a person types them
    bool errorsOnly = false;     // only runs with at least one error step
    qint64 fromMs = -1;          // started at or after
    qint64 toMs = -1;            // started before

    enum class Sort { FailedFirst, Newest, Oldest, MostErrors, MostSteps, ExternalId, Workflow, Model, PlaybookVersion };
    Sort sort = Sort::FailedFirst;
    bool descending = true;      // for the sorts that have a direction
};

// A stored step with its row id.
struct StoredStep {
    qint64 id = 0;
    Step step;
};

// A search hit inside one step, with the matches marked by the given delimiters.
struct StepHit {
    qint64 trajectoryId = 0;
    QString trajectoryExternalId;
    qint64 stepId = 0;
    int seq = 0;
    QString snippet;
};

// Read-side queries over trajectories and steps. Cheap to create; holds no state.
class TrajectoryQueries {
public:
    explicit TrajectoryQueries(Workspace &ws) : m_ws(ws) {}

    std::vector<TrajectorySummary> list(const TrajectoryFilter &filter, int offset, int limit);
    qint64 count(const TrajectoryFilter &filter);

    // By workspace row id.
    std::optional<TrajectorySummary> get(qint64 id);
    // By the id the imported file gave the run; "#123" also selects row 123. When several
    // sources hold the same external id, all of them are returned.
    std::vector<TrajectorySummary> findByExternalId(const QString &externalId);

    std::vector<StoredStep> steps(qint64 trajectoryId, int fromSeq = 0, int limit = -1);
    std::optional<StoredStep> step(qint64 stepId);

    // Step hits for a search, newest runs first; `open`/`close` wrap each match.
    std::vector<StepHit> searchSteps(const QString &text, int limit, const QString &open = QStringLiteral("["),
                                     const QString &close = QStringLiteral("]"));

    QStringList workflows();
    QStringList models();

    // Turns what a person typed into an FTS5 query that cannot be a syntax error: each word
    // becomes a quoted term, and all terms must match. Empty when there is nothing to search.
    static QString ftsQuery(const QString &text);

    // For keyset paging (TrajectoryPaging.h), which adds its own conditions and order: the
    // filter's WHERE clause (" WHERE ..." or empty) with a binder for its values, and the
    // summary columns (tables t and s) with the summary read from them.
    struct FilterSql {
        QString where;
        int valueCount = 0;
        std::function<void(sql::Statement &st, int first)> bind;
    };
    FilterSql filterSql(const TrajectoryFilter &filter);
    static const char *summaryColumns();
    static TrajectorySummary summaryFrom(const sql::Statement &st);

private:
    // The runs matching a search, kept for the next call: the browser asks for the count and
    // the first page of the same filter in a row, and each would scan every hit again. For a
    // page of a list that starts at the newest runs (`forPage`) it may be null: the word is
    // common among them, and each run is asked instead.
    const QString &runsMatching(const QString &ftsQuery, bool forPage);

    Workspace &m_ws;
    QString m_runsQuery;
    QString m_runsJson;
};

} // namespace reverie::store
