#pragma once

#include "ui/compare/ComparisonLoader.h"

#include <QAbstractTableModel>

namespace reverie::ui {

// The aligned tool calls of two runs, one row per aligned pair, for the compare view.
class AlignmentModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LeftSeq, LeftTool, Relation, RightTool, RightSeq, ColumnCount };
    enum Role { OpRole = Qt::UserRole + 1, LeftStepIdRole, RightStepIdRole };

    explicit AlignmentModel(QObject *parent = nullptr);

    void setComparison(const Comparison &comparison);
    void clear();
    const Comparison &comparison() const { return m_c; }
    AlignmentCounts counts() const { return countAlignment(m_c.pairs); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Comparison m_c;
};

} // namespace reverie::ui
