#pragma once

#include "core/stats/Regressions.h"

#include <QString>

namespace reverie::ui {

// The words the history page uses for success rates and regressions (translated).
// "80% (68–88%, 60 runs)": the rate, its Wilson 95% interval and the judged runs it rests on.
QString successText(const stats::Rate &r);
// What the tooltip of a regressed version says: both rates, the test, the change that
// introduced it, the breakdown by workflow and model, and whether it can still be undone.
// Plain text with workflow, model and rule names from the workspace: escape before showing.
QString regressionDetails(const stats::Regression &r);
// The reason recorded with the revert the page offers.
QString regressionReason(const stats::Regression &r);

} // namespace reverie::ui
