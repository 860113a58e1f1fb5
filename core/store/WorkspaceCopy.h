#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace reverie::store {

// What a copy moved, table by table, and the heads of the hash chains it found the same.
struct CopyReport {
    QStringList tables;   // "steps: 1000000 rows", in the order copied
    qint64 rows = 0;
};

// Copies a whole workspace, SQLite file or server database, into another that is new or empty:
// a team moving to a server, or a server workspace taken home. Every table, row for row, ids
// and hashes as they are, in one transaction on the destination: either all of it lands or
// nothing does (a new SQLite file that was made for it is removed again). Afterwards both
// workspaces' hash chains must verify and their heads match; otherwise the copy is rolled
// back. Throws reverie::Error naming what is wrong.
//
// `progress` (may be null) hears each table as it starts: (table, tables done, tables in all).
CopyReport copyWorkspace(const QString &source, const QString &destination,
                         const std::function<void(const QString &table, int done, int total)> &progress = nullptr);

} // namespace reverie::store
