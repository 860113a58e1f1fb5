#pragma once

#include "ui/review/ReviewQueue.h"

#include <QAbstractItemModel>
#include <QSet>

namespace reverie::ui {

// The review queue as a tree: one top-level row per dream run (manual proposals form their
// own group), its pending proposals below in review order. The model only shows a
// ReviewQueue; loading it and deciding on proposals happen elsewhere.
class ProposalQueueModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Summary, Stakes, Confidence, Support, ColumnCount };
    enum Role {
        ProposalIdRole = Qt::UserRole + 1,   // 0 on group rows
        IsGroupRole,
        StakesRole,                          // int(reverie::Stakes)
        ConfidenceRole,                      // double 0..1
        SearchTextRole,                      // what the filter matches against
        InFlightRole,                        // a decision on it is running
        WeakEvidenceRole,                    // its evidence is weak: could be chance (dream/Strength.h)
    };

    explicit ProposalQueueModel(QObject *parent = nullptr);

    // Replaces the queue with a reset: for a new workspace.
    void setQueue(ReviewQueue queue);
    // Replaces the queue in place (a layout change, no reset): rows that stay keep their
    // selection, expansion and scroll position; rows that left are dropped. For a re-read of
    // the same workspace, e.g. after a decision.
    void updateQueue(ReviewQueue queue);
    const ReviewQueue &queue() const { return m_queue; }
    const Proposal *proposalAt(const QModelIndex &index) const;
    QModelIndex indexOfProposal(qint64 id) const;

    // Marks proposals whose decision is running (shown greyed, skipped by "next").
    void setInFlight(qint64 id, bool inFlight);
    bool isInFlight(qint64 id) const { return m_inFlight.contains(id); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Short, translated names used by the list, the badges and the tests.
    static QString operationLabel(ProposalOp op);
    static QString stakesLabel(reverie::Stakes stakes);

private:
    QVariant groupData(const QueueGroup &group, int column, int role) const;
    QVariant proposalData(const Proposal &p, int column, int role) const;
    void forgetLandedInFlight();

    ReviewQueue m_queue;
    QSet<qint64> m_inFlight;
};

} // namespace reverie::ui
