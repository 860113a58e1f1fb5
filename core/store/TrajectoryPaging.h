#pragma once

#include "core/model/Trajectory.h"
#include "core/store/TrajectoryQueries.h"

#include <QString>

#include <variant>
#include <vector>

namespace reverie::store {

class Workspace;

// Where a page of the trajectory list ended: the last row's sort values and id. The next page
// starts right after it with an index seek; OFFSET made SQLite build and throw away every row
// above, so each page deep in a large workspace cost more than the one before.
struct PageKey {
    using Value = std::variant<std::monostate, qint64, QString>;   // monostate: SQL NULL
    bool valid = false;          // false: start at the first row
    std::vector<Value> values;   // one per sort column, in the order's order
    qint64 id = 0;               // the tie-breaker: every order ends with the row id
};

struct TrajectoryPage {
    std::vector<TrajectorySummary> rows;
    PageKey last;                // after the last row: pass it back for the next page
};

// Keyset paging over TrajectoryQueries' filters, in the same orders as TrajectoryQueries::list:
// every order is (sort value(s), id), so a key names one position exactly, ties included.
class TrajectoryPaging {
public:
    explicit TrajectoryPaging(Workspace &ws) : m_ws(ws), m_queries(ws) {}

    // Up to `limit` rows after `after` (from the start when it is not valid).
    TrajectoryPage page(const TrajectoryFilter &filter, const PageKey &after, int limit);
    qint64 count(const TrajectoryFilter &filter) { return m_queries.count(filter); }

private:
    Workspace &m_ws;
    TrajectoryQueries m_queries;   // kept: a search's matching runs are scanned once, not per page
};

} // namespace reverie::store
