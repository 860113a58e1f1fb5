#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/review/PolicyAudit.h"
#include "core/review/Publisher.h"
#include "core/review/SignatureAudit.h"
#include "core/store/Verifier.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

int verifyCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("verify [--json]")))
        return 0;
    QStringList problems = store::verifyWorkspace(ctx.workspace(false));
    const review::SignatureAudit audit = review::auditSignatures(ctx.workspace(false));
    problems << audit.problems;
    problems << review::auditPolicy(ctx.workspace(false));
    problems << review::Publisher(ctx.workspace(false)).behind();   // reads each target file
    const QString guarantee = review::verifyGuarantee(audit);
    if (ctx.json()) {
        Json list = Json::array();
        for (const QString &p : problems)
            list.push_back(u8(p));
        printJson(ctx.out(), Json{{"ok", problems.isEmpty()},
                                  {"problems", list},
                                  {"decisions", audit.decisions},
                                  {"signed_decisions", audit.signedDecisions},
                                  {"guarantee", u8(guarantee)}});
    } else if (problems.isEmpty()) {
        ctx.out() << ctx.workspacePath() << ": ok\n" << guarantee << '\n';
    }
    if (!problems.isEmpty()) {
        if (!ctx.json()) {
            for (const QString &p : problems)
                ctx.err() << p << '\n';
        }
        throw CliError(QStringLiteral("%1 problem(s) found in %2").arg(problems.size()).arg(ctx.workspacePath()));
    }
    return 0;
}

} // namespace reverie::cli
