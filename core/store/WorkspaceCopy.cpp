#include "core/store/WorkspaceCopy.h"

#include "core/store/Verifier.h"
#include "core/store/Workspace.h"
#include "core/store/pg/PgConnection.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <iterator>

namespace reverie::store {

namespace {

// In an order where every row's references are copied before it.
const char *const kTables[] = {"sources",      "trajectories", "steps",     "dream_runs", "dream_inputs",
                               "proposals",    "rules",        "playbook_versions", "version_rules", "evidence",
                               "reviews",      "policy",       "saved_views", "publish_outbox", "publish_log"};

// The columns a table has that can be written: generated and always-identity columns (the
// server's search column, evidence's order) are left to the destination.
QStringList writableColumns(Workspace &ws, const char *table)
{
    QStringList out;
    if (ws.isServer()) {
        sql::Statement st(ws.db(), "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                                   "current_schema() AND table_name = ? AND is_generated = 'NEVER' AND "
                                   "coalesce(identity_generation, '') != 'ALWAYS' ORDER BY ordinal_position");
        st.bind(1, QString::fromLatin1(table));
        while (st.step())
            out << st.text(0);
    } else {
        sql::Statement st(ws.db(), QByteArray(QByteArray("SELECT name FROM pragma_table_info('") + table + "')").constData());
        while (st.step())
            out << st.text(0);
    }
    return out;
}

// The order rows are read in: the key (id when not named), or for evidence the order it was
// cited in.
QString orderOf(const char *table)
{
    static const QHash<QByteArray, QString> keys = {
        {"evidence", QStringLiteral("rowid")},
        {"playbook_versions", QStringLiteral("number")},
        {"version_rules", QStringLiteral("version, position")},
        {"dream_inputs", QStringLiteral("dream_run_id, trajectory_id")},
        {"policy", QStringLiteral("key")},
        {"saved_views", QStringLiteral("name")},
        {"publish_outbox", QStringLiteral("target")},
    };
    return keys.value(QByteArray(table), QStringLiteral("id"));
}

qint64 scalar(Workspace &ws, const QString &sqlText)
{
    sql::Statement st(ws.db(), sqlText.toUtf8().constData());
    return st.step() ? st.int64(0) : 0;
}

QString chainHead(Workspace &ws, const char *table, const char *order)
{
    sql::Statement st(ws.db(), QByteArray(QByteArray("SELECT hash FROM ") + table + " ORDER BY " + order + " DESC LIMIT 1").constData());
    return st.step() ? st.text(0) : QString();
}

qint64 copyTable(Workspace &from, Workspace &to, const char *table, const QStringList &columns)
{
    const QString list = columns.join(QLatin1String(", "));
    const QByteArray select = QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(list, QLatin1String(table), orderOf(table)).toUtf8();
    sql::Statement read(from.db(), select.constData());
    qint64 rows = 0;
    if (to.isServer()) {
        pg::Connection &conn = to.db().server();
        QByteArray buffer;
        auto flush = [&] {
            if (buffer.isEmpty())
                return;
            conn.copyRow(buffer);
            buffer.clear();
        };
        conn.copyBegin(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(QLatin1String(table), list).toUtf8().constData());
        try {
            while (read.step()) {
                for (int c = 0; c < columns.size(); ++c) {
                    if (c)
                        buffer += '\t';
                    pg::Connection::appendCopyField(buffer, read.isNull(c) ? pg::Param() : pg::Param(read.bytes(c)));
                }
                buffer += '\n';
                ++rows;
                if (buffer.size() >= (8 << 20))
                    flush();
            }
            flush();
        } catch (...) {
            try {
                conn.copyEnd();
            } catch (const reverie::Error &) {
                // The copy is being abandoned; its transaction rolls back.
            }
            throw;
        }
        conn.copyEnd();
        return rows;
    }
    QStringList marks;
    for (int c = 0; c < columns.size(); ++c)
        marks << QStringLiteral("?");
    const QByteArray insert = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(QLatin1String(table), list, marks.join(QLatin1String(", "))).toUtf8();
    sql::Statement write(to.db(), insert.constData());
    while (read.step()) {
        for (int c = 0; c < columns.size(); ++c) {
            if (read.isNull(c))
                write.bindNull(c + 1);
            else
                write.bindText(c + 1, read.bytes(c));   // the column's affinity makes numbers numbers again
        }
        write.run();
        ++rows;
    }
    return rows;
}

} // namespace

CopyReport copyWorkspace(const QString &source, const QString &destination,
                         const std::function<void(const QString &, int, int)> &progress)
{
    if (source == destination)
        throw reverie::Error(QStringLiteral("the source and the destination are the same workspace"));
    Workspace::Options readOnly;
    readOnly.create = false;
    readOnly.readOnly = true;
    Workspace from(source, readOnly);
    if (from.schemaVersion() < 8)
        throw reverie::Error(QStringLiteral("%1: open it once with this Reverie to upgrade it before copying").arg(source));
    // A copy carries the history as it is; one that does not verify is not copied.
    const QStringList sourceProblems = verifyWorkspace(from);
    if (!sourceProblems.isEmpty())
        throw reverie::Error(QStringLiteral("%1 does not verify, so it is not copied: %2")
                                 .arg(source, sourceProblems.join(QLatin1String("; "))));
    const bool newFile = !Workspace::isServerAddress(destination) && !QFileInfo::exists(destination);
    CopyReport report;
    try {
        Workspace to(destination);
        for (const char *table : kTables) {
            if (scalar(to, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) > 0 && QByteArray(table) != "policy")
                throw reverie::Error(QStringLiteral("%1 is not empty (its table %2 has rows): copy into a new workspace")
                                         .arg(destination, QLatin1String(table)));
        }
        const int total = int(std::size(kTables));
        {
            sql::Transaction tx(to.db());
            to.db().exec("DELETE FROM policy");   // a new workspace's defaults give way to the source's
            int done = 0;
            for (const char *table : kTables) {
                if (progress)
                    progress(QString::fromLatin1(table), done++, total);
                QStringList columns = writableColumns(from, table);
                const QStringList there = writableColumns(to, table);
                columns.erase(std::remove_if(columns.begin(), columns.end(), [&](const QString &c) { return !there.contains(c); }),
                              columns.end());
                const qint64 rows = copyTable(from, to, table, columns);
                report.tables << QStringLiteral("%1: %2 rows").arg(QLatin1String(table)).arg(rows);
                report.rows += rows;
            }
            if (to.isServer()) {
                // Ids given by the server go on after the copied ones.
                for (const char *table : {"sources", "dream_runs", "proposals", "reviews", "publish_log"})
                    to.db().exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                                "coalesce((SELECT max(id) FROM %1), 0) + 1, false)")
                                     .arg(QLatin1String(table)));
            } else {
                to.db().exec("INSERT INTO steps_fts(steps_fts) VALUES ('rebuild')");
            }
            // The same rows on both sides, and the same chains.
            for (const char *table : kTables) {
                const QString count = QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table));
                if (scalar(from, count) != scalar(to, count))
                    throw reverie::Error(QStringLiteral("%1 has a different number of rows after the copy").arg(QLatin1String(table)));
            }
            const QStringList problems = verifyWorkspace(to);
            if (!problems.isEmpty())
                throw reverie::Error(QStringLiteral("the copy does not verify: %1").arg(problems.join(QLatin1String("; "))));
            if (chainHead(from, "playbook_versions", "number") != chainHead(to, "playbook_versions", "number")
                || chainHead(from, "reviews", "id") != chainHead(to, "reviews", "id")
                || chainHead(from, "publish_log", "id") != chainHead(to, "publish_log", "id"))
                throw reverie::Error(QStringLiteral("the copy's hash chains end elsewhere than the source's"));
            tx.commit();
        }
    } catch (...) {
        if (newFile) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
                QFile::remove(destination + suffix);
        }
        throw;
    }
    return report;
}

} // namespace reverie::store
