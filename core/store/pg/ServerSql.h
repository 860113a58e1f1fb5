#pragma once

#include <QByteArray>

namespace reverie::pg {

// A statement written for SQLite, as PostgreSQL takes it: ?NNN parameters become $NNN and bare
// ? the next number (SQLite's rule: one more than the largest so far), and INSERT OR FAIL or
// OR ABORT a plain INSERT, INSERT OR IGNORE one with ON CONFLICT DO NOTHING; INTEGER becomes
// BIGINT (SQLite's are 64 bits), temp.x pg_temp.x, "$N IS NULL" gets a type, ASC and DESC sort
// NULLs as SQLite does (first, last), and the failed-first key is a number. String literals,
// quoted names and comments are left alone. Anything else that differs between the engines
// (functions, full-text search, PRAGMA) the store words for each engine itself.
QByteArray toServerSql(const char *sqliteSql);

} // namespace reverie::pg
