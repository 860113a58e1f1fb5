#pragma once

#include "core/stats/VersionOutcomes.h"

#include <QHash>
#include <QSet>

namespace reverie::stats {

// Which earlier changes each playbook version still carries. A version carries its own change
// and what its parent carried, except that a rollback carries what the version it restored
// carried (the changes in between are gone), and a revert drops the change it undid. So a
// harmful change rolled back or reverted stops counting against the versions after that.
class VersionLineage {
public:
    explicit VersionLineage(const std::vector<VersionNode> &versions);

    // Whether `version`'s rules still carry the change that produced version `change`.
    bool carries(int version, int change) const { return m_carried.value(version).contains(change); }

private:
    QHash<int, QSet<int>> m_carried;
};

} // namespace reverie::stats
