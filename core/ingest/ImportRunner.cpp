#include "core/ingest/ImportRunner.h"

#include "core/ingest/FormatRegistry.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace reverie::ingest {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024;

// Adapts the store's writer to the importers' sink interface.
class WriterSink final : public TrajectorySink {
public:
    explicit WriterSink(store::TrajectoryWriter &w) : m_w(w) {}
    qint64 begin(const TrajectoryInfo &info) override { return m_w.begin(info); }
    void addStep(qint64 handle, const Step &step) override { m_w.addStep(handle, step); }
    void finish(qint64 handle, const TrajectoryInfo &info) override { m_w.finish(handle, info); }

private:
    store::TrajectoryWriter &m_w;
};

QString hashFile(QFile &file, const ImportContext &ctx, qint64 &bytes)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buf(1 << 20, Qt::Uninitialized);
    bytes = 0;
    for (;;) {
        const qint64 n = file.read(buf.data(), buf.size());
        if (n < 0)
            throw ImportError::inFile(file.fileName(), QStringLiteral("read error: %1").arg(file.errorString()));
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buf.constData(), n));
        bytes += n;
        if (ctx.cancelled())
            throw ImportCancelled();
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

ImportRunner::ImportRunner(store::Workspace &ws, const FormatRegistry &registry) : m_ws(ws), m_registry(registry) {}

QStringList ImportRunner::expandPaths(const QStringList &paths)
{
    QStringList out;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (!info.isDir()) {
            out << p;
            continue;
        }
        QStringList inside;
        QDirIterator it(p, QDir::Files | QDir::Readable, QDirIterator::Subdirectories);
        while (it.hasNext())
            inside << it.next();
        inside.sort();
        out << inside;
    }
    return out;
}

FileResult ImportRunner::importFile(const QString &path, const Options &options)
{
    return runOne(path, options, 0, QFileInfo(path).size());
}

std::vector<FileResult> ImportRunner::importFiles(const QStringList &paths, const Options &options)
{
    const QStringList files = expandPaths(paths);
    qint64 total = 0;
    for (const QString &f : files)
        total += QFileInfo(f).size();
    std::vector<FileResult> results;
    qint64 done = 0;
    for (int i = 0; i < files.size(); ++i) {
        if (m_cancel && m_cancel->load())
            break;
        results.push_back(runOne(files.at(i), options, done, total));
        done += QFileInfo(files.at(i)).size();
        if (m_fileDone)
            m_fileDone(i, results.back());
    }
    return results;
}

FileResult ImportRunner::runOne(const QString &path, const Options &options, qint64 batchDone, qint64 batchTotal)
{
    FileResult result;
    result.path = path;
    const ImportContext ctx(
        [this, batchDone, batchTotal](qint64 done, qint64) {
            if (m_progress)
                m_progress(batchDone + done, batchTotal);
        },
        m_cancel);
    try {
        QFile file(path);
        const QFileInfo info(path);
        if (!info.exists())
            throw ImportError::inFile(path, QStringLiteral("no such file"));
        if (info.isDir())
            throw ImportError::inFile(path, QStringLiteral("is a folder"));
        if (!file.open(QIODevice::ReadOnly))
            throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
        const QByteArray head = file.peek(kSniffBytes);

        const Importer *importer = nullptr;
        if (!options.forcedFormat.isEmpty()) {
            importer = m_registry.byName(options.forcedFormat);
            if (!importer) {
                throw ImportError::inFile(path, QStringLiteral("unknown format \"%1\"; known formats: %2")
                                                    .arg(options.forcedFormat, m_registry.names().join(QLatin1String(", "))));
            }
        } else {
            if (head.isEmpty())
                throw ImportError::inFile(path, QStringLiteral("the file is empty"));
            importer = m_registry.detect(path, head);
            if (!importer)
                throw ImportError::atOffset(path, 0, QStringLiteral("unknown format: not a trajectory format Reverie "
                                                                    "reads (try --format; see `reverie formats`)"));
        }
        result.format = importer->name();

        qint64 size = 0;
        const QString hash = hashFile(file, ctx, size);
        file.close();

        store::TrajectoryWriter writer(m_ws, {path, importer->name(), hash, size});
        if (writer.isDuplicate()) {
            result.duplicate = true;
            return result;
        }
        WriterSink sink(writer);
        importer->import(path, ctx, sink);
        if (writer.trajectoryCount() == 0)
            throw ImportError::inFile(path, QStringLiteral("no trajectories found in this %1 file").arg(importer->name()));
        result.trajectories = writer.trajectoryCount();
        result.steps = writer.stepCount();
        writer.commit();
    } catch (const ImportError &e) {
        result.error = e.message();
    } catch (const ImportCancelled &) {
        result.error = QStringLiteral("%1: import cancelled").arg(path);
    } catch (const reverie::Error &e) {
        result.error = QStringLiteral("%1: %2").arg(path, e.message());
    } catch (const std::bad_alloc &) {
        result.error = QStringLiteral("%1: out of memory while importing").arg(path);
    } catch (const std::exception &e) {
        result.error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
    }
    if (!result.ok()) {
        result.trajectories = 0;
        result.steps = 0;
    }
    return result;
}

} // namespace reverie::ingest
