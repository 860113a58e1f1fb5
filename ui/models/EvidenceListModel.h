#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::ui {

// The evidence of one proposal: which run and step back it. Activating a row opens that step.
class EvidenceListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Trajectory, Step, Note, ColumnCount };
    enum Role { TrajectoryIdRole = Qt::UserRole + 1, StepIdRole };

    explicit EvidenceListModel(QObject *parent = nullptr);

    void setEvidence(const std::vector<Evidence> &evidence);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Evidence> m_evidence;
};

} // namespace reverie::ui
