#pragma once

#include "ui/charts/HeatMapData.h"

#include <QAbstractTableModel>

namespace reverie::ui {

// The version x model heat map as a table: versions down, models across. Every cell's text is
// plain (model names come from trajectories); the delegate paints it from the roles below.
class PortabilityModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        RateRole = Qt::UserRole + 1,   // double 0..1; invalid without a verdict
        RunsRole,                      // int: every run, with or without a verdict
        JudgedRole,                    // int: runs with a verdict
        LowRole,                       // double: Wilson 95% interval
        HighRole,
        FewRunsRole,                   // bool: drawn muted
        RateTextRole,                  // "55%"
        RunsTextRole,                  // "21 runs"
        IntervalTextRole,              // "34–74%"
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setCells(const std::vector<stats::VersionModelCell> &cells);
    const charts::HeatGrid &grid() const { return m_grid; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    charts::HeatGrid m_grid;
};

} // namespace reverie::ui
