#include "core/ingest/ImportRunner.h"

#include "core/ingest/FileDigest.h"
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
#include <sys/resource.h>
#include <string.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>

namespace reverie::ingest {

namespace {

constexpr qint64 kSniffBytes = 64 * 1024;
constexpr qint64 kLargeGrowth = 32 << 20;   // bytes a grown file gained: imported outside WAL

// What one pass over a file gives: its sha256 (the content hash of a file read whole), and the
// XXH3-128 of the file and of the bytes up to its last newline (the prefix its next import checks).
struct FileHashes {
    QString full;
    qint64 bytes = 0;
    QString prefixFull;          // XXH3-128 of all `bytes`
    QString toLastNewline;       // XXH3-128 of the bytes up to and including the file's last '\n'
    qint64 lastNewlineEnd = -1;
};

QString hexDigest(EVP_MD_CTX *ctx)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx, digest, &size) != 1)
        return QString();
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex());
}

// The sha256 of the file, read through its own handle so that it can run on another thread
// while the file imports. Returns an empty hash when stopped early. With `prefixes`, the
// XXH3-128 hashes a file read from an offset next time needs are taken in the same pass.
FileHashes hashFile(const QString &path, const std::atomic_bool &stop, bool prefixes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    // OpenSSL's SHA-256 uses the CPU's SHA instructions where it has them: a large file
    // hashes in a fraction of the time QCryptographicHash takes, on a core the import needs.
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!hash || EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr) != 1)
        throw ImportError::inFile(path, QStringLiteral("cannot start SHA-256 (OpenSSL)"));
    Xxh3Stream prefix, atNewline;
    QByteArray buf(1 << 20, Qt::Uninitialized);
    FileHashes out;
    for (;;) {
        if (stop.load(std::memory_order_relaxed))
            return FileHashes();
        const qint64 n = file.read(buf.data(), buf.size());
        if (n < 0)
            throw ImportError::inFile(path, QStringLiteral("read error: %1").arg(file.errorString()));
        if (n == 0)
            break;
        const char *data = buf.constData();
        EVP_DigestUpdate(hash.get(), data, std::size_t(n));
        if (prefixes) {
            // Where the last line starts, for a last line left for next time: one state copy per read.
            const auto *nl = static_cast<const char *>(memrchr(data, '\n', std::size_t(n)));
            if (nl) {
                const qint64 newlineAt = qint64(nl + 1 - data);
                prefix.update(data, newlineAt);
                atNewline = prefix;
                out.lastNewlineEnd = out.bytes + newlineAt;
                prefix.update(data + newlineAt, n - newlineAt);
            } else {
                prefix.update(data, n);
            }
        }
        out.bytes += n;
    }
    out.full = hexDigest(hash.get());
    if (prefixes) {
        out.prefixFull = prefix.hex();
        if (out.lastNewlineEnd >= 0)
            out.toLastNewline = atNewline.hex();
    }
    return out;
}

