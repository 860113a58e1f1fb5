#include "core/store/pg/EventListener.h"

#include "core/store/pg/PgConnection.h"

#include <poll.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace reverie::pg {

struct EventListener::Shared {
    QString address;
    OnEvents onEvents;
    OnConnection onConnection;
    qint64 lastId = 0;
    bool knowsLast = false;
    std::atomic_bool stopping{false};
    std::mutex mutex;
    std::condition_variable stopped;   // wakes a pause between reconnections at once
    std::thread thread;

    void run();
    // Reads and reports the events after lastId; throws pg::Error when the connection broke.
    void catchUp(Connection &conn);
    // Waits until `conn` has something to read, or about 0.2 s passed.
    static bool readable(Connection &conn);
    void pause(std::chrono::milliseconds ms)
    {
        std::unique_lock lock(mutex);
        stopped.wait_for(lock, ms, [this] { return stopping.load(); });
    }
};

void EventListener::Shared::catchUp(Connection &conn)
{
    if (!knowsLast) {
        lastId = conn.exec("SELECT coalesce(max(id), 0) FROM workspace_events").int64(0, 0);
        knowsLast = true;
        return;
    }
    const Result r = conn.exec("SELECT id, kind, coalesce(subject, 0) FROM workspace_events WHERE id > $1 ORDER BY id",
                               {param(lastId)});
    if (r.rows() == 0)
        return;
    std::vector<WorkspaceEvent> events;
    events.reserve(std::size_t(r.rows()));
    for (int row = 0; row < r.rows(); ++row)
        events.push_back({r.int64(row, 0), r.text(row, 1), r.int64(row, 2)});
    lastId = events.back().id;
    if (onEvents)
        onEvents(events);
}

bool EventListener::Shared::readable(Connection &conn)
{
    pollfd fd{conn.socket(), POLLIN, 0};
    return ::poll(&fd, 1, 200) > 0;
}

void EventListener::Shared::run()
{
    std::chrono::milliseconds backoff(200);
    bool wasLost = false;
    while (!stopping) {
        try {
            Connection conn = Connection::open(Address::parse(address), QStringLiteral("reverie listener"));
            conn.run("LISTEN reverie_events");
            catchUp(conn);   // what happened while it was away
            if (wasLost && onConnection)
                onConnection(QString());
            wasLost = false;
            backoff = std::chrono::milliseconds(200);
            while (!stopping) {
                if (!readable(conn))
                    continue;
                if (!conn.takeNotifications().empty())
                    catchUp(conn);
            }
            return;
        } catch (const reverie::Error &e) {
            if (stopping)
                return;
            if (!wasLost && onConnection)
                onConnection(e.message());
            wasLost = true;
            pause(backoff);
            backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
        }
    }
}

EventListener::EventListener(const QString &address, OnEvents onEvents, OnConnection onConnection, qint64 afterId)
    : d(std::make_shared<Shared>())
{
    d->address = address;
    d->onEvents = std::move(onEvents);
    d->onConnection = std::move(onConnection);
    d->lastId = afterId;
    d->knowsLast = afterId > 0;
    d->thread = std::thread([s = d.get()] {
        pthread_setname_np(pthread_self(), "reverie-listen");
        s->run();
    });
}

EventListener::~EventListener()
{
    d->stopping = true;
    d->stopped.notify_all();
    if (d->thread.joinable())
        d->thread.join();
}

} // namespace reverie::pg
