#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// What a background read ended as: its value, or why it has none.
template <typename T>
struct ReadResult {
    std::optional<T> value;
    QString error;               // set when value is not
    bool ok() const { return value.has_value(); }
};

// The connection reads use on the calling worker thread: one per thread and workspace file,
// opened read-only on first use and kept, so a page's reads do not pay for opening the file.
// Never call it on the GUI thread.
store::Workspace &readConnection(const QString &path);
// Makes every worker reopen its connections on their next read (after the GUI switched or
// re-created a workspace at a path already read from).
void forgetReadConnections();
// The pool reads run on: apart from QThreadPool::globalInstance(), so that an import or a
// dream pass on the global pool never makes a page wait.
QThreadPool *readerPool();

// Latest-wins reads for one consumer (a page, a model): each run() reads on the reader pool with
// a connection of its own and hands the result to `done` on this object's thread, unless a
// newer run() started meanwhile, cancel() was called, or this object is gone. Errors (any
// exception the read throws) arrive as values: nothing escapes into a slot. The read gets a
// flag it may poll to stop early once it is no longer wanted.
class LatestRead : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Read = std::function<T(store::Workspace &ws, const std::atomic_bool &stale)>;
    template <typename T>
    using Done = std::function<void(ReadResult<T> result)>;

    explicit LatestRead(QObject *parent = nullptr) : QObject(parent) {}
    ~LatestRead() override { cancel(); }

    template <typename T>
    void run(const QString &workspacePath, Read<T> read, Done<T> done)
    {
        const quint64 tag = begin();
        std::shared_ptr<std::atomic_bool> stale = m_stale;
        auto *watcher = new QFutureWatcher<ReadResult<T>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, tag, done = std::move(done)] {
            watcher->deleteLater();
            if (tag != m_tag)
                return;   // a newer read (or a cancel) made this one stale
            setBusy(false);
            done(watcher->result());
        });
        watcher->setFuture(QtConcurrent::run(readerPool(), [workspacePath, read = std::move(read), stale] {
            ReadResult<T> r;
            if (stale->load())
                return r;
            try {
                r.value.emplace(read(readConnection(workspacePath), *stale));
            } catch (const std::exception &e) {
                r.error = QString::fromUtf8(e.what());
            } catch (...) {
                r.error = QStringLiteral("an unknown error");
            }
            return r;
        }));
    }

    // Drops whatever is in flight: its result is never delivered.
    void cancel();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    quint64 begin();
    void setBusy(bool busy);

    quint64 m_tag = 0;
    bool m_busy = false;
    std::shared_ptr<std::atomic_bool> m_stale = std::make_shared<std::atomic_bool>(false);
};

} // namespace reverie::ui
