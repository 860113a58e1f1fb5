#pragma once

#include "core/model/Playbook.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace reverie::store {

class Workspace;

// The append-only, hash-chained log of decisions.
class ReviewLog {
public:
    explicit ReviewLog(Workspace &ws) : m_ws(ws) {}

    // Signs a review's hash for its reviewer (returns the signature text) or throws.
    using Signer = std::function<QString(const QString &reviewHash)>;

    // Appends a decision; fills id, time and chains its hash to the previous review; signs it
    // with `signer` when one is given.
    qint64 append(Review &review, const Signer &signer = {});
    std::vector<Review> forProposal(qint64 proposalId);
    std::vector<Review> all();

private:
    Workspace &m_ws;
};

} // namespace reverie::store
