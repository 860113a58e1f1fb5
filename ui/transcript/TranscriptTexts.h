#pragma once

#include <QString>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

struct TimelineData;

// The part of a step a transcript shows in words. Untrusted: shown and copied as plain text.
struct StepText {
    QString text;
    QString role;   // messages: user, assistant, system, tool
    QString tool;
};

// Reads the texts of `count` steps from step index `first` on (index into the timeline's
// steps, in step order). Runs on a worker's connection; never on the GUI thread.
std::vector<StepText> readStepTexts(store::Workspace &ws, const TimelineData &data, int first, int count);

} // namespace reverie::ui
