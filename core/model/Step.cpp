#include "core/model/Step.h"

#include <array>

namespace reverie {

namespace {
constexpr std::array<const char *, kStepKindCount> kNames = {
    "task", "plan", "tool_call", "observation", "message", "outcome", "verdict", "other"};
}

QString stepKindName(StepKind kind)
{
    const int i = static_cast<int>(kind);
    return QString::fromLatin1(i >= 0 && i < kStepKindCount ? kNames[i] : "other");
}

std::optional<StepKind> stepKindFromName(QStringView name)
{
    for (int i = 0; i < kStepKindCount; ++i) {
        if (name == QLatin1String(kNames[i]))
            return static_cast<StepKind>(i);
    }
    return std::nullopt;
}

std::optional<StepKind> stepKindFromName(std::string_view utf8)
{
    for (int i = 0; i < kStepKindCount; ++i) {
        if (utf8 == kNames[i])
            return static_cast<StepKind>(i);
    }
    return std::nullopt;
}

} // namespace reverie
