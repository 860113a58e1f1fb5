#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The newest dream runs (one page of them) with status, timings, counts and error. The model
// only shows them: the Dreams page reads them on a worker (runsFrom()).
class DreamRunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Engine, Status, Started, Duration, Inputs, Proposals, Error, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, StatusRole };
    static constexpr int kLimit = 200;

    explicit DreamRunListModel(QObject *parent = nullptr);

    void setRuns(std::vector<DreamRun> runs);
    // What the model shows, read from a workspace (on a worker's connection).
    static std::vector<DreamRun> runsFrom(store::Workspace &ws);
    const DreamRun *runAt(int row) const;
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(DreamStatus status);

private:
    std::vector<DreamRun> m_runs;
};

} // namespace reverie::ui
