#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The newest dream runs (one page of them) with status, timings, counts and error.
class DreamRunListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Engine, Status, Started, Duration, Inputs, Proposals, Error, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1, StatusRole };
    static constexpr int kLimit = 200;

    explicit DreamRunListModel(QObject *parent = nullptr);

    void setWorkspace(store::Workspace *ws);
    void reload();
    const DreamRun *runAt(int row) const;
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(DreamStatus status);

private:
    store::Workspace *m_ws = nullptr;
    std::vector<DreamRun> m_runs;
};

} // namespace reverie::ui
