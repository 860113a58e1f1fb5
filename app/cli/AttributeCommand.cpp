// Which playbook the runs already in a workspace saw, from the publish record.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/PublishAttribution.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

int attributeCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("attribute [--json]")))
        return 0;
    const int changed = store::attributeByPublishRecords(ctx.workspace(false));
    if (ctx.json())
        printJson(ctx.out(), Json{{"changed", changed}});
    else
        ctx.out() << changed << " run(s) newly attributed from the publish record\n";
    return 0;
}

} // namespace reverie::cli
