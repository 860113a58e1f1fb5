#include "core/model/HoldOutRecord.h"

namespace reverie {

QString holdOutResultName(HoldOutRecord::Result result)
{
    switch (result) {
    case HoldOutRecord::Result::None: break;
    case HoldOutRecord::Result::Held: return QStringLiteral("held");
    case HoldOutRecord::Result::NotHeld: return QStringLiteral("did_not_hold");
    case HoldOutRecord::Result::TooFewRuns: return QStringLiteral("too_few_runs");
    case HoldOutRecord::Result::NotTested: return QStringLiteral("not_tested");
    }
    return QString();
}

std::optional<HoldOutRecord::Result> holdOutResultFromName(QStringView name)
{
    using R = HoldOutRecord::Result;
    for (R r : {R::None, R::Held, R::NotHeld, R::TooFewRuns, R::NotTested}) {
        if (name == holdOutResultName(r))
            return r;
    }
    return std::nullopt;
}

} // namespace reverie
