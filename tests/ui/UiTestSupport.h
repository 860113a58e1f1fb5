#pragma once

#include <QByteArray>
#include <QString>

class QTemporaryDir;

namespace reverie::test {

// Per-user settings (QSettings) go to a throw-away folder of this test process: never the
// developer's own, and never one shared with another test running in parallel under ctest -j.
void isolateSettings();

// A workspace in `dir` holding the bundled demo trajectories (38 runs in three workflows),
// imported synchronously. Returns its path.
QString makeDemoWorkspace(const QTemporaryDir &dir, const QString &name = QStringLiteral("demo.reverie"));
// Imports one Reverie JSONL text into the workspace at `path`; fails the test on error.
bool importJsonl(const QString &workspacePath, const QTemporaryDir &dir, const QString &fileName,
                 const QByteArray &jsonl);
// The workspace row id of a run by its external id; 0 when absent.
qint64 trajectoryRowId(const QString &workspacePath, const QString &externalId);

} // namespace reverie::test
