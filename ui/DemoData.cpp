#include "ui/DemoData.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace reverie::ui::DemoData {

QStringList extractTo(const QString &dir)
{
    QStringList out;
    QDirIterator it(QStringLiteral(":/demo"), QDir::Files);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = QDir(dir).filePath(QFileInfo(source).fileName());
        QFile::remove(target);
        if (QFile::copy(source, target)) {
            QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
            out << target;
        }
    }
    out.sort();
    return out;
}

} // namespace reverie::ui::DemoData
