#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Aider's .aider.chat.history.md: one run per "# aider chat started at" session that has user
// input; "#### " user lines, "> " aider output (edits, commits, commands, errors), LLM replies.
class AiderHistoryImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("aider"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
