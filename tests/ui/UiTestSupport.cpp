#include "UiTestSupport.h"

#include "core/ingest/FormatRegistry.h"
#include "core/ingest/ImportRunner.h"
#include "core/store/TrajectoryQueries.h"
#include "core/store/Workspace.h"
#include "support/TestSupport.h"
#include "ui/DemoData.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>
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

namespace {

QMutex g_guardMutex;
int g_violations = 0;
QByteArray g_first;
QByteArray g_report;

void recordGuiThreadSql(const char *sql)
{
    const QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() != app->thread())
        return;
    QMutexLocker lock(&g_guardMutex);
    if (g_violations++ == 0)
        g_first = QByteArray(sql).simplified().left(160);
}

} // namespace

GuiThreadSqlGuard::GuiThreadSqlGuard()
{
    QMutexLocker lock(&g_guardMutex);
    g_violations = 0;
    g_first.clear();
    sql::setStatementCheck(recordGuiThreadSql);
}

GuiThreadSqlGuard::~GuiThreadSqlGuard() { sql::setStatementCheck(nullptr); }

bool GuiThreadSqlGuard::clean() const { return violations() == 0; }

int GuiThreadSqlGuard::violations() const
{
    QMutexLocker lock(&g_guardMutex);
    return g_violations;
}

const char *GuiThreadSqlGuard::report() const
{
    QMutexLocker lock(&g_guardMutex);
    g_report = g_violations ? QByteArray::number(g_violations) + " statement(s) on the GUI thread, the first: " + g_first
                            : QByteArray();
    return g_report.constData();
}

} // namespace reverie::test
