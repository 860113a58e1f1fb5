#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Agent Trajectory Interchange Format (harbor RFC 0001, "ATIF-v1.x"): one trajectory object per
// file; embedded subagent trajectories become runs of their own.
class AtifImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("atif"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
