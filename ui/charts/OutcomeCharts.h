#pragma once

#include "core/store/OutcomeStats.h"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QTabWidget;

namespace reverie::ui {

// How runs fared (QtCharts): success rate per playbook version and per model, and
// helpful / harmful evidence counts per rule. Shows data; reading it happens elsewhere.
class OutcomeCharts : public QWidget {
    Q_OBJECT
public:
    explicit OutcomeCharts(QWidget *parent = nullptr);

    void setData(const std::vector<store::OutcomeRow> &byVersion, const std::vector<store::OutcomeRow> &byModel,
                 const std::vector<store::RuleOutcome> &byRule);

    QChartView *versionChart() const { return m_version; }
    QChartView *modelChart() const { return m_model; }
    QChartView *ruleChart() const { return m_rule; }

private:
    QTabWidget *m_tabs = nullptr;
    QChartView *m_version = nullptr;
    QChartView *m_model = nullptr;
    QChartView *m_rule = nullptr;
};

} // namespace reverie::ui
