// `reverie demo`: the desktop app's demo workspace, built headless (ui/DemoData, QtCore only).

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/Workspace.h"
#include "ui/DemoData.h"

#include <QCommandLineParser>

namespace reverie::cli {

int demoCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("demo [--workspace PATH] [--json]")))
        return 0;
    // Without --workspace, the one `reverie --demo` opens: building into the user's own default
    // workspace is never what was meant.
    QString path = ctx.workspacePath();
    if (path == store::Workspace::defaultPath())
        path = ui::DemoData::defaultPath();

    const ui::DemoData::BuildReport report = ui::DemoData::build(path);
    if (ctx.json()) {
        printJson(ctx.out(), Json{{"workspace", u8(path)},
                                  {"runs", report.runs},
                                  {"version", report.version},
                                  {"approved_rule", u8(report.ruleText)},
                                  {"reviewer", u8(ui::DemoData::reviewerName())},
                                  {"pending_proposals", report.pendingProposals}});
        return 0;
    }
    ctx.out() << path << ": demo workspace built\n"
              << "  " << report.runs << " runs imported, the later ones under playbook version " << report.version << '\n'
              << "  version " << report.version << " holds the approved rule: " << report.ruleText << '\n'
              << "  " << report.pendingProposals << " proposal(s) wait for review; refund_order is high-stakes\n"
              << "Try: reverie --workspace " << path << " stats --by version\n";
    return 0;
}

} // namespace reverie::cli
