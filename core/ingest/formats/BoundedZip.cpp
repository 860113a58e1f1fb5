#include "core/ingest/formats/BoundedZip.h"

#include <QFile>

#include <zip.h>

#include <memory>
#include <vector>

namespace reverie::ingest {

namespace {

QString mib(qint64 bytes) { return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes % (1 << 20) ? 1 : 0); }

struct FileCloser {
    void operator()(zip_file_t *f) const { zip_fclose(f); }
};

} // namespace

BoundedZip::BoundedZip(const QString &path, qint64 maxEntryBytes) : m_path(path), m_limit(maxEntryBytes)
{
    int code = 0;
    m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
    if (!m_zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString why = QString::fromLocal8Bit(zip_error_strerror(&error));
        zip_error_fini(&error);
        throw ImportError::atOffset(path, 0, QStringLiteral("not a readable ZIP archive: %1").arg(why));
    }
    const zip_int64_t count = zip_get_num_entries(m_zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const char *name = zip_get_name(m_zip, zip_uint64_t(i), ZIP_FL_ENC_GUESS);
        m_names << (name ? QString::fromUtf8(name) : QString());
    }
}

BoundedZip::~BoundedZip()
{
    if (m_zip)
        zip_discard(m_zip);   // opened read-only: nothing to write back
}

ImportError BoundedZip::entryError(int index, const QString &what) const
{
    return ImportError::inFile(m_path, QStringLiteral("ZIP entry \"%1\": %2").arg(m_names.value(index), what));
}

qint64 BoundedZip::compressedSize(int index) const
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m_zip, zip_uint64_t(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_COMP_SIZE))
        return 0;
    return qint64(st.comp_size);
}

QByteArray BoundedZip::read(int index, const ImportContext &ctx) const
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(m_zip, zip_uint64_t(index), 0, &st) != 0)
        throw entryError(index, QStringLiteral("unreadable header: %1").arg(QString::fromLocal8Bit(zip_strerror(m_zip))));
    if (!(st.valid & ZIP_STAT_SIZE))
        throw entryError(index, QStringLiteral("the archive does not say how large it is"));
    // Checked before anything is inflated: the declared size is what the buffer is sized by.
    if (st.size > zip_uint64_t(m_limit)) {
        throw entryError(index, QStringLiteral("declares %1 MiB uncompressed, more than the %2 MiB limit; "
                                               "refusing it (a zip bomb or a corrupt archive)")
                                    .arg(mib(qint64(st.size)), mib(m_limit)));
    }
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(m_zip, zip_uint64_t(index), 0));
    if (!file)
        throw entryError(index, QStringLiteral("cannot open: %1").arg(QString::fromLocal8Bit(zip_strerror(m_zip))));

    const qint64 declared = qint64(st.size);
    QByteArray out;
    out.reserve(declared);
    std::vector<char> buf(1 << 16);
    for (;;) {
        const zip_int64_t n = zip_fread(file.get(), buf.data(), buf.size());
        if (n < 0)
            throw entryError(index, QStringLiteral("cannot decompress: %1").arg(QString::fromLocal8Bit(zip_file_strerror(file.get()))));
        if (n == 0)
            break;
        // A header that understates the size must not let the entry grow past it (or the limit).
        if (out.size() + n > declared) {
            throw entryError(index, QStringLiteral("inflates to more than the %1 bytes its header declares; "
                                                   "refusing it (a zip bomb or a corrupt archive)")
                                        .arg(declared));
        }
        out.append(buf.data(), qsizetype(n));
        if (ctx.cancelled())
            throw ImportCancelled();
    }
    if (out.size() != declared)
        throw entryError(index, QStringLiteral("ends after %1 of its declared %2 bytes").arg(out.size()).arg(declared));
    return out;
}

} // namespace reverie::ingest
