#pragma once

#include "core/ingest/Importer.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace reverie::ingest {

// Every trajectory format Reverie reads, and detection by content.
class FormatRegistry {
public:
    // The registry with every built-in importer.
    static const FormatRegistry &builtin();

    void add(std::unique_ptr<Importer> importer);
    const Importer *byName(const QString &name) const;
    QStringList names() const;
    const std::vector<std::unique_ptr<Importer>> &importers() const { return m_importers; }

    // The importer most sure of the file, or nullptr when none recognises it.
    const Importer *detect(const QString &path, const QByteArray &head) const;

private:
    std::vector<std::unique_ptr<Importer>> m_importers;
};

} // namespace reverie::ingest
