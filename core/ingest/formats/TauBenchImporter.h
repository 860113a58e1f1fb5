#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// tau-bench results: a JSON array of runs {task_id, trial, reward, info, traj}, where traj
// holds OpenAI chat messages (or, from the first release, Anthropic blocks and id-less calls);
// also tau2-bench results {info, tasks, simulations}. Streamed one run at a time.
class TauBenchImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("tau-bench"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;

private:
    void importSimulations(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const;
};

} // namespace reverie::ingest
