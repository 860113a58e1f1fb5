#include "core/ingest/ImportRunner.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/PipelinedSink.h"
#include "core/ingest/PlaybookAttribution.h"
#include "core/store/TrajectoryWriter.h"
#include "core/store/Workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <pthread.h>

#include <chrono>
#include <future>
#include <memory>

namespace reverie::ingest {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024;

// The sha256 of the file, read through its own handle so that it can run on another thread
// while the file imports. Returns an empty string when stopped early.
QString hashFile(const QString &path, const std::atomic_bool &stop, qint64 &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    // OpenSSL's SHA-256 uses the CPU's SHA instructions where it has them: a large file
    // hashes in a fraction of the time QCryptographicHash takes, on a core the import needs.
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!hash || EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr) != 1)
        throw ImportError::inFile(path, QStringLiteral("cannot start SHA-256 (OpenSSL)"));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    bytes = 0;
    for (;;) {
        if (stop.load(std::memory_order_relaxed))
            return QString();
        const qint64 n = file.read(buf.data(), buf.size());
        if (n < 0)
            throw ImportError::inFile(path, QStringLiteral("read error: %1").arg(file.errorString()));
        if (n == 0)
            break;
        EVP_DigestUpdate(hash.get(), buf.constData(), std::size_t(n));
        bytes += n;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(hash.get(), digest, &size);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex());
}

// Hashes a file on a thread of its own; stops early when it goes out of scope unused.
class BackgroundHash {
public:
    explicit BackgroundHash(const QString &path)
        : m_future(std::async(std::launch::async, [this, path] {
              pthread_setname_np(pthread_self(), "reverie-hash");   // shows in top and perf
              return hashFile(path, m_stop, m_bytes);
          }))
    {
    }
    ~BackgroundHash()
    {
        m_stop = true;
        if (m_future.valid())
            m_future.wait();
    }
    BackgroundHash(const BackgroundHash &) = delete;
    BackgroundHash &operator=(const BackgroundHash &) = delete;

    // Waits for the hash; rethrows a read error. Cancellation is checked while waiting.
    QString result(const ImportContext &ctx)
    {
        while (m_future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
            if (ctx.cancelled()) {
                m_stop = true;
                throw ImportCancelled();
            }
        }
        return m_future.get();
    }
    qint64 bytes() const { return m_bytes; }

private:
    std::atomic_bool m_stop{false};
    qint64 m_bytes = 0;
    std::future<QString> m_future;
};

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

        file.close();

        // Same content, same size: only a file as large as one imported before can be a
        // duplicate, and only then is its hash needed before the import. Any other file is
        // hashed on another thread while it imports, and its hash is given at the end.
        // The hashes of this workspace's playbook versions, for the markers runs may quote.
        QHash<int, QString> versionHashes;
        {
            sql::Statement versions(m_ws.db(), "SELECT number, hash FROM playbook_versions");
            while (versions.step())
                versionHashes.insert(int(versions.int64(0)), versions.text(1));
        }
        BackgroundHash hashing(path);
        const bool mayBeDuplicate = store::TrajectoryWriter::sizeSeenBefore(m_ws, info.size());
        const QString earlyHash = mayBeDuplicate ? hashing.result(ctx) : QString();
        store::TrajectoryWriter writer(m_ws, {path, importer->name(), earlyHash,
                                              mayBeDuplicate ? hashing.bytes() : info.size()},
                                       /*exclusiveWhenAlone=*/true);
        if (writer.isDuplicate()) {
            result.duplicate = true;
            return result;
        }
        {
            PipelinedSink sink(writer);
            // Every run of every format passes here on its way to the store.
            PlaybookAttribution attributed(sink, options.playbookVersion, versionHashes);
            try {
                importer->import(path, ctx, attributed);
            } catch (...) {
                sink.abandon();   // the writer's error, if any, came first in the file
                throw;
            }
            sink.close();
        }
        if (writer.trajectoryCount() == 0)
            throw ImportError::inFile(path, QStringLiteral("no trajectories found in this %1 file").arg(importer->name()));
        if (!mayBeDuplicate) {
            const QString hash = hashing.result(ctx);
            if (!writer.setContentHash(hash, hashing.bytes())) {
                result.duplicate = true;   // imported meanwhile by someone else
                return result;
            }
        }
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
