#include "core/ingest/formats/InspectEvalImporter.h"

#include "core/ingest/JsonSupport.h"
#include "core/ingest/formats/BoundedZip.h"
#include "core/ingest/formats/HeadScan.h"
#include "core/ingest/formats/InspectSample.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QStringList>

namespace reverie::ingest {

using json::Json;

namespace {

Json parseEntry(const BoundedZip &zip, int index, const ImportContext &ctx, const QString &path)
{
    const QByteArray bytes = zip.read(index, ctx);
    try {
        return json::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())), path, 0, 0);
    } catch (const ImportError &e) {
        throw zip.entryError(index, QStringLiteral("at byte %1 of the entry: %2").arg(e.offset()).arg(e.reason()));
    }
}

// A log that repeats a sample id and epoch still yields one run per sample.
Trajectory uniqueId(Trajectory t, QSet<QString> &seen)
{
    const QString base = t.info.externalId;
    for (int n = 2; seen.contains(t.info.externalId); ++n)
        t.info.externalId = QStringLiteral("%1#%2").arg(base).arg(n);
    seen.insert(t.info.externalId);
    return t;
}

} // namespace

QString InspectEvalImporter::description() const
{
    return QStringLiteral("Inspect AI eval log: JSON (versions 1 and 2) or .eval ZIP; one trajectory per sample");
}

int InspectEvalImporter::sniff(const QString &path, const QByteArray &head) const
{
    const bool evalExt = path.endsWith(QLatin1String(".eval"), Qt::CaseInsensitive);
    if (head.startsWith("PK\x03\x04")) {
        // Each local header carries its entry's name; Inspect writes its journal or header first.
        if (head.contains("_journal/start.json") || head.contains("header.json"))
            return evalExt ? 95 : 85;
        return evalExt ? 60 : 0;
    }
    const JsonHead h(head);
    if (h.top() != '{')
        return 0;
    const JsonHead::Key *version = h.find(1, QLatin1String("version"));
    const JsonHead::Key *eval = h.find(1, QLatin1String("eval"));
    if (!version || version->type != 'n' || !eval || eval->type != '{')
        return 0;
    const bool evalFields = h.has(2, QLatin1String("task"), QLatin1String("eval"))
                            || h.has(2, QLatin1String("eval_id"), QLatin1String("eval"));
    return evalFields ? 95 : 85;
}

void InspectEvalImporter::import(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const bool zip = file.peek(4) == QByteArray("PK\x03\x04", 4);
    file.close();
    if (zip)
        importZip(path, ctx, sink);
    else
        importJson(path, ctx, sink);
}

void InspectEvalImporter::importJson(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    // A log with thousands of samples is read twice rather than held whole: first everything
    // but the samples (the eval, plan and results the samples are read against), then the
    // samples one at a time.
    Json::value_t samplesType = Json::value_t::discarded;
    const Json log = json::parseFileWithout(path, ctx, "samples", samplesType);
    if (samplesType != Json::value_t::array && samplesType != Json::value_t::null
        && samplesType != Json::value_t::discarded)
        throw ImportError::inFile(path, QStringLiteral("\"samples\" must be an array"));
    const inspect::LogFacts facts = inspect::readLogFacts(log);
    if (const QString shape = inspect::refusedShape(facts); !shape.isEmpty())
        throw ImportError::inFile(path, QStringLiteral("at \"version\": %1").arg(shape));
    QSet<QString> seenIds;
    qint64 count = 0;
    json::forEachElementOf(path, ctx, "samples", [&](Json &&sample, qint64 i) {
        const auto fail = [&](const QString &what) {
            return ImportError::inFile(path, QStringLiteral("samples[%1]: %2").arg(i).arg(what));
        };
        sink.write(uniqueId(inspect::mapSample(sample, facts, fail), seenIds));
        ++count;
    });
    if (count == 0) {
        // A header-only log: written with log_samples off, read back with header_only, or
        // a JSON log of a run still "started" (its samples only arrive at the end).
        const QString status = facts.status.isEmpty() ? QString() : QStringLiteral(" with status \"%1\"").arg(facts.status);
        throw ImportError::inFile(path, QStringLiteral("at \"samples\": an Inspect eval log header without samples%1; "
                                                       "this shape is not read (the log holds no samples)")
                                            .arg(status));
    }
}

void InspectEvalImporter::importZip(const QString &path, const ImportContext &ctx, TrajectorySink &sink) const
{
    const BoundedZip zip(path, m_maxEntryBytes);
    // A finished log has header.json; one still running (or killed) only its journal start.
    int headerIndex = zip.indexOf(QStringLiteral("header.json"));
    if (headerIndex < 0)
        headerIndex = zip.indexOf(QStringLiteral("_journal/start.json"));
    if (headerIndex < 0)
        throw ImportError::inFile(path, QStringLiteral("not an Inspect .eval archive: it has neither header.json "
                                                       "nor _journal/start.json"));
    Json header = parseEntry(zip, headerIndex, ctx, path);
    if (!header.is_object())
        throw zip.entryError(headerIndex, QStringLiteral("expected a JSON object {version, eval, ...}"));
    if (const int r = zip.indexOf(QStringLiteral("reductions.json")); r >= 0)
        header["reductions"] = parseEntry(zip, r, ctx, path);

    const qint64 total = QFileInfo(path).size();
    qint64 done = 0;
    const inspect::LogFacts facts = inspect::readLogFacts(header);
    if (const QString shape = inspect::refusedShape(facts); !shape.isEmpty())
        throw zip.entryError(headerIndex, QStringLiteral("at \"version\": %1").arg(shape));
    const QStringList &names = zip.names();
    QSet<QString> seenIds;
    for (int i = 0; i < names.size(); ++i) {
        done += zip.compressedSize(i);
        if (!names.at(i).startsWith(QLatin1String("samples/")) || !names.at(i).endsWith(QLatin1String(".json")))
            continue;
        ctx.tick(done, total);
        const Json sample = parseEntry(zip, i, ctx, path);
        sink.write(uniqueId(inspect::mapSample(sample, facts, [&](const QString &what) { return zip.entryError(i, what); }),
                            seenIds));
    }
}

} // namespace reverie::ingest
