#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/Workspace.h"
#include "core/store/WorkspaceCopy.h"
#include "core/store/pg/ServerRoles.h"

#include <QCommandLineParser>

namespace reverie::cli {

namespace {

// reverie --workspace postgresql://owner@host/db workspace grant USER reviewer|analyst
int grant(CliContext &ctx, const QStringList &args)
{
    if (args.size() != 3 || (args.at(2) != QLatin1String("reviewer") && args.at(2) != QLatin1String("analyst")))
        throw CliError(QStringLiteral("usage: reverie --workspace postgresql://owner@host/db workspace grant USER "
                                      "reviewer|analyst"));
    store::Workspace &ws = ctx.workspace(false);
    if (!ws.isServer())
        throw CliError(QStringLiteral("%1 is a file: roles belong to server workspaces (postgresql://...)").arg(ctx.workspacePath()));
    const bool reviewer = args.at(2) == QLatin1String("reviewer");
    pg::grantRole(ws.db().server(), args.at(1), reviewer ? pg::WorkspaceRole::Reviewer : pg::WorkspaceRole::Analyst);
    if (ctx.json())
        printJson(ctx.out(), Json{{"user", u8(args.at(1))}, {"role", u8(args.at(2))}});
    else
        ctx.out() << QStringLiteral("%1 is now %2 of this workspace; from now on everyone acts as the user they "
                                    "connect as\n")
                         .arg(args.at(1), reviewer ? QStringLiteral("a reviewer") : QStringLiteral("an analyst"));
    return 0;
}

} // namespace

// reverie workspace copy SRC DST: a SQLite workspace onto a server database, or back.
// reverie workspace grant USER ROLE: who may decide in a server workspace.
int workspaceCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("copy|grant"), QStringLiteral("Copy a whole workspace, or give a user a role."));
    parser.addPositionalArgument(QStringLiteral("SRC DST | USER ROLE"),
                                 QStringLiteral("copy: a workspace file or postgresql://user@host:port/db each (the "
                                                "destination new or empty). grant: a login role, and reviewer or analyst."));
    if (!ctx.parse(parser, QStringLiteral("workspace copy SRC DST | workspace grant USER reviewer|analyst [--json]")))
        return 0;
    const QStringList args = parser.positionalArguments();
    if (args.value(0) == QLatin1String("grant"))
        return grant(ctx, args);
    if (args.size() != 3 || args.at(0) != QLatin1String("copy"))
        throw CliError(QStringLiteral("usage: reverie workspace copy SRC DST (a file or postgresql://user@host:port/db "
                                      "each; the password from PGPASSWORD or ~/.pgpass), or reverie --workspace "
                                      "postgresql://... workspace grant USER reviewer|analyst"));
    const store::CopyReport report = store::copyWorkspace(args.at(1), args.at(2), [&](const QString &table, int done, int total) {
        if (!ctx.json())
            ctx.err() << QStringLiteral("copying %1 (%2 of %3)\n").arg(table).arg(done + 1).arg(total);
        ctx.err().flush();
    });
    if (ctx.json()) {
        Json tables = Json::array();
        for (const QString &t : report.tables)
            tables.push_back(u8(t));
        printJson(ctx.out(), Json{{"ok", true}, {"rows", report.rows}, {"tables", tables}});
    } else {
        ctx.out() << QStringLiteral("copied %1 rows; both workspaces verify\n").arg(report.rows);
        for (const QString &t : report.tables)
            ctx.out() << "  " << t << '\n';
    }
    return 0;
}

} // namespace reverie::cli
