#include "core/model/Trajectory.h"

namespace reverie {

QString verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Success: return QStringLiteral("success");
    case Verdict::Failure: return QStringLiteral("failure");
    case Verdict::Unknown: break;
    }
    return QStringLiteral("unknown");
}

std::optional<Verdict> verdictFromName(QStringView name)
{
    if (name == u"success") return Verdict::Success;
    if (name == u"failure") return Verdict::Failure;
    if (name == u"unknown") return Verdict::Unknown;
    return std::nullopt;
}

} // namespace reverie
