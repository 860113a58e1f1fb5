#include "core/ingest/PipelinedSink.h"

#include "core/store/TrajectoryWriter.h"

#include <pthread.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace reverie::ingest {

namespace {

// Batches keep the lock out of the per-step path; the bound keeps a fast parser from
// queueing a whole file in memory ahead of a slow disk.
constexpr std::size_t kBatchOps = 256;
constexpr std::size_t kMaxQueuedBatches = 64;

struct Op {
    enum Type : quint8 { Begin, AddStep, Finish } type;
    qint64 handle = 0;
    std::unique_ptr<TrajectoryInfo> info;       // Begin and Finish
    store::TrajectoryWriter::StepRow row;      // AddStep
};
using Batch = std::vector<Op>;

} // namespace

struct PipelinedSink::Shared {
    explicit Shared(store::TrajectoryWriter &w) : writer(w) {}

    store::TrajectoryWriter &writer;
    std::mutex mutex;
    std::condition_variable changed;   // queue filled or drained, closing, stopping, failed
    std::deque<Batch> queue;
    bool closing = false;
    bool stopping = false;
    bool failed = false;
    std::exception_ptr error;
    std::thread thread;

    Batch filling;                     // the producer's, not shared
    qint64 nextHandle = 0;
    std::vector<qint64> writerHandles; // the writer thread's: local handle - 1 -> writer handle

    void run();
    void apply(Op &op);
    void push(Op op);
    void submit();
    void join();
    void rethrowIfFailed();
};

void PipelinedSink::Shared::apply(Op &op)
{
    switch (op.type) {
    case Op::Begin: writerHandles.push_back(writer.begin(*op.info)); break;
    case Op::AddStep: writer.addRow(writerHandles.at(std::size_t(op.handle - 1)), op.row); break;
    case Op::Finish: writer.finish(writerHandles.at(std::size_t(op.handle - 1)), *op.info); break;
    }
}

void PipelinedSink::Shared::run()
{
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [this] { return stopping || closing || !queue.empty(); });
            if (stopping || queue.empty())
                return;   // stopped, or closing with nothing left
            batch = std::move(queue.front());
            queue.pop_front();
        }
        changed.notify_all();   // room for the producer
        try {
            for (Op &op : batch)
                apply(op);
        } catch (...) {
            {
                std::lock_guard lock(mutex);
                error = std::current_exception();
                failed = true;
            }
            changed.notify_all();
            return;
        }
    }
}

void PipelinedSink::Shared::submit()
{
    if (filling.empty())
        return;
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] { return failed || queue.size() < kMaxQueuedBatches; });
        if (!failed)
            queue.push_back(std::move(filling));
    }
    changed.notify_all();
    filling.clear();
    filling.reserve(kBatchOps);
    rethrowIfFailed();
}

void PipelinedSink::Shared::push(Op op)
{
    filling.push_back(std::move(op));
    if (filling.size() >= kBatchOps)
        submit();
}

void PipelinedSink::Shared::join()
{
    if (thread.joinable())
        thread.join();
}

void PipelinedSink::Shared::rethrowIfFailed()
{
    std::exception_ptr e;
    {
        std::lock_guard lock(mutex);
        e = error;
    }
    if (e) {
        join();
        std::rethrow_exception(e);
    }
}

PipelinedSink::PipelinedSink(store::TrajectoryWriter &writer) : d(std::make_unique<Shared>(writer))
{
    d->filling.reserve(kBatchOps);
    d->thread = std::thread([s = d.get()] {
        pthread_setname_np(pthread_self(), "reverie-writer");   // shows in top and perf
        s->run();
    });
}

PipelinedSink::~PipelinedSink()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->changed.notify_all();
    d->join();
}

qint64 PipelinedSink::begin(const TrajectoryInfo &info)
{
    Op op{Op::Begin, ++d->nextHandle, std::make_unique<TrajectoryInfo>(info), {}};
    d->push(std::move(op));
    return d->nextHandle;
}

void PipelinedSink::addStep(qint64 handle, const Step &step)
{
    Q_ASSERT(handle > 0 && handle <= d->nextHandle);
    // The UTF-8 conversion happens here, on the importer's thread, not the writer's.
    d->push(Op{Op::AddStep, handle, nullptr, store::TrajectoryWriter::rowFor(step)});
}

void PipelinedSink::finish(qint64 handle, const TrajectoryInfo &info)
{
    Q_ASSERT(handle > 0 && handle <= d->nextHandle);
    d->push(Op{Op::Finish, handle, std::make_unique<TrajectoryInfo>(info), {}});
}

void PipelinedSink::close()
{
    d->submit();
    {
        std::lock_guard lock(d->mutex);
        d->closing = true;
    }
    d->changed.notify_all();
    d->join();
    d->rethrowIfFailed();
}

void PipelinedSink::abandon()
{
    {
        std::lock_guard lock(d->mutex);
        d->stopping = true;
    }
    d->changed.notify_all();
    d->join();
    d->rethrowIfFailed();
}

} // namespace reverie::ingest
