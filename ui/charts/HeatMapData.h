#pragma once

#include "core/stats/Portability.h"
#include "core/stats/VersionModelOutcomes.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <vector>

namespace reverie::ui::charts {

// A cell resting on fewer runs with a verdict than this is drawn muted: its interval is too
// wide for its colour to mean much.
inline constexpr int kFewRuns = 10;

// The version x model heat map as a grid: one row per playbook version, one column per model.
struct HeatGrid {
    std::vector<int> versions;   // rows, oldest first (0 = no playbook)
    QStringList models;          // columns, by name
    // cells[row][column]; runs == 0 where the model never ran under the version.
    std::vector<std::vector<stats::VersionModelCell>> cells;
    const stats::VersionModelCell *at(int row, int column) const;
};
HeatGrid heatGrid(const std::vector<stats::VersionModelCell> &cells);

bool isFewRuns(int judged);
// The fill for a success rate (0..1) over `judged` runs with a verdict: red (0%) through amber
// to green (100%), blended into `base` when few runs back it; invalid when judged is 0.
QColor heatColour(double rate, int judged, const QColor &base = QColor(Qt::white));
// Dark text on light fills, light text on dark ones.
QColor textColourOn(const QColor &fill);

// The words of a cell, plain text: "55%", "21 runs", "34–74%".
QString versionLabel(int version);
QString rateLabel(const stats::Rate &rate);
QString runsLabel(int runs);
QString intervalLabel(const stats::Rate &rate);
// A sentence for the tooltip and screen readers.
QString cellDescription(const stats::VersionModelCell &cell);
// "R1 helps model-a (20% → 80%), hurts model-b (80% → 20%)"
QString flaggedRuleLine(const stats::RulePortability &rule);

// Everything the heat map shows, read on a worker thread with its own connection.
struct PortabilityData {
    std::vector<stats::VersionModelCell> cells;
    std::vector<stats::RulePortability> flagged;   // model-specific rules
    QString error;                                 // set when the workspace could not be read
};
PortabilityData loadPortability(const QString &path);

} // namespace reverie::ui::charts
