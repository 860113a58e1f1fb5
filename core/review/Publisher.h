#pragma once

#include "core/store/PublishLog.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::review {

// What one publish pass did, target by target.
struct PublishReport {
    struct Target {
        QString path;
        int version = 0;
        QString error;           // empty: written
    };
    std::vector<Target> targets;

    QStringList written() const;
    int failures() const;
    // "publishing to 1 of 2 targets failed: /x/AGENTS.md: the disk is full"; empty without failures.
    QString failureSummary() const;
};

// Publishing as an outbox. A decision records, in its own transaction, the version every
// target must reach (enqueueAll); then publishing works through every target, writes each one
// (a Markdown target gets a managed block and keeps the rest of the file; a JSON target is
// Reverie's own file), records each result in the hash-chained publish log, and leaves what
// failed in the outbox, for `reverie publish`, the next decision or the next open.
class Publisher {
public:
    explicit Publisher(store::Workspace &ws) : m_ws(ws) {}

    // Inside the caller's transaction.
    void enqueueAll(int version);
    // Every target still waiting gets the current version.
    PublishReport publishPending();
    // Every target anew.
    PublishReport publishAll();

    // Where a target stands, for verify, the history page and the settings.
    struct TargetState {
        QString path;
        std::optional<store::PublishEntry> last;      // the latest attempt
        std::optional<store::PublishEntry> lastOk;    // the latest success
        int waitingFor = 0;                           // outbox: the version it must reach; 0: none
        int holds = -1;                               // the version the file says it holds; -1: none found
    };
    // With `readFiles`, each target file is read for the version its marker names.
    std::vector<TargetState> states(bool readFiles);
    // One line per target that is behind the current version (empty when all are current).
    QStringList behind();

private:
    PublishReport publish(const QStringList &targets);
    store::Workspace &m_ws;
};

} // namespace reverie::review
