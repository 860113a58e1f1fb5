#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace reverie::ui {

struct TimelineData;

struct TimelineLoadResult {
    std::shared_ptr<const TimelineData> data;
    QString error;
    bool cancelled = false;
};

// Reads a trajectory's timeline through its own workspace connection. Safe on any thread.
TimelineLoadResult loadTimeline(const QString &workspacePath, qint64 trajectoryId,
                                const std::atomic_bool *cancel = nullptr);

// Loads timelines on a worker thread. Each request gets a tag; a newer request cancels the
// older one and the older result is dropped when it arrives, so the latest request wins.
class TimelineLoader : public QObject {
    Q_OBJECT
public:
    explicit TimelineLoader(QObject *parent = nullptr);
    ~TimelineLoader() override;

    void load(const QString &workspacePath, qint64 trajectoryId);
    void cancel();
    bool isLoading() const { return m_pending; }
    // The last loaded timeline; nullptr before the first.
    std::shared_ptr<const TimelineData> result() const { return m_result; }

Q_SIGNALS:
    void loaded(qint64 trajectoryId);
    void failed(qint64 trajectoryId, const QString &message);

private:
    quint64 m_tag = 0;
    bool m_pending = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<const TimelineData> m_result;
};

} // namespace reverie::ui
