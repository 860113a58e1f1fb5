#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

class LatestRead;
struct TimelineData;

struct TimelineLoadResult {
    std::shared_ptr<const TimelineData> data;
    QString error;
    bool cancelled = false;
};

// Reads a trajectory's timeline through its own workspace connection. Safe on any thread.
TimelineLoadResult loadTimeline(const QString &workspacePath, qint64 trajectoryId,
                                const std::atomic_bool *cancel = nullptr);
// The same through a connection the caller has (a worker's).
TimelineLoadResult loadTimeline(store::Workspace &ws, qint64 trajectoryId, const std::atomic_bool *cancel = nullptr);

// Loads timelines on a worker thread through LatestRead: a newer request cancels the older
// one and the older result is dropped, so the latest request wins.
class TimelineLoader : public QObject {
    Q_OBJECT
public:
    explicit TimelineLoader(QObject *parent = nullptr);
    ~TimelineLoader() override;

    void load(const QString &workspacePath, qint64 trajectoryId);
    void cancel();
    bool isLoading() const;
    // The last loaded timeline; nullptr before the first.
    std::shared_ptr<const TimelineData> result() const { return m_result; }

Q_SIGNALS:
    void loaded(qint64 trajectoryId);
    void failed(qint64 trajectoryId, const QString &message);

private:
    LatestRead *m_reader = nullptr;
    std::shared_ptr<const TimelineData> m_result;
};

} // namespace reverie::ui
