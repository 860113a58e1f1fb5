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
#include <string.h>

#include <chrono>
#include <future>
#include <memory>

namespace reverie::ingest {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024;

// What one pass over a file gives: its sha256, and the sha256 of two of its prefixes.
struct FileHashes {
    QString full;
    qint64 bytes = 0;
    QString prefix;              // of the first `prefixBytes` asked for; empty if the file is shorter
    QString toLastNewline;       // of the bytes up to and including the file's last '\n'
    qint64 lastNewlineEnd = -1;
};

QString hexDigest(EVP_MD_CTX *ctx)
{
    // Finishing consumes the state: finish a copy, the pass goes on.
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx) != 1 || EVP_DigestFinal_ex(copy.get(), digest, &size) != 1)
        return QString();
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex());
}

// The sha256 of the file, read through its own handle so that it can run on another thread
// while the file imports. Returns an empty hash when stopped early.
FileHashes hashFile(const QString &path, const std::atomic_bool &stop, qint64 prefixBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    // OpenSSL's SHA-256 uses the CPU's SHA instructions where it has them: a large file
    // hashes in a fraction of the time QCryptographicHash takes, on a core the import needs.
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> atNewline(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!hash || !atNewline || EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr) != 1)
        throw ImportError::inFile(path, QStringLiteral("cannot start SHA-256 (OpenSSL)"));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    FileHashes out;
    auto update = [&](const char *data, qint64 n) {
        EVP_DigestUpdate(hash.get(), data, std::size_t(n));
        out.bytes += n;
        if (out.bytes == prefixBytes)
            out.prefix = hexDigest(hash.get());
    };
    for (;;) {
        if (stop.load(std::memory_order_relaxed))
            return FileHashes();
        const qint64 n = file.read(buf.data(), buf.size());
        if (n < 0)
            throw ImportError::inFile(path, QStringLiteral("read error: %1").arg(file.errorString()));
        if (n == 0)
            break;
        const char *data = buf.constData();
        // Where the last line starts, for a last line left for next time: one state copy per read.
        const auto *nl = static_cast<const char *>(memrchr(data, '\n', std::size_t(n)));
        const qint64 newlineAt = nl ? qint64(nl + 1 - data) : -1;
        const qint64 prefixAt = prefixBytes > out.bytes && prefixBytes < out.bytes + n ? prefixBytes - out.bytes : -1;
        qint64 done = 0;
        auto upTo = [&](qint64 at) {
            if (at > done) {
                update(data + done, at - done);
                done = at;
            }
        };
        if (prefixAt >= 0 && (newlineAt < 0 || prefixAt <= newlineAt))
            upTo(prefixAt);
        if (newlineAt >= 0) {
            upTo(newlineAt);
            EVP_MD_CTX_copy_ex(atNewline.get(), hash.get());
            out.lastNewlineEnd = out.bytes;
        }
        upTo(prefixAt);
        upTo(n);
    }
    out.full = hexDigest(hash.get());
    if (out.lastNewlineEnd >= 0)
        out.toLastNewline = hexDigest(atNewline.get());
    return out;
}

