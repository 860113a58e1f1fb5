#pragma once

#include "core/store/TrajectoryQueries.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace reverie::store {

class Workspace;

// Named trajectory-browser filters (the saved_views table). Saving under an existing name
// replaces that view.
class SavedViews {
public:
    explicit SavedViews(Workspace &ws) : m_ws(ws) {}

    QStringList names();
    std::optional<TrajectoryFilter> load(const QString &name);
    void save(const QString &name, const TrajectoryFilter &filter);
    void remove(const QString &name);

    // The JSON stored per view; unknown or malformed fields fall back to "no filter".
    static QByteArray toJson(const TrajectoryFilter &filter);
    static TrajectoryFilter fromJson(const QByteArray &json);

private:
    Workspace &m_ws;
};

} // namespace reverie::store
