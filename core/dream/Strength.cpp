#include "core/dream/Strength.h"

#include "core/stats/Statistics.h"

#include <algorithm>
#include <cmath>

namespace reverie::dream {

using stats::fisherOneSided;
using stats::wilsonInterval;

Strength strengthOf(const ReplayRecord &r)
{
    Strength s;
    s.brokeFailed = r.brokeFailed;
    s.brokeSucceeded = std::max(0, r.broke - r.brokeFailed);
    s.keptSucceeded = r.keptSucceeded;
    s.keptFailed = std::max(0, r.kept - r.keptSucceeded);
    s.pValue = fisherOneSided(s.brokeFailed, s.brokeSucceeded, s.keptFailed, s.keptSucceeded);
    wilsonInterval(s.brokeFailed, r.broke, &s.brokeFailLow, &s.brokeFailHigh);
    wilsonInterval(s.keptFailed, r.kept, &s.keptFailLow, &s.keptFailHigh);
    s.level = strengthLevelForP(s.pValue);
    return s;
}

bool hasMeasuredStrength(const Proposal &p)
{
    return changesRulesDirectly(p.op) && p.replay.broke + p.replay.kept > 0;
}

int strengthRank(const Proposal &p)
{
    if (!hasMeasuredStrength(p))
        return 2;
    switch (strengthOf(p.replay).level) {
    case StrengthLevel::Strong: return 0;
    case StrengthLevel::Moderate: return 1;
    case StrengthLevel::Weak: break;
    }
    return kWeakStrengthRank;
}

QString describeStrength(const Strength &s)
{
    const QString p = QStringLiteral("p = %1").arg(s.pValue < 0.0001 ? QStringLiteral("%1").arg(s.pValue, 0, 'e', 1)
                                                                    : QString::number(s.pValue, 'g', 2));
    switch (s.level) {
    case Strength::Level::Strong: return QStringLiteral("strong (%1)").arg(p);
    case Strength::Level::Moderate: return QStringLiteral("moderate (%1)").arg(p);
    case Strength::Level::Weak: break;
    }
    return QStringLiteral("weak — could be chance (%1)").arg(p);
}

} // namespace reverie::dream
