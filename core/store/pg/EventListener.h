#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace reverie::pg {

// What changed in a server workspace (see workspace_events in ServerSchema.cpp).
struct WorkspaceEvent {
    qint64 id = 0;
    QString kind;        // import, proposal, review, policy
    qint64 subject = 0;  // the source, proposal or review id; 0 for policy
};

// Listens for a server workspace's events on a thread of its own, with a connection of its
// own: LISTEN reverie_events, and on each notification the events after the last one seen,
// read by id (so a notification lost, or several merged into one, loses nothing). When the
// connection breaks it connects again by itself, after 0.2 s, then longer pauses up to 5 s,
// and first reads what it missed meanwhile.
//
// The callbacks run on the listener's thread; a GUI hands them to its own thread.
class EventListener {
public:
    using OnEvents = std::function<void(const std::vector<WorkspaceEvent> &events)>;
    // Called when the connection is lost (with libpq's reason) and when it is back (empty).
    using OnConnection = std::function<void(const QString &problem)>;

    // Starts listening at once; `afterId` is the last event already known (0: only new ones
    // from now on; the current last id is read first).
    EventListener(const QString &address, OnEvents onEvents, OnConnection onConnection = nullptr, qint64 afterId = 0);
    // Stops the thread (within about 0.2 s) and closes its connection.
    ~EventListener();
    EventListener(const EventListener &) = delete;
    EventListener &operator=(const EventListener &) = delete;

private:
    struct Shared;
    std::shared_ptr<Shared> d;
};

} // namespace reverie::pg
