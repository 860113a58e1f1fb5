#pragma once

#include "core/store/OutcomeStats.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace reverie::ui::charts {

// Bars of success rate (percent of runs with a verdict that succeeded), one per key.
// Category labels are HTML-escaped: QtCharts renders axis labels as rich text, and model
// names come from trajectories.
struct RateBars {
    QStringList categories;
    QList<qreal> percent;     // 0 when no run has a verdict (see judged)
    QList<int> runs;
    QList<int> judged;        // runs with a verdict (success or failure)
};

enum class RateKey { Version, Model };
RateBars rateBars(const std::vector<store::OutcomeRow> &rows, RateKey key);

// Helpful / harmful counts per rule, current rules first, at most `limit` rules (the ones with
// the most evidence).
struct RuleBars {
    QStringList categories;
    QStringList texts;        // the rule texts, plain (for tooltips and the table)
    QList<qreal> helpful;
    QList<qreal> harmful;
};
RuleBars ruleBars(const std::vector<store::RuleOutcome> &rules, int limit = 15);

} // namespace reverie::ui::charts
