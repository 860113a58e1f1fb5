#pragma once

// sql::Statement's state on a server workspace; for Sqlite.cpp and ServerStatement.cpp only.

#include "core/store/Sqlite.h"
#include "core/store/pg/PgConnection.h"

#include <vector>

namespace reverie::sql {

struct Statement::Server {
    QByteArray sql;
    std::vector<pg::Param> params;
    std::vector<unsigned> types;   // per parameter: bigint, double precision, text, or 0 (NULL: inferred)
    pg::Result result;
    int row = -1;
    bool ran = false;

    pg::Param &at(int i)
    {
        if (i < 1)
            throw Error(QStringLiteral("internal error: parameter %1 of \"%2\"").arg(i).arg(QString::fromUtf8(sql)));
        if (params.size() < std::size_t(i)) {
            params.resize(std::size_t(i));
            types.resize(std::size_t(i), 0);
        }
        return params[std::size_t(i - 1)];
    }
};

} // namespace reverie::sql
