#include "ui/Application.h"

#include "core/store/Workspace.h"
#include "ui/DemoData.h"
#include "ui/FirstPaintReport.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QThread>
#include <QTranslator>

namespace reverie::ui {

namespace {

// REVERIE_WARN_GUI_SQL=1: every statement the GUI thread prepares is printed (with its SQL) on
// stderr. A developer's probe for driving the real app by hand; the tests use GuiThreadSqlGuard.
void warnAboutGuiThreadSql(const char *sql)
{
    const QCoreApplication *app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread())
        qWarning("SQL on the GUI thread: %s", QByteArray(sql).simplified().left(160).constData());
}

void installTranslations(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("reverie"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ours);
}
} // namespace

int runDesktop(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (qEnvironmentVariableIntValue("REVERIE_WARN_GUI_SQL") == 1)
        sql::setStatementCheck(warnAboutGuiThreadSql);
    QApplication::setApplicationDisplayName(QStringLiteral("Reverie"));
    QApplication::setDesktopFileName(QStringLiteral("reverie"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/reverie.svg")));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Review what your agents learn."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspace({QStringLiteral("w"), QStringLiteral("workspace")},
                                       QApplication::translate("main", "Open this workspace file."),
                                       QStringLiteral("PATH"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the demo workspace, creating it on first use."));
    parser.addOptions({workspace, demo});
    parser.process(app);

    MainWindow window;
    if (parser.isSet(demo)) {
        window.openDemoWorkspace(DemoData::defaultPath());   // the same file `reverie demo` builds
    } else {
        window.openWorkspace(parser.isSet(workspace) ? parser.value(workspace) : store::Workspace::defaultPath());
    }
    if (firstPaintReportRequested())
        reportFirstPaintAndQuit(window);   // the start-up benchmark's probe; see FirstPaintReport.h
    window.show();
    return app.exec();
}

} // namespace reverie::ui
