#include "UiTestSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"
#include "ui/DemoData.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace reverie::test {

void isolateSettings()
{
    static QTemporaryDir settingsDir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ReverieTests"));
    QCoreApplication::setApplicationName(QStringLiteral("reverie-ui-tests"));
    QSettings().clear();
}

QString makeDemoWorkspace(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    const QString filesDir = dir.filePath(QStringLiteral("demo-files"));
    QDir().mkpath(filesDir);
    store::Workspace ws(path);
    ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
    for (const ingest::FileResult &r : runner.importFiles(ui::DemoData::extractTo(filesDir))) {
        if (!r.ok())
            qFatal("demo import failed: %s", qPrintable(r.error));
    }
    return path;
}

bool importJsonl(const QString &workspacePath, const QTemporaryDir &dir, const QString &fileName, const QByteArray &jsonl)
{
    const QString file = writeFile(dir, fileName, jsonl);
    store::Workspace ws(workspacePath);
    ingest::ImportRunner runner(ws, ingest::FormatRegistry::builtin());
    const ingest::FileResult r = runner.importFile(file);
    if (!r.ok())
        qWarning("import failed: %s", qPrintable(r.error));
    return r.ok();
}

qint64 trajectoryRowId(const QString &workspacePath, const QString &externalId)
{
    store::Workspace ws(workspacePath);
    const auto found = store::TrajectoryQueries(ws).findByExternalId(externalId);
    return found.empty() ? 0 : found.front().id;
}

} // namespace reverie::test
