#include "app/cli/Cli.h"

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <functional>
#include <map>

namespace reverie::cli {

namespace {

struct Command {
    const char *summary;
    std::function<int(CliContext &)> run;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> all = {
        {QStringLiteral("import"), {"Import trajectory files or folders", importCommand}},
        {QStringLiteral("formats"), {"List the trajectory formats Reverie reads", formatsCommand}},
        {QStringLiteral("trajectories"), {"List trajectories (failed first)", trajectoriesCommand}},
        {QStringLiteral("show"), {"Show one trajectory with its steps", showCommand}},
        {QStringLiteral("verify"), {"Check the workspace's integrity and history hash chain", verifyCommand}},
        {QStringLiteral("workspace"), {"Copy a workspace to or from a PostgreSQL server; give a user a role there",
                                       workspaceCommand}},
        {QStringLiteral("demo"), {"Build the demo workspace: runs, a dream, an approved rule, runs after it", demoCommand}},
        {QStringLiteral("dream"), {"Run a dream pass: mine recent runs for lessons and propose rules", dreamCommand}},
        {QStringLiteral("proposals"), {"List proposed rule changes with their evidence", proposalsCommand}},
        {QStringLiteral("approve"), {"Approve a proposal (high-stakes ones need several approvers)", approveCommand}},
        {QStringLiteral("reject"), {"Reject a proposal, with a reason", rejectCommand}},
        {QStringLiteral("edit"), {"Approve a proposal with your own wording", editCommand}},
        {QStringLiteral("propose"), {"Propose a rule change yourself", proposeCommand}},
        {QStringLiteral("rollback"), {"Restore an earlier playbook version (appends a new one)", rollbackCommand}},
        {QStringLiteral("revert"), {"Undo one approved change, keeping later ones", revertCommand}},
        {QStringLiteral("history"), {"List playbook versions with author, reason and change", historyCommand}},
        {QStringLiteral("watch"), {"Import new and grown session files from folders as agents write them", watchCommand}},
        {QStringLiteral("attribute"), {"Attribute runs to the playbook version published where they ran", attributeCommand}},
        {QStringLiteral("decisions"), {"List every decision and policy change, hash-chained", decisionsCommand}},
        {QStringLiteral("diff"), {"Compare two playbook versions rule by rule, word by word", diffCommand}},
        {QStringLiteral("playbook"), {"Print the playbook (Markdown or JSON), or import one", playbookCommand}},
        {QStringLiteral("publish"), {"Write the approved playbook to the publish targets", publishCommand}},
        {QStringLiteral("policy"), {"Show or set high-stakes scopes, approvals and publish targets", policyCommand}},
        {QStringLiteral("regressions"), {"Versions whose success dropped significantly against their parent", regressionsCommand}},
        {QStringLiteral("bisect"), {"Name the first version after which success is significantly lower", bisectCommand}},
        {QStringLiteral("stats"), {"Success rate per playbook version, per model, per rule, per version and model", statsCommand}},
    };
    return all;
}

// The first argument that is neither an option nor the value of --workspace.
int commandIndex(const QStringList &args)
{
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--workspace") || a == QLatin1String("-w")) {
            ++i;
            continue;
        }
        if (a.startsWith(QLatin1Char('-')))
            continue;
        return i;
    }
    return -1;
}

QString usage()
{
    QString text = QStringLiteral("Usage: reverie [--workspace PATH] COMMAND [OPTIONS]\n"
                                  "       reverie [--workspace PATH | --demo]   (opens the desktop app)\n\n"
                                  "Commands:\n");
    for (const auto &[name, cmd] : commands())
        text += QStringLiteral("  %1%2\n").arg(name, -14).arg(QString::fromLatin1(cmd.summary));
    text += QStringLiteral("\nRun `reverie COMMAND --help` for a command's options.\n"
                           "The default workspace is %1\n")
                .arg(store::Workspace::defaultPath());
    return text;
}

} // namespace

bool isCliInvocation(const QStringList &args)
{
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))
        || args.contains(QLatin1String("--version")))
        return true;
    const int i = commandIndex(args);
    return i > 0;
}

int run(const QStringList &args)
{
    QTextStream err(stderr);
    QTextStream out(stdout);
    const int index = commandIndex(args);
    if (index < 0) {
        if (args.contains(QLatin1String("--version"))) {
            out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
            return 0;
        }
        out << usage();
        return 0;
    }
    const QString name = args.at(index);
    const auto it = commands().find(name);
    if (it == commands().end()) {
        err << "reverie: unknown command \"" << name << "\"; run `reverie --help` for the list\n";
        return 2;
    }

    // --workspace may stand before the command; the command's own parser accepts it after too.
    QString workspace;
    QStringList commandArgs{args.first(), name};
    for (int i = 1; i < args.size(); ++i) {
        if (i == index)
            continue;
        if ((args.at(i) == QLatin1String("--workspace") || args.at(i) == QLatin1String("-w")) && i < index
            && i + 1 < args.size()) {
            workspace = args.at(++i);
            continue;
        }
        if (args.at(i).startsWith(QLatin1String("--workspace=")) && i < index) {
            workspace = args.at(i).mid(12);
            continue;
        }
        commandArgs << args.at(i);
    }
    if (workspace.isEmpty())
        workspace = store::Workspace::defaultPath();

    CliContext ctx(commandArgs, workspace);
    try {
        return it->second.run(ctx);
    } catch (const CliError &e) {
        ctx.out().flush();
        ctx.err() << "reverie " << name << ": " << e.message() << '\n';
        return e.exitCode();
    } catch (const reverie::Error &e) {
        ctx.out().flush();
        ctx.err() << "reverie " << name << ": " << e.message() << '\n';
        return 1;
    } catch (const std::exception &e) {
        ctx.out().flush();
        ctx.err() << "reverie " << name << ": " << QString::fromUtf8(e.what()) << '\n';
        return 1;
    }
}

} // namespace reverie::cli
