#include "core/ingest/FileDigest.h"

#include "core/ingest/Importer.h"

#include <QFile>

#include <xxhash.h>

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <new>

namespace reverie::ingest {

Xxh3Stream::Xxh3Stream() : m_state(XXH3_createState())
{
    if (!m_state || XXH3_128bits_reset(m_state) != XXH_OK)
        throw std::bad_alloc();
}

Xxh3Stream::~Xxh3Stream() { XXH3_freeState(m_state); }

Xxh3Stream::Xxh3Stream(const Xxh3Stream &other) : m_state(XXH3_createState())
{
    if (!m_state)
        throw std::bad_alloc();
    XXH3_copyState(m_state, other.m_state);
}

Xxh3Stream &Xxh3Stream::operator=(const Xxh3Stream &other)
{
    XXH3_copyState(m_state, other.m_state);
    return *this;
}

void Xxh3Stream::update(const char *data, qint64 size)
{
    if (size > 0)
        XXH3_128bits_update(m_state, data, std::size_t(size));
}

QString Xxh3Stream::hex() const
{
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(m_state));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(canonical.digest), sizeof canonical.digest).toHex());
}

QString grownContentHash(const QString &xxh3Hex, qint64 size)
{
    return QStringLiteral("xxh3-128:%1:%2").arg(xxh3Hex).arg(size);
}

namespace {

// Maps [offset, offset + size) of `file` read-only. The pages are read in order once: tell the
// kernel so, and it maps ahead of the hash instead of faulting page by page.
const char *mapRange(QFile &file, qint64 offset, qint64 size)
{
    if (size == 0)
        return nullptr;
    uchar *data = file.map(offset, size);
    if (!data)
        throw ImportError::inFile(file.fileName(), QStringLiteral("cannot map the file: %1").arg(file.errorString()));
    // madvise wants a page-aligned start; the map itself starts on a page.
    const auto page = quintptr(sysconf(_SC_PAGESIZE));
    const quintptr start = quintptr(data) & ~(page - 1);
    ::madvise(reinterpret_cast<void *>(start), std::size_t(quintptr(data) - start + quintptr(size)), MADV_SEQUENTIAL);
    return reinterpret_cast<const char *>(data);
}

} // namespace

GrownFileDigest::GrownFileDigest(const QString &path, qint64 prefixBytes)
    : m_path(path), m_prefixBytes(prefixBytes), m_future(std::async(std::launch::async, [this] {
          pthread_setname_np(pthread_self(), "reverie-hash");   // shows in top and perf
          QFile file(m_path);
          if (!file.open(QIODevice::ReadOnly))
              throw ImportError::inFile(m_path, QStringLiteral("cannot open: %1").arg(file.errorString()));
          if (file.size() < m_prefixBytes)
              throw ImportError::inFile(m_path, QStringLiteral("the file is shorter than its last import"));
          const char *data = mapRange(file, 0, m_prefixBytes);
          Xxh3Stream hash;
          constexpr qint64 kStep = 16 << 20;   // how often a stop is looked for
          for (qint64 at = 0; at < m_prefixBytes && !m_stop.load(std::memory_order_relaxed); at += kStep)
              hash.update(data + at, qMin(kStep, m_prefixBytes - at));
          return hash;   // closing the file unmaps it
      }))
{
}

GrownFileDigest::~GrownFileDigest()
{
    m_stop = true;
    if (m_future.valid())
        m_future.wait();
}

const Xxh3Stream &GrownFileDigest::prefix(const ImportContext &ctx)
{
    if (!m_prefix) {
        while (m_future.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
            if (ctx.cancelled()) {
                m_stop = true;
                throw ImportCancelled();
            }
        }
        m_prefix = m_future.get();
    }
    return *m_prefix;
}

QString GrownFileDigest::prefixHash(const ImportContext &ctx) { return prefix(ctx).hex(); }

GrownFileDigest::Digests GrownFileDigest::after(qint64 upTo, const ImportContext &ctx)
{
    Xxh3Stream hash = prefix(ctx);
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError::inFile(m_path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    Digests out;
    out.size = file.size();
    if (upTo < 0)
        upTo = out.size;
    if (upTo < m_prefixBytes || upTo > out.size)
        throw ImportError::inFile(m_path, QStringLiteral("the file changed while it was read; import it again"));
    const char *tail = mapRange(file, m_prefixBytes, out.size - m_prefixBytes);
    hash.update(tail, upTo - m_prefixBytes);
    out.upTo = hash.hex();
    hash.update(tail + (upTo - m_prefixBytes), out.size - upTo);
    out.content = grownContentHash(hash.hex(), out.size);
    return out;
}

} // namespace reverie::ingest
