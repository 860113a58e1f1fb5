#pragma once

#include "core/ingest/Importer.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

struct zip;

namespace reverie::ingest {

// A ZIP archive read through libzip with every entry's size bounded: an entry that declares
// more than the limit, or that inflates past what it declared (a zip bomb or a lying header),
// is refused with an ImportError naming the file and the entry, before it can exhaust memory.
class BoundedZip {
public:
    BoundedZip(const QString &path, qint64 maxEntryBytes);
    ~BoundedZip();
    BoundedZip(const BoundedZip &) = delete;
    BoundedZip &operator=(const BoundedZip &) = delete;

    const QStringList &names() const { return m_names; }   // in archive order
    int indexOf(const QString &name) const { return int(m_names.indexOf(name)); }
    qint64 compressedSize(int index) const;
    // The whole entry, checked against its declared size and the limit.
    QByteArray read(int index, const ImportContext &ctx) const;
    // An ImportError about one entry: "<file>: ZIP entry "<name>": <what>".
    ImportError entryError(int index, const QString &what) const;

private:
    QString m_path;
    qint64 m_limit;
    struct zip *m_zip = nullptr;
    QStringList m_names;
};

} // namespace reverie::ingest
