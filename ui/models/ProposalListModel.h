#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The proposals one dream run made, with their evidence, for the Dreams page.
class ProposalListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Op, Text, Confidence, Support, Stakes, Status, ColumnCount };
    enum Role { ProposalIdRole = Qt::UserRole + 1 };

    explicit ProposalListModel(QObject *parent = nullptr);

    void setWorkspace(store::Workspace *ws);
    // 0 empties the list.
    void setDreamRun(qint64 runId);
    qint64 dreamRun() const { return m_runId; }
    const Proposal *proposalAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void reload();

    store::Workspace *m_ws = nullptr;
    qint64 m_runId = 0;
    std::vector<Proposal> m_proposals;
};

} // namespace reverie::ui
