// Reverie's entry point: a sub-command runs headless on the core (no QApplication, no
// display); anything else opens the desktop app.

#include "app/cli/Cli.h"
#include "ui/Application.h"

#include <QCoreApplication>

#include <csignal>

namespace {
void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Reverie"));
    QCoreApplication::setApplicationName(QStringLiteral("reverie"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVERIE_VERSION));
}
} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    args.reserve(argc);
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    describeApplication();
    // A write past the file-size limit fails with EFBIG and says so, instead of killing the
    // process halfway through a publish (the default action of SIGXFSZ).
    std::signal(SIGXFSZ, SIG_IGN);
    if (reverie::cli::isCliInvocation(args)) {
        QCoreApplication app(argc, argv);
        return reverie::cli::run(args);
    }
    return reverie::ui::runDesktop(argc, argv);
}
