#pragma once

#include <QByteArray>
#include <QList>

namespace reverie::sql {
class Database;
}

namespace reverie::store {

// A table's secondary indexes, dropped for a bulk load inside the caller's transaction and
// built again from their own definitions before it commits. Building an index over rows
// that are all there (a sort) costs about half of keeping it up to date row by row. A
// rollback brings the indexes back with everything else; readers on other connections see
// them all along. Constraint indexes (UNIQUE, PRIMARY KEY) stay: they guard the load.
class DeferredIndexes {
public:
    // Drops `table`'s indexes if the table is empty; otherwise (or for a table without any)
    // leaves everything as it is.
    static DeferredIndexes dropIfEmpty(sql::Database &db, const char *table);
    bool isEmpty() const { return m_definitions.isEmpty(); }
    // Creates the dropped indexes again; call inside the same transaction, before COMMIT.
    void rebuild(sql::Database &db);

private:
    QList<QByteArray> m_definitions;   // CREATE INDEX statements as the schema stores them
};

} // namespace reverie::store
