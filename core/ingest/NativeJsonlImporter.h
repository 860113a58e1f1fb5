#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Reverie's own JSONL: one event per line, runs may interleave. See DESIGN.md.
class NativeJsonlImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("reverie-jsonl"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
    bool readsFromOffset() const override { return true; }
};

} // namespace reverie::ingest
