// The operator's policy and the outcome statistics.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/store/OutcomeStats.h"
#include "core/store/Policy.h"
#include "core/store/Sqlite.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
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

void addAll(QStringList &list, const QStringList &values)
{
    for (const QString &v : values) {
        if (!list.contains(v))
            list << v;
    }
}

void removeAll(QStringList &list, const QStringList &values)
{
    for (const QString &v : values)
        list.removeAll(v);
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
    const auto maxRules = opt("max-rules", "Size budget: rules.", "N");
    const auto maxTokens = opt("max-tokens", "Size budget: tokens.", "N");
    parser.addOptions({addWf, rmWf, addTool, rmTool, approvals, addTarget, rmTarget, autoApply, maxRules, maxTokens});
    if (!ctx.parse(parser, QStringLiteral("policy [--add-workflow W] [--add-tool T] [--approvals N] "
                                          "[--add-target PATH] [...] [--json]")))
        return 0;

    store::Workspace &ws = ctx.workspace();
    store::Policy policy(ws);
    store::PolicySettings s = policy.load();
    bool changed = false;
    auto touch = [&](const QCommandLineOption &o) { return parser.isSet(o) && (changed = true); };
    if (touch(addWf))
        addAll(s.highStakesWorkflows, parser.values(addWf));
    if (touch(rmWf))
        removeAll(s.highStakesWorkflows, parser.values(rmWf));
    if (touch(addTool))
        addAll(s.highStakesTools, parser.values(addTool));
    if (touch(rmTool))
        removeAll(s.highStakesTools, parser.values(rmTool));
    if (touch(approvals))
        s.approvalsNeeded = positiveNumber(parser.value(approvals), "--approvals");
    if (touch(addTarget)) {
        QStringList absolute;
        for (const QString &p : parser.values(addTarget))
            absolute << QFileInfo(p).absoluteFilePath();
        addAll(s.publishTargets, absolute);
    }
    if (touch(rmTarget)) {
        QStringList absolute;
        for (const QString &p : parser.values(rmTarget))
            absolute << QFileInfo(p).absoluteFilePath();
        removeAll(s.publishTargets, absolute);
    }
    if (touch(autoApply)) {
        const QString v = parser.value(autoApply).toLower();
        if (v != QLatin1String("yes") && v != QLatin1String("no"))
            throw CliError(QStringLiteral("--auto-apply takes yes or no"), 2);
        s.autoApplyLowStakes = v == QLatin1String("yes");
    }
    if (touch(maxRules))
        s.maxRules = positiveNumber(parser.value(maxRules), "--max-rules");
    if (touch(maxTokens))
        s.maxTokens = positiveNumber(parser.value(maxTokens), "--max-tokens");
    if (changed) {
        sql::Transaction tx(ws.db());
        policy.save(s);
        tx.commit();
    }

    if (ctx.json()) {
        printJson(ctx.out(), Json{{"high_stakes_workflows", listJson(s.highStakesWorkflows)},
                                  {"high_stakes_tools", listJson(s.highStakesTools)},
                                  {"approvals_needed", s.approvalsNeeded},
                                  {"publish_targets", listJson(s.publishTargets)},
                                  {"auto_apply_low_stakes", s.autoApplyLowStakes},
                                  {"max_rules", s.maxRules},
                                  {"max_tokens", s.maxTokens}});
        return 0;
    }
    auto joined = [](const QStringList &l) { return l.isEmpty() ? QStringLiteral("(none)") : l.join(QLatin1String(", ")); };
    ctx.out() << "high-stakes workflows: " << joined(s.highStakesWorkflows) << '\n'
              << "high-stakes tools:     " << joined(s.highStakesTools) << '\n'
              << "approvals needed:      " << s.approvalsNeeded << '\n'
              << "publish targets:       " << joined(s.publishTargets) << '\n'
              << "auto-apply low stakes: " << (s.autoApplyLowStakes ? "yes" : "no") << '\n'
              << "size budget:           " << s.maxRules << " rules, " << s.maxTokens << " tokens\n";
    return 0;
}

int statsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("version (default), model or rule."),
                                QStringLiteral("WHAT"), QStringLiteral("version"));
    parser.addOption(by);
    if (!ctx.parse(parser, QStringLiteral("stats --by version|model|rule [--json]")))
        return 0;
    store::OutcomeStats stats(ctx.workspace(false));
    const QString what = parser.value(by);
    if (what == QLatin1String("rule")) {
        Json list = Json::array();
        for (const auto &r : stats.byRule()) {
            if (ctx.json())
                list.push_back(Json{{"rule", u8(r.ruleId)}, {"text", u8(r.text)}, {"current", r.current},
                                    {"helpful", r.helpful}, {"harmful", r.harmful}});
            else
                ctx.out() << r.ruleId << '\t' << (r.current ? "current" : "retired") << "\thelpful " << r.helpful
                          << "\tharmful " << r.harmful << '\t' << r.text << '\n';
        }
        if (ctx.json())
            printJson(ctx.out(), list);
        return 0;
    }
    if (what != QLatin1String("version") && what != QLatin1String("model"))
        throw CliError(QStringLiteral("--by takes version, model or rule"), 2);
    const auto rows = what == QLatin1String("version") ? stats.byVersion() : stats.byModel();
    Json list = Json::array();
    for (const auto &r : rows) {
        const double rate = r.successRate();
        if (ctx.json()) {
            list.push_back(Json{{what.toStdString(), u8(r.key)}, {"runs", r.runs}, {"successes", r.successes},
                                {"failures", r.failures}, {"unknown", r.unknown},
                                {"success_rate", rate < 0 ? Json(nullptr) : Json(rate)}});
        } else {
            ctx.out() << what << ' ' << r.key << '\t' << r.runs << " runs\t" << r.successes << " ok\t" << r.failures
                      << " failed\t" << (rate < 0 ? QStringLiteral("-") : QString::number(rate * 100, 'f', 1) + QLatin1Char('%'))
                      << '\n';
        }
    }
    if (ctx.json())
        printJson(ctx.out(), list);
    return 0;
}

} // namespace reverie::cli
