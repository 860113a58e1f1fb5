#include "core/stats/VersionLineage.h"

namespace reverie::stats {

VersionLineage::VersionLineage(const std::vector<VersionNode> &versions)
{
    // Oldest first: a version's parent, and the version a rollback restored, are always older.
    for (const VersionNode &v : versions) {
        QSet<int> carried;
        if (v.change == QLatin1String("rollback") && v.restores)
            carried = m_carried.value(v.restores);
        else
            carried = m_carried.value(v.parent);
        if (v.change == QLatin1String("revert") && v.undoes)
            carried.remove(v.undoes);
        carried.insert(v.number);
        m_carried.insert(v.number, carried);
    }
}

} // namespace reverie::stats
