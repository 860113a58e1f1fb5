#pragma once

#include <nlohmann/json_fwd.hpp>

#include <QByteArray>

namespace reverie::ingest {

// Step.raw for the steps made from one record (a message, a trajectory entry): the first step
// carries the whole record; any later step made from it carries only the part it came from
// (one tool call, the action), so nothing is dropped and nothing is stored twice.
class RecordRaw {
public:
    explicit RecordRaw(const nlohmann::json &record);
    QByteArray take(const nlohmann::json &part);

private:
    QByteArray m_whole;
    bool m_used = false;
};

} // namespace reverie::ingest
