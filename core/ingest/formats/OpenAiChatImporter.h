#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// A plain OpenAI chat-completions transcript: one conversation per file, with tool calls.
class OpenAiChatImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("openai-chat"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
