#pragma once

#include "ui/common/LatestRead.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace reverie::test {

// Mid-session, replaces the workspace file at `path` with bytes that are no workspace, as a
// disk fault or another program would: every read after it fails. The GUI's readers reopen
// their connections on their next read, as they do when the window switches workspace.
// Close the test's own connections to the file first (a closing connection writes back).
inline void makeWorkspaceUnreadable(const QString &path)
{
    for (const QLatin1String suffix : {QLatin1String("-wal"), QLatin1String("-shm")})
        QFile::remove(path + suffix);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QByteArray(8192, 'x'));
    f.close();
    ui::forgetReadConnections();
}

} // namespace reverie::test
