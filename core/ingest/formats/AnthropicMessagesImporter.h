#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// A plain Anthropic Messages transcript: one conversation per file, content blocks with tool use.
class AnthropicMessagesImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("anthropic-messages"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
