#pragma once

#include "core/model/Playbook.h"

#include <QStringList>

#include <vector>

namespace reverie::store {

class Workspace;

// The append-only, hash-chained log of decisions.
class ReviewLog {
public:
    explicit ReviewLog(Workspace &ws) : m_ws(ws) {}

    // Appends a decision; fills id, time and chains its hash to the previous review.
    qint64 append(Review &review);
    std::vector<Review> forProposal(qint64 proposalId);
    std::vector<Review> all();
    // Distinct reviewers who approved (approve or edit) the proposal.
    QStringList approvers(qint64 proposalId);

private:
    Workspace &m_ws;
};

} // namespace reverie::store
