#pragma once

// Internal to TrajectoryWriter's .cpp files.

#include "core/store/Sqlite.h"

namespace reverie::store::detail {

// A time in Unix ms, or NULL when the format gave none (-1).
inline void bindTime(sql::Statement &st, int i, qint64 ms)
{
    if (ms >= 0)
        st.bind(i, ms);
    else
        st.bindNull(i);
}

} // namespace reverie::store::detail
