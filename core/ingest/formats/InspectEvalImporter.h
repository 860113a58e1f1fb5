#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Inspect AI eval logs, both the JSON form and the .eval ZIP form (header.json plus one
// samples/<id>_epoch_<n>.json per sample). One trajectory per sample.
class InspectEvalImporter final : public Importer {
public:
    // Largest uncompressed entry accepted from a .eval archive.
    static constexpr qint64 kDefaultMaxEntryBytes = 512ll * 1024 * 1024;

    explicit InspectEvalImporter(qint64 maxEntryBytes = kDefaultMaxEntryBytes) : m_maxEntryBytes(maxEntryBytes) {}

    QString name() const override { return QStringLiteral("inspect-eval"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;

private:
    void importJson(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const;
    void importZip(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const;

    qint64 m_maxEntryBytes;
};

} // namespace reverie::ingest
