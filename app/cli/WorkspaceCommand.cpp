#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/WorkspaceCopy.h"

#include <QCommandLineParser>

namespace reverie::cli {

// reverie workspace copy SRC DST: a SQLite workspace onto a server database, or back.
int workspaceCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("copy"), QStringLiteral("Copy a whole workspace."));
    parser.addPositionalArgument(QStringLiteral("SRC"), QStringLiteral("A workspace file, or postgresql://user@host:port/db."));
    parser.addPositionalArgument(QStringLiteral("DST"), QStringLiteral("A new workspace file, or an empty server database."));
    if (!ctx.parse(parser, QStringLiteral("workspace copy SRC DST [--json]")))
        return 0;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 3 || args.at(0) != QLatin1String("copy"))
        throw CliError(QStringLiteral("usage: reverie workspace copy SRC DST (a file or postgresql://user@host:port/db "
                                      "each; the password from PGPASSWORD or ~/.pgpass)"));
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
