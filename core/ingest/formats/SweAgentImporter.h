#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// SWE-agent .traj files: one JSON object {environment, trajectory, history, info} per run.
class SweAgentImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("swe-agent"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
