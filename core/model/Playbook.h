#pragma once

#include "core/model/HoldOutRecord.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

namespace reverie {

enum class Stakes : int { Low = 0, High = 1 };
QString stakesName(Stakes s);
std::optional<Stakes> stakesFromName(QStringView name);

// Where a rule applies. Empty lists mean "everywhere"; `models` limits a rule to the agents'
// models it was shown to help (a lesson one model needs can hurt another).
struct Scope {
    QStringList workflows;
    QStringList tools;
    QStringList models;
    bool isGlobal() const { return workflows.isEmpty() && tools.isEmpty() && models.isEmpty(); }
    bool operator==(const Scope &o) const
    {
        return workflows == o.workflows && tools == o.tools && models == o.models;
    }
};

// One rule as it stands in one playbook version.
struct Rule {
    QString id;                  // stable across versions, e.g. "R12"
    QString text;                // one imperative a person and an agent can follow
    Scope scope;
    Stakes stakes = Stakes::Low;
    QString origin;              // "proposal:42", "manual", "import"
    bool operator==(const Rule &o) const
    {
        return id == o.id && text == o.text && scope == o.scope && stakes == o.stakes && origin == o.origin;
    }
};

// A full snapshot of the playbook. Versions are never edited: each change appends one.
struct PlaybookVersion {
    int number = 0;              // 1, 2, 3 ...; 0 = the empty playbook before any version
    int parent = 0;
    QString author;
    QString reason;
    qint64 createdMs = 0;
    QString change;              // "import", "approve", "edit", "rollback", "revert", "manual"
    qint64 proposalId = 0;       // the proposal the change applied, if any
    std::vector<Rule> rules;
    QString prevHash;
    QString hash;
};

// Add..Merge change rules; Rollback, Revert and Policy are gated requests that wait for
// approvers like any high-stakes change (targetRef and payload say what they do).
enum class ProposalOp : int { Add = 0, Edit = 1, Remove = 2, Merge = 3, Rollback = 4, Revert = 5, Policy = 6 };
inline bool changesRulesDirectly(ProposalOp op) { return int(op) <= int(ProposalOp::Merge); }
QString proposalOpName(ProposalOp op);
std::optional<ProposalOp> proposalOpFromName(QStringView name);

enum class ProposalStatus : int { Pending = 0, Approved = 1, Rejected = 2, NeedsRebase = 3, Reverted = 4 };
QString proposalStatusName(ProposalStatus s);
std::optional<ProposalStatus> proposalStatusFromName(QStringView name);

// A link from a proposal to the run (and step) that justifies it.
struct Evidence {
    qint64 trajectoryId = 0;     // workspace row id
    QString trajectoryExternalId;
    qint64 stepId = 0;           // workspace row id; 0 = the whole run
    int stepSeq = -1;
    QString note;
    // The run changed after the proposal and the cited step is gone: stepId is 0, stepSeq and
    // citedText are the step as it was.
    bool changed = false;
    QString citedText{};
};

// How a candidate rule would have fared on the runs already stored.
struct ReplayRecord {
    int broke = 0;               // runs that broke the rule
    int brokeFailed = 0;         // ... of which failed
    int kept = 0;                // runs that kept it
    int keptSucceeded = 0;       // ... of which succeeded
    bool successesBreakIt = false;  // flag: successful runs routinely break this rule
};

// A typed conflict between a proposal and an existing rule.
struct Conflict {
    QString kind;                // "duplicate", "subsumes", "contradicts"
    QString ruleId;
    QString detail;
};

struct Proposal {
    qint64 id = 0;
    qint64 dreamRunId = 0;       // 0 = manual proposal
    ProposalOp op = ProposalOp::Add;
    QStringList targetRules;     // edit/remove: one id; merge: several
    QString text;
    QString rationale;
    Scope scope;
    Stakes stakes = Stakes::Low;
    double confidence = 0.0;
    int support = 0;             // distinct trajectories
    int baseVersion = 0;
    ProposalStatus status = ProposalStatus::Pending;
    QString author;              // who wrote it: an engine name or a person
    QString kind;                // the lesson kind, e.g. "precedence", "loop"
    ReplayRecord replay;
    HoldOutRecord holdOut;       // how it fared on the newer runs its pass held out
    std::vector<Conflict> conflicts;
    std::vector<Evidence> evidence;
    qint64 createdMs = 0;
    qint64 targetRef = 0;        // Rollback: the version restored; Revert: the proposal undone
    QByteArray payload;          // Policy: JSON of the requested change
};

struct Review {
    qint64 id = 0;
    qint64 proposalId = 0;
    QString reviewer;
    QString decision;            // "approve", "reject", "edit", "rollback", "revert"
    QString comment;
    QString editedText;
    int producedVersion = 0;
    qint64 createdMs = 0;
    QString subject;             // hash of what an approval saw (text, scope, stakes); empty before v5
    QString detail;              // a policy change: JSON of what changed
    QString signature;           // the reviewer's SSH signature over the review hash, if signed
};

// Interrupted: the process running the pass died; found and marked on the next open.
enum class DreamStatus : int { Running = 0, Succeeded = 1, Failed = 2, Cancelled = 3, Interrupted = 4 };
QString dreamStatusName(DreamStatus s);

struct DreamRun {
    qint64 id = 0;
    QString engine;
    QByteArray parameters;       // JSON
    QByteArray selection;        // JSON
    DreamStatus status = DreamStatus::Running;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    QString error;
    int trajectoryCount = 0;
    int proposalCount = 0;
    QString owner;               // host:pid:start of the process running it
};

} // namespace reverie
