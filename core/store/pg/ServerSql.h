#pragma once

#include <QByteArray>

namespace reverie::pg {

// A statement written for SQLite, as PostgreSQL takes it: ?NNN parameters become $NNN and bare
// ? the next number (SQLite's rule: one more than the largest so far), and INSERT OR FAIL or
// OR ABORT a plain INSERT, INSERT OR IGNORE one with ON CONFLICT DO NOTHING. String literals,
// quoted names and comments are left alone. Anything else that differs between the engines
// (functions, full-text search, PRAGMA) the store words for each engine itself.
QByteArray toServerSql(const char *sqliteSql);

} // namespace reverie::pg
