#include "ui/charts/ChartData.h"

#include <QCoreApplication>

#include <algorithm>

namespace reverie::ui::charts {

// Free functions have no tr(); lupdate finds these by the literal context.

RateBars rateBars(const std::vector<store::OutcomeRow> &rows, RateKey key)
{
    RateBars bars;
    for (const store::OutcomeRow &r : rows) {
        QString name;
        if (key == RateKey::Version)
            name = r.key == QLatin1String("0") ? QCoreApplication::translate("ChartData", "no playbook") : QCoreApplication::translate("ChartData", "v%1").arg(r.key);
        else
            name = r.key.isEmpty() ? QCoreApplication::translate("ChartData", "unknown model") : r.key;
        const int judged = r.successes + r.failures;
        const QString count = judged > 0 ? QCoreApplication::translate("ChartData", "%n run(s)", nullptr, r.runs) : QCoreApplication::translate("ChartData", "no verdicts");
        bars.categories << QStringLiteral("%1 (%2)").arg(name, count).toHtmlEscaped();
        bars.percent << (judged > 0 ? 100.0 * r.successRate() : 0.0);
        bars.runs << r.runs;
        bars.judged << judged;
    }
    return bars;
}

RuleBars ruleBars(const std::vector<store::RuleOutcome> &rules, int limit)
{
    std::vector<store::RuleOutcome> sorted = rules;
    std::stable_sort(sorted.begin(), sorted.end(), [](const store::RuleOutcome &a, const store::RuleOutcome &b) {
        if (a.current != b.current)
            return a.current;
        return a.helpful + a.harmful > b.helpful + b.harmful;
    });
    if (int(sorted.size()) > limit)
        sorted.resize(std::size_t(limit));
    RuleBars bars;
    for (const store::RuleOutcome &r : sorted) {
        const QString name = r.current ? r.ruleId : QCoreApplication::translate("ChartData", "%1 (retired)").arg(r.ruleId);
        bars.categories << name.toHtmlEscaped();
        bars.texts << r.text;
        bars.helpful << r.helpful;
        bars.harmful << r.harmful;
    }
    return bars;
}

} // namespace reverie::ui::charts
