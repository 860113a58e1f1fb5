#pragma once

#include "core/store/OutcomeStats.h"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QTabWidget;

namespace reverie::ui {

class PortabilityView;

// How runs fared (QtCharts): success rate per playbook version and per model, and
// helpful / harmful evidence counts per rule. Shows data; reading it happens elsewhere, but
// for the version x model heat map, which reads on its own worker when the data is set.
class OutcomeCharts : public QWidget {
    Q_OBJECT
public:
    explicit OutcomeCharts(QWidget *parent = nullptr);

    // The workspace the heat map reads; it reads again whenever setData() is called.
    void setWorkspacePath(const QString &path);
    void setData(const std::vector<store::OutcomeRow> &byVersion, const std::vector<store::OutcomeRow> &byModel,
                 const std::vector<store::RuleOutcome> &byRule);

    QChartView *versionChart() const { return m_version; }
    QChartView *modelChart() const { return m_model; }
    QChartView *ruleChart() const { return m_rule; }
    PortabilityView *portabilityView() const { return m_portability; }

private:
    QTabWidget *m_tabs = nullptr;
    QChartView *m_version = nullptr;
    QChartView *m_model = nullptr;
    QChartView *m_rule = nullptr;
    PortabilityView *m_portability = nullptr;
};

} // namespace reverie::ui
