#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// The proposals one dream run made, with their evidence, for the Dreams page. The model only
// shows them: the page reads them on a worker (proposalsOf()).
class ProposalListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Op, Text, Confidence, Support, Stakes, Status, ColumnCount };
    enum Role { ProposalIdRole = Qt::UserRole + 1 };

    explicit ProposalListModel(QObject *parent = nullptr);

    // The proposals of run `runId` (0 with none: the list is empty).
    void setProposals(qint64 runId, std::vector<Proposal> proposals);
    // What the model shows for a run, read from a workspace (on a worker's connection). One
    // run's proposals: bounded by what one pass proposes, tens rather than thousands.
    static std::vector<Proposal> proposalsOf(store::Workspace &ws, qint64 runId);
    qint64 dreamRun() const { return m_runId; }
    const Proposal *proposalAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    qint64 m_runId = 0;
    std::vector<Proposal> m_proposals;
};

} // namespace reverie::ui
