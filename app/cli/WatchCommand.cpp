// `reverie watch`: keep a workspace up to date with the folders agents write into, until
// interrupted; dream on arrival where the policy asks for it.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "core/dream/DreamTrigger.h"
#include "core/ingest/FolderWatcher.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace reverie::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    static_cast<void>(::write(g_signalPipe[1], &c, 1));   // async-signal-safe: the loop does the rest
}

// The session folders of the agents people run, where they exist.
QStringList agentFolders()
{
    QStringList out;
    for (const char *relative : {".claude/projects", ".codex/sessions", ".gemini/tmp"}) {
        const QString path = QDir::home().filePath(QString::fromLatin1(relative));
        if (QFileInfo(path).isDir())
            out << path;
    }
    return out;
}

} // namespace

int watchCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("Look once, import what is new, and stop."));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      QStringLiteral("Rescan every MS milliseconds as well (default 2000)."),
                                      QStringLiteral("MS"), QStringLiteral("2000"));
    parser.addOptions({once, interval});
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Folders to watch (default: the Claude Code, Codex and Gemini CLI "
                                                "session folders that exist)."),
                                 QStringLiteral("[DIR...]"));
    if (!ctx.parse(parser, QStringLiteral("watch [DIR...] [--once] [--interval MS]"), false))
        return 0;
    QStringList folders = parser.positionalArguments();
    if (folders.isEmpty())
        folders = agentFolders();
    if (folders.isEmpty())
        throw CliError(QStringLiteral("no folder to watch: name one (reverie watch DIR), or run an agent that writes "
                                      "sessions under ~/.claude/projects, ~/.codex/sessions or ~/.gemini/tmp"),
                       2);
    for (const QString &f : folders) {
        if (!QFileInfo(f).isDir())
            throw CliError(QStringLiteral("%1: not a folder").arg(f), 2);
    }
    bool ok = false;
    const int ms = parser.value(interval).toInt(&ok);
    if (!ok || ms < 100)
        throw CliError(QStringLiteral("--interval takes milliseconds, at least 100"), 2);

    const QString workspace = ctx.workspace().path();   // created when new, migrated, outbox finished
    ingest::FolderWatcher watcher(workspace);
    watcher.setRescanInterval(ms);
    QObject context;
    QObject::connect(&watcher, &ingest::FolderWatcher::cycleFinished, &context,
                     [&](const ingest::FolderWatcher::Cycle &cycle) {
                         for (const QString &path : cycle.imported)
                             ctx.out() << "imported " << path << '\n';
                         for (auto it = cycle.failed.cbegin(); it != cycle.failed.cend(); ++it)
                             ctx.err() << "failed " << it.key() << ": " << it.value() << '\n';
                         if (!cycle.imported.isEmpty()) {
                             // New runs arrived: the policy may want a dream pass now.
                             if (const auto pass = dream::dreamIfDue(workspace, QDateTime::currentMSecsSinceEpoch()))
                                 ctx.out() << "dream run " << pass->run.id << ": " << pass->proposals.size()
                                           << " new proposal(s) to review\n";
                         }
                         ctx.out().flush();
                         ctx.err().flush();
                         if (parser.isSet(once))
                             QCoreApplication::quit();
                     });
    if (!parser.isSet(once)) {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
            throw CliError(QStringLiteral("cannot set up the interrupt handler"));
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &context);
        QObject::connect(notifier, &QSocketNotifier::activated, &context, [] { QCoreApplication::quit(); });
        ctx.out() << "watching " << folders.join(QLatin1String(", ")) << " (Ctrl+C stops)\n";
        ctx.out().flush();
    }
    watcher.setFolders(folders);
    QCoreApplication::exec();
    return 0;
}

} // namespace reverie::cli
