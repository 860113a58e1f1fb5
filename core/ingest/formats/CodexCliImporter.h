#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// OpenAI Codex CLI session rollouts (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl): one run per
// file, tool calls paired with their outputs by call id, failed commands as error steps.
// Also reads the legacy shapes: bare response items after a header line, and the single JSON
// {session, items} document of the TypeScript CLI.
class CodexCliImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("codex-cli"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
