#pragma once

// Internal to the Inspect AI importer: maps one eval-log sample onto a trajectory. Only the
// forward declaration of nlohmann::json is needed here, so the header stays light.

#include "core/ingest/Importer.h"

#include <nlohmann/json_fwd.hpp>

#include <QByteArray>
#include <QString>

#include <functional>

namespace reverie::ingest::inspect {

// What every sample of one log shares, read from the log without its samples.
struct LogFacts {
    QByteArray headerJson;   // the log header, compact JSON, kept in each trajectory's extra
    QString evalKey;         // eval_id, or the task name for logs that predate it
    QString task;
    QString model;
    QString agent;
    QString scorer;          // the scorer the results lead with
    qint64 version = -1;     // the log's "version": 1 (one score per sample) or 2
    QString status;          // "started", "success", "cancelled", "error"
};

// Why a log of this shape is not read, or empty when it is: Inspect has written versions 1 and 2.
QString refusedShape(const LogFacts &log);

LogFacts readLogFacts(const nlohmann::json &header);

// Builds the ImportError for a problem in the current sample, naming where it is.
using Fail = std::function<ImportError(const QString &what)>;

// One sample as a trajectory. Wrong field types become ImportErrors through `fail`.
Trajectory mapSample(const nlohmann::json &sample, const LogFacts &log, const Fail &fail);

} // namespace reverie::ingest::inspect
