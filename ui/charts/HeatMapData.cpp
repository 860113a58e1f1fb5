#include "ui/charts/HeatMapData.h"

#include "core/store/Workspace.h"

#include <QCoreApplication>

#include <algorithm>
#include <exception>
#include <set>

namespace reverie::ui::charts {

// Free functions have no tr(); lupdate finds these by the literal context.

const stats::VersionModelCell *HeatGrid::at(int row, int column) const
{
    if (row < 0 || column < 0 || std::size_t(row) >= cells.size() || std::size_t(column) >= cells[std::size_t(row)].size())
        return nullptr;
    return &cells[std::size_t(row)][std::size_t(column)];
}

HeatGrid heatGrid(const std::vector<stats::VersionModelCell> &cells)
{
    std::set<int> versions;
    std::set<QString> models;
    for (const stats::VersionModelCell &c : cells) {
        versions.insert(c.version);
        models.insert(c.model);
    }
    HeatGrid grid;
    grid.versions.assign(versions.begin(), versions.end());
    for (const QString &m : models)
        grid.models << m;
    grid.cells.assign(grid.versions.size(), std::vector<stats::VersionModelCell>(std::size_t(grid.models.size())));
    for (std::size_t row = 0; row < grid.versions.size(); ++row) {
        for (qsizetype column = 0; column < grid.models.size(); ++column) {
            grid.cells[row][std::size_t(column)].version = grid.versions[row];
            grid.cells[row][std::size_t(column)].model = grid.models[column];
        }
    }
    for (const stats::VersionModelCell &c : cells) {
        const auto row = std::lower_bound(grid.versions.begin(), grid.versions.end(), c.version) - grid.versions.begin();
        grid.cells[std::size_t(row)][std::size_t(grid.models.indexOf(c.model))] = c;
    }
    return grid;
}

bool isFewRuns(int judged) { return judged < kFewRuns; }

namespace {
QColor mix(const QColor &a, const QColor &b, double t)
{
    auto channel = [t](int x, int y) { return int(std::lround(x + (y - x) * t)); };
    return QColor(channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue()));
}
} // namespace

QColor heatColour(double rate, int judged, const QColor &base)
{
    if (judged <= 0)
        return QColor();
    // The same red and green as the bar charts, through amber at 50%.
    static const QColor red(0xc6, 0x28, 0x28), amber(0xf9, 0xa8, 0x25), green(0x2e, 0x7d, 0x32);
    const double v = std::clamp(rate, 0.0, 1.0);
    const QColor full = v < 0.5 ? mix(red, amber, v / 0.5) : mix(amber, green, (v - 0.5) / 0.5);
    return isFewRuns(judged) ? mix(full, base, 0.7) : full;
}

QColor textColourOn(const QColor &fill)
{
    return qGray(fill.rgb()) > 140 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

QString versionLabel(int version)
{
    return version == 0 ? QCoreApplication::translate("ChartData", "no playbook")
                        : QCoreApplication::translate("ChartData", "v%1").arg(version);
}

QString rateLabel(const stats::Rate &rate)
{
    if (rate.n <= 0)
        return QStringLiteral("–");
    return QCoreApplication::translate("HeatMapData", "%1%").arg(std::lround(rate.value() * 100));
}

QString runsLabel(int runs)
{
    return runs > 0 ? QCoreApplication::translate("ChartData", "%n run(s)", nullptr, runs)
                    : QCoreApplication::translate("HeatMapData", "no runs");
}

QString intervalLabel(const stats::Rate &rate)
{
    if (rate.n <= 0)
        return QString();
    return QCoreApplication::translate("HeatMapData", "%1–%2%")
        .arg(std::lround(rate.low * 100))
        .arg(std::lround(rate.high * 100));
}

QString cellDescription(const stats::VersionModelCell &cell)
{
    const QString where = QCoreApplication::translate("HeatMapData", "%1 under %2").arg(cell.model, versionLabel(cell.version));
    if (cell.runs == 0)
        return QCoreApplication::translate("HeatMapData", "%1: no runs").arg(where);
    const stats::Rate r = cell.rate();
    if (r.n == 0)
        return QCoreApplication::translate("HeatMapData", "%1: %2, none with a verdict").arg(where, runsLabel(cell.runs));
    QString text = QCoreApplication::translate("HeatMapData", "%1: %2 succeeded, %3 failed of %4; success rate %5 "
                                                              "(95% interval %6)")
                       .arg(where)
                       .arg(cell.successes)
                       .arg(cell.failures)
                       .arg(runsLabel(cell.runs), rateLabel(r), intervalLabel(r));
    if (isFewRuns(r.n))
        text += QLatin1Char('\n') + QCoreApplication::translate("HeatMapData", "Few runs: the rate could easily be chance.");
    return text;
}

QString flaggedRuleLine(const stats::RulePortability &rule)
{
    QStringList parts;
    for (const stats::ModelEffect &e : rule.models) {
        const QString change = QStringLiteral("%1 → %2").arg(rateLabel(e.without()), rateLabel(e.with()));
        if (e.helps())
            parts << QCoreApplication::translate("HeatMapData", "helps %1 (%2)").arg(e.model, change);
        else if (e.hurts())
            parts << QCoreApplication::translate("HeatMapData", "hurts %1 (%2)").arg(e.model, change);
    }
    return QStringLiteral("%1 %2").arg(rule.ruleId, parts.join(QStringLiteral(", ")));
}

PortabilityData loadPortability(const QString &path)
{
    PortabilityData d;
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        d.cells = stats::versionModelOutcomes(ws);
        d.flagged = stats::modelSpecificRules(ws);
    } catch (const std::exception &e) {
        d.error = QString::fromUtf8(e.what());
    }
    return d;
}

} // namespace reverie::ui::charts
