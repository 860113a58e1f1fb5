#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace reverie::store {

class Workspace;

// One attempt to write the playbook to a publish target.
struct PublishEntry {
    qint64 id = 0;
    QString target;
    int version = 0;
    QString playbookHash;
    qint64 createdMs = 0;
    QString result;              // "ok", or why it failed
    bool ok() const { return result == QLatin1String("ok"); }
};

// What each target must reach (the outbox) and what every publish did (the log, append-only
// and hash-chained like the reviews). A decision fills the outbox in its own transaction;
// publishing works it off, so a failure or a crash in between is finished later.
class PublishLog {
public:
    explicit PublishLog(Workspace &ws) : m_ws(ws) {}

    // Every target must reach `version` (an earlier wish for the same target is replaced).
    void enqueue(const QString &target, int version);
    struct Pending {
        QString target;
        int version = 0;
    };
    std::vector<Pending> pending();
    // Done: drops the target's outbox entry if it still asks for `version` or less.
    void done(const QString &target, int version);
    void forget(const QString &target);   // the target was removed from the policy

    // Appends an attempt, chained to the one before; fills id and time.
    qint64 append(PublishEntry &entry);
    std::vector<PublishEntry> all();
    // The newest entry for `target`, and the newest successful one.
    std::optional<PublishEntry> last(const QString &target, bool okOnly = false);

private:
    Workspace &m_ws;
};

namespace hashchain {
QString publishHash(const PublishEntry &entry, const QString &prevHash);
}

} // namespace reverie::store
