#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// OpenHands event streams: a UI trajectory export (a JSON array of events) or an evaluation
// output (JSONL, one instance per line with its events under "history").
class OpenHandsImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("openhands"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