// Hashes a file on a thread of its own; stops early when it goes out of scope unused.
class BackgroundHash {
public:
    BackgroundHash(const QString &path, bool prefixes)
        : m_future(std::async(std::launch::async, [this, path, prefixes] {
              pthread_setname_np(pthread_self(), "reverie-hash");   // shows in top and perf
              // The hash is needed only at commit; the parser and the writer, which limit an
              // import, go first. (On Linux the nice value is the calling thread's.)
              ::setpriority(PRIO_PROCESS, 0, 10);
              return hashFile(path, m_stop, prefixes);
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
        // it gained are read. Its first bytes are checked against the XXH3-128 stored then,
        // through a memory map while the new bytes import, and no SHA-256 of the whole file is
        // taken: on a large file that grew by a little, it cost more than the rest together.
        // A prefix hash from before XXH3 (a SHA-256) has the file read whole once instead.
        const auto prev = store::TrajectoryWriter::previousImport(m_ws, path, importer->name());
        bool canResume = prev.id != 0 && prev.importedBytes > 0 && !prev.prefixHash.isEmpty()
                         && !isSha256PrefixHash(prev.prefixHash) && importer->readsFromOffset()
                         && info.size() >= prev.importedBytes;
        std::optional<GrownFileDigest> grown;
        if (canResume) {
            grown.emplace(path, prev.importedBytes);
            if (info.size() == prev.importedBytes) {
                if (grown->prefixHash(ctx) == prev.prefixHash) {
                    result.duplicate = true;   // the very bytes imported last time
                    return result;
                }
                canResume = false;   // changed: read whole, its runs compared
            }
        }
        // A file read whole is hashed on another thread while it imports.
        std::optional<BackgroundHash> hashing;
        auto wholeFile = [&]() -> const FileHashes & { return hashing->result(ctx); };
        // Same content, same size: only a file as large as one imported before can be a
        // duplicate, and only then is its hash needed before the import. Any other file's
        // hash is given at the end.
        const bool mayBeDuplicate = store::TrajectoryWriter::sizeSeenBefore(m_ws, info.size());

        const auto prefixChanged = [&] {
            return store::FullReadNeeded(QStringLiteral("the file changed before where its last import ended"));
        };
        auto attempt = [&](bool resume) {
            if (!resume && !hashing)
                hashing.emplace(path, importer->readsFromOffset());
            if (resume && mayBeDuplicate && grown->prefixHash(ctx) != prev.prefixHash)
                throw prefixChanged();
            QString earlyHash;
            qint64 earlySize = info.size();
            if (mayBeDuplicate) {
                if (resume) {
                    const GrownFileDigest::Digests d = grown->after(-1, ctx);
                    earlyHash = d.content;
                    earlySize = d.size;
                } else {
                    earlyHash = wholeFile().full;
                    earlySize = wholeFile().bytes;
                }
            }
            // Leaving WAL for a rollback journal pays on a large import; going there and back
            // costs more than a grown file's few new lines save.
            const bool exclusiveWhenAlone = !resume || info.size() - prev.importedBytes >= kLargeGrowth;
            store::TrajectoryWriter writer(m_ws, {path, importer->name(), earlyHash, earlySize, prev.id, resume},
                                           exclusiveWhenAlone);
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
                    if (resume && grown->prefixHash(ctx) != prev.prefixHash)
                        throw prefixChanged();
                    throw;
                } catch (...) {
                    sink.abandon();
                    throw;
                }
                sink.close();
            }
            if (!resume && writer.trajectoryCount() == 0)
                throw ImportError::inFile(path, QStringLiteral("no trajectories found in this %1 file").arg(importer->name()));
            // A last line still being written is left out, and the next import starts before it.
            QString contentHash, prefixHash;
            qint64 size = 0, consumed = fileCtx.consumedBytes();
            if (resume) {
                if (grown->prefixHash(ctx) != prev.prefixHash)
                    throw prefixChanged();
                const GrownFileDigest::Digests d = grown->after(consumed, ctx);
                contentHash = d.content;
                size = d.size;
                consumed = consumed < 0 ? d.size : consumed;
                prefixHash = d.upTo;
            } else {
                const FileHashes &hashes = wholeFile();
                contentHash = hashes.full;
                size = hashes.bytes;
                consumed = consumed < 0 ? hashes.bytes : consumed;
                prefixHash = consumed == hashes.bytes            ? hashes.prefixFull
                             : consumed == hashes.lastNewlineEnd ? hashes.toLastNewline
                                                                 : QString();   // read whole next time
            }
            if (contentHash != earlyHash && !writer.setContentHash(contentHash, size)) {
                result.duplicate = true;   // imported meanwhile by someone else
                return;
            }
            writer.setImported(consumed, qMax<qint64>(0, fileCtx.consumedLines()), prefixHash);
            const auto &outcome = writer.outcome();
            result.resumed = resume;
            result.runsAdded = outcome.added;
            result.runsExtended = outcome.extended;
            result.runsReplaced = outcome.replaced;
            result.alreadyStored = outcome.alreadyStored;
            result.alreadyStoredFrom = outcome.storedFrom;
            result.heldBackBytes = size - consumed;
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
