#include "core/review/TargetFile.h"

#include "core/model/Error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

namespace reverie::review {

namespace {

// The cause of a failed write in words, from errno where the file API only says "Unknown error".
QString writeFailure(const QFileDevice &file, int savedErrno)
{
    if (savedErrno == ENOSPC || savedErrno == EDQUOT)
        return QStringLiteral("the disk is full");
    if (savedErrno == EFBIG)
        return QStringLiteral("the file would pass the size limit this process may write (the disk is full for it)");
    if (savedErrno == EROFS)
        return QStringLiteral("the file system is read-only");
    if (savedErrno == EACCES || savedErrno == EPERM)
        return QStringLiteral("permission denied");
    if (file.error() == QFileDevice::ResourceError)
        return QStringLiteral("out of disk space or another resource");
    return savedErrno ? QString::fromLocal8Bit(std::strerror(savedErrno)) : file.errorString();
}

} // namespace

QString targetProblem(const QString &path)
{
    if (path.trimmed().isEmpty())
        return QStringLiteral("a publish target needs a file name");
    const QFileInfo info(path);
    if (info.isSymLink())
        return QStringLiteral("%1 is a symbolic link; Reverie does not follow links when it publishes (point the target at "
                              "the real file)")
            .arg(path);
    if (info.isDir())
        return QStringLiteral("%1 is a folder, not a file").arg(path);
    // Every folder on the way must be what it says: a link among them could lead anywhere.
    QString folder = QDir::cleanPath(info.absolutePath());
    while (!folder.isEmpty()) {
        const QFileInfo f(folder);
        if (f.isSymLink())
            return QStringLiteral("%1 lies in %2, which is a symbolic link; Reverie does not follow links when it "
                                  "publishes")
                .arg(path, folder);
        const QString parent = QFileInfo(folder).path();
        if (parent == folder)
            break;
        folder = parent;
    }
    return QString();
}

QByteArray readTarget(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        throw reverie::Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    return file.readAll();
}

void writeTargetAtomically(const QString &path, const QByteArray &bytes)
{
    if (const QString problem = targetProblem(path); !problem.isEmpty())
        throw reverie::Error(problem);
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (!QDir().mkpath(folder))
        throw reverie::Error(QStringLiteral("%1: cannot create the folder %2").arg(path, QDir::toNativeSeparators(folder)));

    struct stat before {};
    const QByteArray native = QFile::encodeName(path);
    const bool existed = ::lstat(native.constData(), &before) == 0;

    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly))
        throw reverie::Error(QStringLiteral("%1: cannot write: %2").arg(path, writeFailure(file, errno)));
    errno = 0;
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        const QString why = writeFailure(file, errno);
        file.cancelWriting();
        throw reverie::Error(QStringLiteral("%1: cannot write: %2").arg(path, why));
    }
    errno = 0;
    if (!file.commit())
        throw reverie::Error(QStringLiteral("%1: cannot replace the file: %2").arg(path, writeFailure(file, errno)));
    if (existed) {
        // The rename put a new file in place: give it the old one's mode and, where allowed, owner.
        ::chmod(native.constData(), before.st_mode & 07777);
        if (before.st_uid != ::geteuid() || before.st_gid != ::getegid())
            static_cast<void>(::chown(native.constData(), before.st_uid, before.st_gid));
    }
}

} // namespace reverie::review
