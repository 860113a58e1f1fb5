#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Gemini CLI: a saved chat session (~/.gemini/tmp/<project>/chats/session-*.json, one object with
// "messages") as one run; also the older `/chat save` checkpoint (an array of {role, parts}).
class GeminiCliImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("gemini-cli"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
