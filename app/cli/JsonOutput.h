#pragma once

// Shared by the command files that print JSON. Only .cpp files include it.

#include "core/model/Trajectory.h"

#include <nlohmann/json.hpp>

#include <QString>
#include <QTextStream>

namespace reverie::cli {

using Json = nlohmann::json;

inline std::string u8(const QString &s) { return s.toStdString(); }
inline Json nullable(const QString &s) { return s.isEmpty() ? Json(nullptr) : Json(u8(s)); }
inline Json timeOrNull(qint64 ms) { return ms < 0 ? Json(nullptr) : Json(ms); }

Json toJson(const TrajectorySummary &t);
QString isoTime(qint64 ms);   // "" for -1

inline void printJson(QTextStream &out, const Json &j)
{
    out << QString::fromStdString(j.dump(2, ' ', false, Json::error_handler_t::replace)) << '\n';
}

} // namespace reverie::cli
