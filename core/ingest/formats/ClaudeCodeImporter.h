#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Claude Code session transcripts (~/.claude/projects/<project>/<session>.jsonl): one run per
// session, streamed assistant lines merged back into whole messages, tool use paired by id.
class ClaudeCodeImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("claude-code"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
    // Every line names its session. An assistant message streamed across the point where the
    // earlier import ended continues as steps of its own.
    bool readsFromOffset() const override { return true; }
};

} // namespace reverie::ingest
