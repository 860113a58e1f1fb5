#include "core/store/DeferredIndexes.h"

#include "core/store/Sqlite.h"

namespace reverie::store {

DeferredIndexes DeferredIndexes::dropIfEmpty(sql::Database &db, const char *table)
{
    DeferredIndexes out;
    {
        sql::Statement any(db, (QByteArray("SELECT 1 FROM ") + table + " LIMIT 1").constData());
        if (any.step())
            return out;
    }
    QList<QByteArray> names;
    {
        // An index made by a constraint has no SQL of its own.
        sql::Statement list(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
                                "AND sql IS NOT NULL ORDER BY name");
        list.bind(1, QString::fromLatin1(table));
        while (list.step()) {
            names.append(list.bytes(0));
            out.m_definitions.append(list.bytes(1));
        }
    }
    for (const QByteArray &name : names) {
        QByteArray quoted = name;
        quoted.replace('"', "\"\"");
        db.exec(QByteArray("DROP INDEX \"" + quoted + '"').constData());
    }
    return out;
}

void DeferredIndexes::rebuild(sql::Database &db)
{
    for (const QByteArray &definition : std::as_const(m_definitions))
        db.exec(definition.constData());
    m_definitions.clear();
}

} // namespace reverie::store
