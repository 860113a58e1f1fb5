#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>
#include <string_view>

namespace reverie {

// What a step is, in the one model every trajectory format maps onto.
enum class StepKind : int {
    Task = 0,
    Plan = 1,
    ToolCall = 2,
    Observation = 3,
    Message = 4,
    Outcome = 5,
    Verdict = 6,
    Other = 7,
};
inline constexpr int kStepKindCount = 8;

QString stepKindName(StepKind kind);
std::optional<StepKind> stepKindFromName(QStringView name);
std::optional<StepKind> stepKindFromName(std::string_view utf8);

// One event of a trajectory. `raw` keeps the original record (JSON or text) so that
// nothing a format carries is lost; the other fields are the part Reverie understands.
struct Step {
    int seq = 0;                 // order inside the trajectory, from 0
    qint64 timestampMs = -1;     // Unix ms; -1 when the format has no time
    StepKind kind = StepKind::Other;
    QString tool;                // tool_call / observation: the tool's name
    QString callId;              // pairs a tool_call with its observation
    QString role;                // message: user, assistant, system, tool
    QString text;                // what a person reads; indexed for search
    bool isError = false;
    qint64 durationMs = -1;
    QByteArray raw;              // the original record, UTF-8
};

} // namespace reverie
