#include "ui/charts/OutcomeCharts.h"

#include "ui/charts/ChartData.h"
#include "ui/charts/PortabilityView.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QPainter>
#include <QTabWidget>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {

QChartView *makeView(const QString &name, QWidget *parent)
{
    auto *view = new QChartView(new QChart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    view->chart()->setAnimationOptions(QChart::NoAnimation);
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
    return view;
}

// Replaces the chart's series and axes; titles are ours (translated), never untrusted text.
void resetChart(QChart *chart, const QString &title)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(title.toHtmlEscaped());
}

void fillRateChart(QChart *chart, const charts::RateBars &bars, const QString &title, const QString &emptyNote)
{
    resetChart(chart, bars.categories.isEmpty() ? emptyNote : title);
    if (bars.categories.isEmpty())
        return;
    auto *set = new QBarSet(OutcomeCharts::tr("Success rate (%)"));
    set->setColor(QColor(0x2e, 0x7d, 0x32));
    set->append(bars.percent);
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value%"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(bars.categories);
    auto *y = new QValueAxis;
    y->setRange(0, 100);
    y->setLabelFormat(QStringLiteral("%d%"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace

OutcomeCharts::OutcomeCharts(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("outcomeCharts"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_version = makeView(QStringLiteral("chartByVersion"), m_tabs);
    m_model = makeView(QStringLiteral("chartByModel"), m_tabs);
    m_rule = makeView(QStringLiteral("chartByRule"), m_tabs);
    m_tabs->addTab(m_version, tr("By playbook version"));
    m_tabs->addTab(m_model, tr("By model"));
    m_tabs->addTab(m_rule, tr("Per rule"));
    m_portability = new PortabilityView(m_tabs);
    m_tabs->addTab(m_portability, tr("By version and model"));
    layout->addWidget(m_tabs);
    setData({}, {}, {});
}

void OutcomeCharts::setWorkspacePath(const QString &path) { m_portability->setWorkspacePath(path); }

void OutcomeCharts::setData(const std::vector<store::OutcomeRow> &byVersion, const std::vector<store::OutcomeRow> &byModel,
                            const std::vector<store::RuleOutcome> &byRule)
{
    fillRateChart(m_version->chart(), charts::rateBars(byVersion, charts::RateKey::Version),
                  tr("Success rate per playbook version"), tr("No runs recorded a playbook version yet"));
    fillRateChart(m_model->chart(), charts::rateBars(byModel, charts::RateKey::Model), tr("Success rate per model"),
                  tr("No runs with a model yet"));
    m_portability->reload();   // the same moment as the charts: after an import or a decision

    QChart *chart = m_rule->chart();
    const charts::RuleBars bars = charts::ruleBars(byRule);
    resetChart(chart, bars.categories.isEmpty() ? tr("No rule has evidence yet") : tr("Evidence per rule: runs under the rule"));
    if (bars.categories.isEmpty())
        return;
    auto *helpful = new QBarSet(tr("Helpful (succeeded)"));
    helpful->setColor(QColor(0x2e, 0x7d, 0x32));
    helpful->append(bars.helpful);
    auto *harmful = new QBarSet(tr("Harmful (failed)"));
    harmful->setColor(QColor(0xc6, 0x28, 0x28));
    harmful->append(bars.harmful);
    auto *series = new QHorizontalBarSeries;
    series->append(helpful);
    series->append(harmful);
    series->setLabelsVisible(true);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(bars.categories);
    auto *x = new QValueAxis;
    qreal most = 1;
    for (int i = 0; i < bars.helpful.size(); ++i)
        most = qMax(most, qMax(bars.helpful[i], bars.harmful[i]));
    x->setRange(0, most);
    x->setLabelFormat(QStringLiteral("%d"));
    x->applyNiceNumbers();
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    // The rule's words on hover, as plain text (QToolTip would guess markup otherwise).
    const QStringList texts = bars.texts;
    connect(series, &QHorizontalBarSeries::hovered, m_rule, [texts](bool on, int index, QBarSet *) {
        if (on && index >= 0 && index < texts.size())
            QToolTip::showText(QCursor::pos(), QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(texts[index].toHtmlEscaped()));
        else
            QToolTip::hideText();
    });
}

} // namespace reverie::ui
