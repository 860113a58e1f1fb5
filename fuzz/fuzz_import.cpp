// libFuzzer harness for one importer: the bytes become a file, the importer reads it into a
// sink that keeps nothing. Any exception other than reverie::Error, any crash, hang or leak
// is a finding. The importer is chosen at build time (REVERIE_FUZZ_FORMAT).

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/Importer.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {

class DiscardingSink final : public reverie::ingest::TrajectorySink {
public:
    qint64 begin(const reverie::TrajectoryInfo &) override { return ++m_runs; }
    void addStep(qint64, const reverie::Step &step) override { m_bytes += step.raw.size() + step.text.size(); }
    void finish(qint64, const reverie::TrajectoryInfo &) override {}

private:
    qint64 m_runs = 0;
    qint64 m_bytes = 0;
};

const reverie::ingest::Importer *importer()
{
    static const auto *imp = reverie::ingest::FormatRegistry::builtin().byName(QStringLiteral(REVERIE_FUZZ_FORMAT));
    if (!imp)
        std::abort();   // the harness was built for a format that is not registered
    return imp;
}

QString scratchFile()
{
    static QTemporaryDir dir;
    return dir.filePath(QStringLiteral("input") + QStringLiteral(REVERIE_FUZZ_SUFFIX));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = scratchFile();
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    const QByteArray head(reinterpret_cast<const char *>(data), qsizetype(qMin<size_t>(size, 65536)));
    importer()->sniff(path, head);
    DiscardingSink sink;
    try {
        importer()->import(path, reverie::ingest::ImportContext(), sink);
    } catch (const reverie::Error &) {
        // A clear refusal is the expected outcome for most inputs.
    }
    return 0;
}
