#pragma once

#include "core/model/Playbook.h"

#include <optional>
#include <vector>

namespace reverie::store {

class Workspace;

// Proposals and their evidence. Writes happen inside the caller's transaction when there is
// one (a dream pass stores all its proposals at once); a proposal without evidence is refused
// unless it is a person's manual proposal.
// A hold-out record as stored with its proposal (and as `proposals --json` prints it): JSON,
// empty for a proposal without a hold-out check, so old rows and new ones without it read alike.
QByteArray holdOutJson(const HoldOutRecord &h);

class ProposalStore {
public:
    explicit ProposalStore(Workspace &ws) : m_ws(ws) {}

    // Inserts the proposal and its evidence; returns the new id (also set in `p`).
    qint64 insert(Proposal &p);
    std::optional<Proposal> get(qint64 id);
    // All proposals, or those with the given status, newest first. Evidence is loaded too.
    std::vector<Proposal> list(std::optional<ProposalStatus> status = std::nullopt, qint64 dreamRunId = 0);
    void setStatus(qint64 id, ProposalStatus status);
    void setStakes(qint64 id, Stakes stakes);
    void setConflicts(qint64 id, const std::vector<Conflict> &conflicts);

private:
    void loadEvidence(Proposal &p);
    void loadEvidence(std::vector<Proposal> &listed, std::optional<ProposalStatus> status, qint64 dreamRunId);
    Workspace &m_ws;
};

} // namespace reverie::store
