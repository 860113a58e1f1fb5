#include "core/model/Step.h"
#include "core/model/StepRow.h"

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

Utf8Step::Utf8Step(const Step &step)
    : m_tool(step.tool.toUtf8()), m_callId(step.callId.toUtf8()), m_role(step.role.toUtf8()), m_text(step.text.toUtf8())
{
    auto view = [](const QByteArray &b) { return std::string_view(b.constData(), std::size_t(b.size())); };
    m_row.timestampMs = step.timestampMs;
    m_row.durationMs = step.durationMs;
    m_row.kind = step.kind;
    m_row.isError = step.isError;
    m_row.tool = view(m_tool);
    m_row.callId = view(m_callId);
    m_row.role = view(m_role);
    m_row.text = view(m_text);
    m_row.raw = view(step.raw);
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