// Hashes a file on a thread of its own; stops early when it goes out of scope unused.
class BackgroundHash {
public:
    BackgroundHash(const QString &path, qint64 prefixBytes)
        : m_future(std::async(std::launch::async, [this, path, prefixBytes] {
              pthread_setname_np(pthread_self(), "reverie-hash");   // shows in top and perf
              return hashFile(path, m_stop, prefixBytes);
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

    // Waits for the hashes; rethrows a read error. Cancellation is checked while waiting.
    const FileHashes &result(const ImportContext &ctx)
    {
        if (!m_done) {
            while (m_future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
                if (ctx.cancelled()) {
                    m_stop = true;
                    throw ImportCancelled();
                }
            }
            m_result = m_future.get();
            m_done = true;
        }
        return m_result;
    }

private:
    std::atomic_bool m_stop{false};
    std::future<FileHashes> m_future;
    FileHashes m_result;
    bool m_done = false;
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

        // The hashes of this workspace's playbook versions, for the markers runs may quote.
        QHash<int, QString> versionHashes;
        {
            sql::Statement versions(m_ws.db(), "SELECT number, hash FROM playbook_versions");
            while (versions.step())
                versionHashes.insert(int(versions.int64(0)), versions.text(1));
        }
        // The same file imported before: when what was read then is unchanged, only the bytes
        // it gained are read (the prefix hash is checked before the commit, while they import).
        const auto prev = store::TrajectoryWriter::previousImport(m_ws, path, importer->name());
        const bool canResume = prev.id != 0 && prev.importedBytes > 0 && !prev.prefixHash.isEmpty()
                               && importer->readsFromOffset() && info.size() >= prev.importedBytes;
        // Same content, same size: only a file as large as one imported before can be a
        // duplicate, and only then is its hash needed before the import. Any other file is
        // hashed on another thread while it imports, and its hash is given at the end.
        BackgroundHash hashing(path, canResume ? prev.importedBytes : -1);
        const bool mayBeDuplicate = store::TrajectoryWriter::sizeSeenBefore(m_ws, info.size());
        const QString earlyHash = mayBeDuplicate ? hashing.result(ctx).full : QString();
        const qint64 earlySize = mayBeDuplicate ? hashing.result(ctx).bytes : info.size();

        auto attempt = [&](bool resume) {
            store::TrajectoryWriter writer(m_ws, {path, importer->name(), earlyHash, earlySize, prev.id, resume},
                                           /*exclusiveWhenAlone=*/true);
            if (writer.isDuplicate()) {
                result.duplicate = true;
                return;
            }
            ImportContext fileCtx = ctx;
            if (resume)
                fileCtx.setStart(prev.importedBytes, prev.importedLines);
            {
                PipelinedSink sink(writer);
                // Every run of every format passes here on its way to the store.
                PlaybookAttribution attributed(sink, options.playbookVersion, versionHashes);
                try {
                    importer->import(path, fileCtx, attributed);
                } catch (const ImportError &) {
                    sink.abandon();   // the writer's error, if any, came first in the file
                    // Read from an offset that is no longer a line start: the file changed.
                    if (resume && hashing.result(ctx).prefix != prev.prefixHash)
                        throw store::FullReadNeeded(QStringLiteral("the file changed before where its last import ended"));
                    throw;
                } catch (...) {
                    sink.abandon();
                    throw;
                }
                sink.close();
            }
            if (!resume && writer.trajectoryCount() == 0)
                throw ImportError::inFile(path, QStringLiteral("no trajectories found in this %1 file").arg(importer->name()));
            const FileHashes &hashes = hashing.result(ctx);
            if (resume && hashes.prefix != prev.prefixHash)
                throw store::FullReadNeeded(QStringLiteral("the file changed before where its last import ended"));
            if (!mayBeDuplicate && !writer.setContentHash(hashes.full, hashes.bytes)) {
                result.duplicate = true;   // imported meanwhile by someone else
                return;
            }
            // A last line still being written is left out, and the next import starts before it.
            const qint64 consumed = fileCtx.consumedBytes() < 0 ? hashes.bytes : fileCtx.consumedBytes();
            const QString prefixHash = consumed == hashes.bytes            ? hashes.full
                                       : consumed == hashes.lastNewlineEnd ? hashes.toLastNewline
                                                                           : QString();   // read whole next time
            writer.setImported(consumed, qMax<qint64>(0, fileCtx.consumedLines()), prefixHash);
            const auto &outcome = writer.outcome();
            result.resumed = resume;
            result.runsAdded = outcome.added;
            result.runsExtended = outcome.extended;
            result.runsReplaced = outcome.replaced;
            result.alreadyStored = outcome.alreadyStored;
            result.alreadyStoredFrom = outcome.storedFrom;
            result.heldBackBytes = hashes.bytes - consumed;
            result.trajectories = outcome.added + outcome.extended + outcome.replaced;
            result.steps = writer.stepCount();
            writer.commit();
        };
        try {
            attempt(canResume);
        } catch (const store::FullReadNeeded &) {
            if (!canResume)
                throw;
            attempt(false);   // the file changed, or another file holds its runs: read it whole
        }
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
