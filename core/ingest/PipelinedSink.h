#pragma once

#include "core/ingest/Importer.h"

#include <memory>

namespace reverie::store {
class TrajectoryWriter;
}

namespace reverie::ingest {

// A sink that hands what the importer reads to the store's writer on a thread of its own,
// in batches. Parsing (the importer, on the calling thread) and SQLite (the writer thread)
// then overlap, so a large import takes about the longer of the two rather than their sum.
//
// Handles are assigned here, in call order, and mapped to the writer's own on its thread.
// The writer and its database connection belong to the writer thread between construction
// and close(); the caller must not touch them in between.
//
// An error on the writer thread is rethrown by the next call here, and by close(). It comes
// from an earlier point of the file than anything the importer reads after it, so a caller
// that catches an importer error calls abandon() first, which rethrows the writer's error.
class PipelinedSink final : public TrajectorySink {
public:
    explicit PipelinedSink(store::TrajectoryWriter &writer);
    // Stops the writer thread without writing what is still queued.
    ~PipelinedSink() override;
    PipelinedSink(const PipelinedSink &) = delete;
    PipelinedSink &operator=(const PipelinedSink &) = delete;

    qint64 begin(const TrajectoryInfo &info) override;
    void addStep(qint64 handle, const Step &step) override;
    void addRow(qint64 handle, const StepRow &row) override;
    void finish(qint64 handle, const TrajectoryInfo &info) override;

    // Writes everything queued and joins the writer thread; rethrows its error, if any.
    void close();
    // Stops the writer thread without writing what is still queued, then rethrows its error
    // if it had one. For a caller whose importer failed.
    void abandon();

private:
    struct Shared;
    std::unique_ptr<Shared> d;
};

} // namespace reverie::ingest
