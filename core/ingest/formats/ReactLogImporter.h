#pragma once

#include "core/ingest/Importer.h"

namespace reverie::ingest {

// Reflexion/ReAct HotpotQA text logs: runs grouped under CORRECT / INCORRECT / HALTED sections,
// each a Question followed by numbered Thought / Action / Observation lines.
class ReactLogImporter final : public Importer {
public:
    QString name() const override { return QStringLiteral("react-log"); }
    QString description() const override;
    int sniff(const QString &path, const QByteArray &head) const override;
    void import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const override;
};

} // namespace reverie::ingest
