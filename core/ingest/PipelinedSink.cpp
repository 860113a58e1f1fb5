#include "core/ingest/PipelinedSink.h"

#include "core/store/TrajectoryWriter.h"

#include <pthread.h>

#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace reverie::ingest {

namespace {

// Batches keep the lock and the thread wake-ups out of the per-step path; the bounds keep a
// fast parser from queueing a whole file in memory ahead of a slow disk.
constexpr std::size_t kBatchOps = 2048;
constexpr std::size_t kBatchBytes = 1 << 20;
constexpr std::size_t kMaxQueuedBatches = 16;

// Where a step's text sits in its batch's byte buffer.
struct Span {
    std::size_t offset = 0;
    std::size_t size = 0;
};

struct Op {
    enum Type : quint8 { Begin, AddStep, Finish } type;
    qint64 handle = 0;
    std::unique_ptr<TrajectoryInfo> info;       // Begin and Finish
    std::unique_ptr<store::TrajectoryWriter::RunText> runText;   // Finish: UTF-8 made on the producer's thread
    StepRow row;                                // AddStep: numbers and kind; text in the spans
    Span tool, callId, role, text, raw;
};

// The steps' bytes live in one buffer per batch, and batches go back to the producer once
// written: after the first few, a step costs no allocation at all.
struct Batch {
    std::vector<Op> ops;
    std::string bytes;

    Span append(std::string_view v)
    {
        const Span span{bytes.size(), v.size()};
        bytes.append(v);
        return span;
    }
    std::string_view view(Span span) const { return {bytes.data() + span.offset, span.size}; }
    bool full() const { return ops.size() >= kBatchOps || bytes.size() >= kBatchBytes; }
    void clear()
    {
        ops.clear();
        bytes.clear();
    }
};

} // namespace

struct PipelinedSink::Shared {
    explicit Shared(store::TrajectoryWriter &w) : writer(w) {}

    store::TrajectoryWriter &writer;
    std::mutex mutex;
    std::condition_variable changed;   // queue filled or drained, closing, stopping, failed
    std::deque<Batch> queue;
    std::vector<Batch> spare;          // written batches, for the producer to fill again
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
    void applyAll(Batch &batch);
    Op &push(Op op);
    void submit();
    void join();
    void rethrowIfFailed();
};

void PipelinedSink::Shared::apply(Op &op)
{
    switch (op.type) {
    case Op::Begin: writerHandles.push_back(writer.begin(*op.info)); break;
    case Op::AddStep: break;   // applyAll() hands them over in groups
    case Op::Finish:
        writer.finish(writerHandles.at(std::size_t(op.handle - 1)), std::move(*op.info), std::move(*op.runText));
        break;
    }
}

// Consecutive steps go to the writer together: it inserts many rows with one statement.
void PipelinedSink::Shared::applyAll(Batch &batch)
{
    constexpr int kGroup = store::TrajectoryWriter::kRowsPerInsert;
    std::array<qint64, kGroup> handles;
    std::array<const StepRow *, kGroup> rows;
    for (std::size_t i = 0; i < batch.ops.size();) {
        if (batch.ops[i].type != Op::AddStep) {
            apply(batch.ops[i++]);
            continue;
        }
        int n = 0;
        for (; i < batch.ops.size() && n < kGroup; ++i) {
            Op &op = batch.ops[i];
            // A run's begin writes nothing the steps before it need, so a file of short runs
            // still fills whole statements; a finish writes the step count and ends the group.
            if (op.type == Op::Begin) {
                apply(op);
                continue;
            }
            if (op.type != Op::AddStep)
                break;
            op.row.tool = batch.view(op.tool);
            op.row.callId = batch.view(op.callId);
            op.row.role = batch.view(op.role);
            op.row.text = batch.view(op.text);
            op.row.raw = batch.view(op.raw);
            handles[std::size_t(n)] = writerHandles.at(std::size_t(op.handle - 1));
            rows[std::size_t(n++)] = &op.row;
        }
        writer.addRows(handles.data(), rows.data(), n);
    }
}

void PipelinedSink::Shared::run()
{
    Batch batch;
    for (;;) {
        bool wasFull = false;
        {
            std::unique_lock lock(mutex);
            if (!batch.ops.empty() || batch.bytes.capacity() > 0) {
                // Emptied by the producer when it takes the batch again (submit()): freeing
                // each run's info there keeps that work off this thread, the one that limits.
                spare.push_back(std::move(batch));
                batch = Batch();
            }
            changed.wait(lock, [this] { return stopping || closing || !queue.empty(); });
            if (stopping || queue.empty())
                return;   // stopped, or closing with nothing left
            wasFull = queue.size() >= kMaxQueuedBatches;
            batch = std::move(queue.front());
            queue.pop_front();
        }
        if (wasFull)
            changed.notify_all();   // the producer may be waiting for room
        try {
            applyAll(batch);
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
    if (filling.ops.empty())
        return;
    bool wasEmpty = false;
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [this] { return failed || queue.size() < kMaxQueuedBatches; });
        if (!failed) {
            wasEmpty = queue.empty();
            queue.push_back(std::move(filling));
        }
        if (!spare.empty()) {
            filling = std::move(spare.back());
            spare.pop_back();
        } else {
            filling = Batch();
            filling.ops.reserve(kBatchOps);
        }
    }
    if (wasEmpty)
        changed.notify_all();   // the writer may be waiting for work
    filling.clear();
    rethrowIfFailed();
}

Op &PipelinedSink::Shared::push(Op op)
{
    filling.ops.push_back(std::move(op));
    return filling.ops.back();
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
    d->filling.ops.reserve(kBatchOps);
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
    d->push(Op{Op::Begin, ++d->nextHandle, std::make_unique<TrajectoryInfo>(info), {}, {}, {}, {}, {}, {}, {}});
    if (d->filling.full())
        d->submit();
    return d->nextHandle;
}

void PipelinedSink::addRow(qint64 handle, const StepRow &row)
{
    Q_ASSERT(handle > 0 && handle <= d->nextHandle);
    Batch &b = d->filling;
    Op &op = d->push(Op{Op::AddStep, handle, nullptr, {}, {}, {}, {}, {}, {}, {}});
    op.row.timestampMs = row.timestampMs;
    op.row.durationMs = row.durationMs;
    op.row.kind = row.kind;
    op.row.isError = row.isError;
    op.tool = b.append(row.tool);
    op.callId = b.append(row.callId);
    op.role = b.append(row.role);
    op.text = b.append(row.text);
    op.raw = b.append(row.raw);
    if (b.full())
        d->submit();
}

void PipelinedSink::addStep(qint64 handle, const Step &step)
{
    // The UTF-8 conversion happens here, on the importer's thread, not the writer's.
    addRow(handle, Utf8Step(step).row());
}

void PipelinedSink::finish(qint64 handle, const TrajectoryInfo &info)
{
    Q_ASSERT(handle > 0 && handle <= d->nextHandle);
    d->push(Op{Op::Finish, handle, std::make_unique<TrajectoryInfo>(info),
               std::make_unique<store::TrajectoryWriter::RunText>(store::TrajectoryWriter::runText(info)), {}, {}, {},
               {}, {}, {}});
    if (d->filling.full())
        d->submit();
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
