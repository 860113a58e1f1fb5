#include "core/ingest/formats/RecordRaw.h"

#include "core/ingest/JsonSupport.h"

namespace reverie::ingest {

RecordRaw::RecordRaw(const nlohmann::json &record) : m_whole(json::dump(record)) {}

QByteArray RecordRaw::take(const nlohmann::json &part)
{
    if (m_used)
        return json::dump(part);
    m_used = true;
    return m_whole;
}

} // namespace reverie::ingest
