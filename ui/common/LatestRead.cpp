#include "ui/common/LatestRead.h"

#include "core/store/Workspace.h"

#include <QThreadPool>

#include <map>

namespace reverie::ui {

namespace {

std::atomic<int> g_generation{0};

struct ThreadConnections {
    int generation = -1;
    std::map<QString, std::unique_ptr<store::Workspace>> byPath;
};

} // namespace

store::Workspace &readConnection(const QString &path)
{
    thread_local ThreadConnections mine;
    const int now = g_generation.load();
    if (mine.generation != now) {
        mine.byPath.clear();
        mine.generation = now;
    }
    std::unique_ptr<store::Workspace> &ws = mine.byPath[path];
    if (!ws) {
        store::Workspace::Options options;
        options.create = false;
        options.readOnly = true;
        ws = std::make_unique<store::Workspace>(path, options);
    }
    return *ws;
}

void forgetReadConnections() { ++g_generation; }

QThreadPool *readerPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;   // lives as long as the process: reads may still finish at exit
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

quint64 LatestRead::begin()
{
    m_stale->store(true);
    m_stale = std::make_shared<std::atomic_bool>(false);
    setBusy(true);
    return ++m_tag;
}

void LatestRead::cancel()
{
    m_stale->store(true);
    ++m_tag;
    setBusy(false);
}

void LatestRead::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace reverie::ui
