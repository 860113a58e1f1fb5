#pragma once

#include "core/model/Step.h"

#include <string_view>

namespace reverie {

// A step as the steps table stores it: UTF-8 text viewed, not owned. An importer that reads
// UTF-8 hands its bytes to the store this way without converting them to QString and back.
// Whoever builds a row keeps the viewed bytes alive until the call that takes it returns.
// An empty view is stored as NULL, as an empty Step field is.
struct StepRow {
    qint64 timestampMs = -1;
    qint64 durationMs = -1;
    StepKind kind = StepKind::Other;
    bool isError = false;
    std::string_view tool, callId, role, text, raw;
};

// A Step as a row: its text converted to UTF-8 and kept here; `raw` is viewed in the Step,
// which must outlive this.
class Utf8Step {
public:
    explicit Utf8Step(const Step &step);
    Utf8Step(const Utf8Step &) = delete;
    Utf8Step &operator=(const Utf8Step &) = delete;
    const StepRow &row() const { return m_row; }

private:
    QByteArray m_tool, m_callId, m_role, m_text;
    StepRow m_row;
};

} // namespace reverie
