#include "core/ingest/Importer.h"

namespace reverie::ingest {

namespace {
QString describe(const QString &file, qint64 line, qint64 offset, const QString &what)
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(what);
    if (offset >= 0)
        return QStringLiteral("%1: at byte %2: %3").arg(file).arg(offset).arg(what);
    return QStringLiteral("%1: %2").arg(file, what);
}
} // namespace

void TrajectorySink::addRow(qint64 handle, const StepRow &row)
{
    auto text = [](std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); };
    Step step;
    step.timestampMs = row.timestampMs;
    step.durationMs = row.durationMs;
    step.kind = row.kind;
    step.isError = row.isError;
    step.tool = text(row.tool);
    step.callId = text(row.callId);
    step.role = text(row.role);
    step.text = text(row.text);
    step.raw = QByteArray(row.raw.data(), qsizetype(row.raw.size()));
    addStep(handle, step);
}

ImportError::ImportError(const QString &file, qint64 line, qint64 offset, const QString &what)
    : reverie::Error(describe(file, line, offset, what)), m_file(file), m_line(line), m_offset(offset),
      m_reason(what)
{
}

} // namespace reverie::ingest
