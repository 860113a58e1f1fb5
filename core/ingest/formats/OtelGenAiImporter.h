#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// OpenTelemetry traces as OTLP JSON (one export, or JSONL with one export per line) carrying
// GenAI spans (gen_ai.* semantic conventions, old and new) or OpenInference spans: one run per trace.
class OtelGenAiImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("otel-genai"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
