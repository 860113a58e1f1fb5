#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace reverie::pg {
class EventListener;
}

namespace reverie::ui {

// Other people's work on a server workspace, as it commits: imports, proposals, decisions and
// policy changes (pg::EventListener, on a thread of its own). For a workspace file it does
// nothing. Signals arrive on the GUI thread.
class LiveUpdates : public QObject {
    Q_OBJECT
public:
    explicit LiveUpdates(QObject *parent = nullptr);
    ~LiveUpdates() override;

    // Listens to the workspace at `path` (a server address), or stops (a file, or empty).
    void follow(const QString &path);
    bool isFollowing() const { return m_listener != nullptr; }

Q_SIGNALS:
    // Something changed: `what` says it for a person ("a decision", "2 new proposals").
    void changed(const QString &what);
    // The connection for updates was lost (`problem`), or is back (empty).
    void connectionChanged(const QString &problem);

private:
    std::unique_ptr<pg::EventListener> m_listener;
};

} // namespace reverie::ui
