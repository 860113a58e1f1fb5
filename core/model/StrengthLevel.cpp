#include "core/model/StrengthLevel.h"

namespace reverie {

StrengthLevel strengthLevelForP(double p)
{
    return p < 0.01 ? StrengthLevel::Strong : p < 0.05 ? StrengthLevel::Moderate : StrengthLevel::Weak;
}

QString strengthLevelName(StrengthLevel level)
{
    switch (level) {
    case StrengthLevel::Strong: return QStringLiteral("strong");
    case StrengthLevel::Moderate: return QStringLiteral("moderate");
    case StrengthLevel::Weak: break;
    }
    return QStringLiteral("weak");
}

std::optional<StrengthLevel> strengthLevelFromName(QStringView name)
{
    for (StrengthLevel l : {StrengthLevel::Strong, StrengthLevel::Moderate, StrengthLevel::Weak}) {
        if (name.compare(strengthLevelName(l), Qt::CaseInsensitive) == 0)
            return l;
    }
    return std::nullopt;
}

} // namespace reverie
