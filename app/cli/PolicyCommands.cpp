// The operator's policy.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/DecisionOutput.h"
#include "app/cli/JsonOutput.h"
#include "core/review/PolicyChange.h"
#include "core/review/Policy.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTime>
#include <QFileInfo>

namespace reverie::cli {

namespace {

Json listJson(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(u8(s));
    return a;
}

QStringList absolutePaths(const QStringList &paths)
{
    QStringList out;
    for (const QString &p : paths)
        out << QFileInfo(p).absoluteFilePath();
    return out;
}

bool yesNo(const QString &value, const char *option)
{
    const QString v = value.toLower();
    if (v != QLatin1String("yes") && v != QLatin1String("no"))
        throw CliError(QStringLiteral("%1 takes yes or no").arg(QLatin1String(option)), 2);
    return v == QLatin1String("yes");
}

int positiveNumber(const QString &text, const char *option)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1)
        throw CliError(QStringLiteral("%1 takes a whole number of at least 1").arg(QLatin1String(option)), 2);
    return n;
}

} // namespace

int policyCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    auto opt = [](const char *name, const char *help, const char *value = nullptr) {
        return value ? QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value))
                     : QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help));
    };
    const auto addWf = opt("add-workflow", "Mark a workflow high-stakes.", "W");
    const auto rmWf = opt("remove-workflow", "Unmark a high-stakes workflow.", "W");
    const auto addTool = opt("add-tool", "Mark a tool high-stakes.", "T");
    const auto rmTool = opt("remove-tool", "Unmark a high-stakes tool.", "T");
    const auto approvals = opt("approvals", "Approvers a high-stakes change needs.", "N");
    const auto addTarget = opt("add-target", "Publish the playbook to this file (.json: JSON; else Markdown).", "PATH");
    const auto rmTarget = opt("remove-target", "Stop publishing to this file.", "PATH");
    const auto autoApply = opt("auto-apply", "Let low-stakes proposals apply themselves: yes or no.", "YES_NO");
    const auto minStrength = opt("min-strength", "The weakest evidence auto-apply accepts: strong, moderate (default) or "
                                 "weak.", "LEVEL");
    const auto maxRules = opt("max-rules", "Size budget: rules.", "N");
    const auto maxTokens = opt("max-tokens", "Size budget: tokens.", "N");
    const auto requireSigs = opt("require-signatures", "High-stakes approvals must be signed (yes or no).", "YES_NO");
    const auto allowedSigners = opt("allowed-signers", "Trust these SSH keys: an allowed-signers file (name key per line).",
                                    "FILE");
    const auto dreamAfter = opt("dream-after-failures", "Dream on arrival: after N new failed runs (0: off).", "N");
    const auto dreamDaily = opt("dream-daily-at", "Dream on arrival: daily at HH:MM local time (off: never).", "HH:MM");
    const auto reviewerOpt = opt("reviewer", "Who changes the policy (required for a change).", "NAME");
    const auto reasonOpt = opt("reason", "Why (required to loosen it).", "R");
    parser.addOptions({addWf, rmWf, addTool, rmTool, approvals, addTarget, rmTarget, autoApply, minStrength, maxRules,
                       maxTokens, requireSigs, allowedSigners, dreamAfter, dreamDaily, reviewerOpt, reasonOpt,
                       signKeyOption()});
    if (!ctx.parse(parser, QStringLiteral("policy [--add-workflow W] [--add-tool T] [--approvals N] "
                                          "[--add-target PATH] [...] --reviewer NAME [--reason R] [--json]")))
        return 0;

    review::PolicyChange change;
    change.addWorkflows = parser.values(addWf);
    change.removeWorkflows = parser.values(rmWf);
    change.addTools = parser.values(addTool);
    change.removeTools = parser.values(rmTool);
    change.addTargets = absolutePaths(parser.values(addTarget));
    change.removeTargets = absolutePaths(parser.values(rmTarget));
    if (parser.isSet(approvals))
        change.approvals = positiveNumber(parser.value(approvals), "--approvals");
    if (parser.isSet(autoApply))
        change.autoApply = yesNo(parser.value(autoApply), "--auto-apply");
    if (parser.isSet(minStrength)) {
        change.minStrength = strengthLevelFromName(parser.value(minStrength).trimmed());
        if (!change.minStrength)
            throw CliError(QStringLiteral("--min-strength takes strong, moderate or weak"), 2);
    }
    if (parser.isSet(maxRules))
        change.maxRules = positiveNumber(parser.value(maxRules), "--max-rules");
    if (parser.isSet(maxTokens))
        change.maxTokens = positiveNumber(parser.value(maxTokens), "--max-tokens");
    if (parser.isSet(requireSigs))
        change.requireSignatures = yesNo(parser.value(requireSigs), "--require-signatures");
    if (parser.isSet(dreamAfter)) {
        bool ok = false;
        const int n = parser.value(dreamAfter).toInt(&ok);
        if (!ok || n < 0)
            throw CliError(QStringLiteral("--dream-after-failures takes a whole number (0 turns it off)"), 2);
        change.dreamAfterFailures = n;
    }
    if (parser.isSet(dreamDaily)) {
        const QString at = parser.value(dreamDaily).trimmed();
        if (at != QLatin1String("off") && !QTime::fromString(at, QStringLiteral("HH:mm")).isValid())
            throw CliError(QStringLiteral("--dream-daily-at takes HH:MM (24-hour, local time) or off"), 2);
        change.dreamDailyAt = at == QLatin1String("off") ? QString() : at;
    }
    if (parser.isSet(allowedSigners)) {
        QFile file(parser.value(allowedSigners));
        if (!file.open(QIODevice::ReadOnly))
            throw CliError(QStringLiteral("%1: %2").arg(parser.value(allowedSigners), file.errorString()));
        change.allowedSigners = QString::fromUtf8(file.readAll());
    }

    if (!change.isEmpty()) {
        // A policy change is a decision like any other: named, recorded, and gated when it loosens.
        const QString reviewer = parser.value(reviewerOpt).trimmed();
        if (reviewer.isEmpty())
            throw CliError(QStringLiteral("--reviewer NAME is required to change the policy: every change is recorded "
                                          "with who made it"),
                           2);
        review::Ledger ledger = signingLedger(ctx.workspace(), parser);
        review::DecisionResult r;
        try {
            r = ledger.changePolicy(change, reviewer, parser.value(reasonOpt));
        } catch (const review::LedgerRefusal &e) {
            throw CliError(e.message());
        }
        if (r.outcome == review::DecisionResult::Outcome::AwaitingApprovals || ctx.json())
            return reportDecision(ctx, 0, r);
        ctx.out() << r.message << '\n';
    }

    const review::PolicySettings s = review::Policy(ctx.workspace()).load();
    if (ctx.json()) {
        printJson(ctx.out(), Json{{"high_stakes_workflows", listJson(s.highStakesWorkflows)},
                                  {"high_stakes_tools", listJson(s.highStakesTools)},
                                  {"approvals_needed", s.approvalsNeeded},
                                  {"publish_targets", listJson(s.publishTargets)},
                                  {"auto_apply_low_stakes", s.autoApplyLowStakes},
                                  {"min_strength", u8(strengthLevelName(s.minStrength))},
                                  {"max_rules", s.maxRules},
                                  {"max_tokens", s.maxTokens},
                                  {"require_signatures", s.requireSignatures},
                                  {"allowed_signers", u8(s.allowedSigners)},
                                  {"dream_after_failures", s.dreamAfterFailures},
                                  {"dream_daily_at", nullable(s.dreamDailyAt)}});
        return 0;
    }
    auto joined = [](const QStringList &l) { return l.isEmpty() ? QStringLiteral("(none)") : l.join(QLatin1String(", ")); };
    ctx.out() << "high-stakes workflows: " << joined(s.highStakesWorkflows) << '\n'
              << "high-stakes tools:     " << joined(s.highStakesTools) << '\n'
              << "approvals needed:      " << s.approvalsNeeded << '\n'
              << "publish targets:       " << joined(s.publishTargets) << '\n'
              << "auto-apply low stakes: " << (s.autoApplyLowStakes ? "yes" : "no") << ", with "
              << strengthLevelName(s.minStrength) << " evidence or stronger\n"
              << "size budget:           " << s.maxRules << " rules, " << s.maxTokens << " tokens\n"
              << "signed approvals:      " << (s.requireSignatures ? "required for high stakes" : "optional") << ", "
              << s.allowedSigners.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size() << " allowed signer(s)\n"
              << "dream on arrival:      "
              << (s.dreamAfterFailures > 0 ? QStringLiteral("after %1 new failed run(s)").arg(s.dreamAfterFailures)
                                           : QStringLiteral("not after failures"))
              << ", " << (s.dreamDailyAt.isEmpty() ? QStringLiteral("not daily") : QStringLiteral("daily at ") + s.dreamDailyAt)
              << '\n';
    return 0;
}

} // namespace reverie::cli
