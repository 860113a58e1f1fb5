// The dream pass from the command line: `dream` runs one, `proposals` lists what passes proposed.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/dream/DreamPass.h"
#include "core/dream/HoldOut.h"
#include "core/dream/Strength.h"
#include "core/store/ProposalStore.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <algorithm>
#include <cstdio>
#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace reverie::cli {

namespace {

QString oneLine(QString s, int max)
{
    s = s.simplified();
    return s.size() > max ? s.left(max - 1) + QChar(0x2026) : s;
}

Json stringArray(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(u8(s));
    return a;
}

// The scope as `proposals --json` shows it; "models" only when the rule is scoped to models.
Json scopeJson(const Scope &scope)
{
    Json j{{"workflows", stringArray(scope.workflows)}, {"tools", stringArray(scope.tools)}};
    if (!scope.models.isEmpty())
        j["models"] = stringArray(scope.models);
    return j;
}

// One proposal as `dream --json` prints it. `step` is the step's seq: its 0-based position in
// the trajectory, as `reverie show` numbers it; null when the evidence is the whole run.
Json proposalJson(const Proposal &p)
{
    Json evidence = Json::array();
    for (const Evidence &e : p.evidence) {
        Json item{{"trajectory", u8(e.trajectoryExternalId)}, {"step", e.stepSeq >= 0 ? Json(e.stepSeq) : Json(nullptr)}};
        if (e.changed) {   // the run was re-imported with other content: the citation as it was
            item["run_changed"] = true;
            item["cited_text"] = u8(e.citedText);
        }
        evidence.push_back(std::move(item));
    }
    Json conflicts = Json::array();
    for (const Conflict &c : p.conflicts)
        conflicts.push_back(Json{{"kind", u8(c.kind)}, {"rule", u8(c.ruleId)}, {"detail", u8(c.detail)}});
    Json target = nullptr;   // add: null; edit and remove: the rule id; merge: the ids
    if (p.op == ProposalOp::Merge)
        target = stringArray(p.targetRules);
    else if (!p.targetRules.isEmpty())
        target = u8(p.targetRules.first());
    return Json{{"id", p.id},
                {"op", u8(proposalOpName(p.op))},
                {"target_rule", target},
                {"text", u8(p.text)},
                {"scope", scopeJson(p.scope)},
                {"stakes", u8(stakesName(p.stakes))},
                {"confidence", p.confidence},
                {"support", p.support},
                {"evidence", evidence},
                {"conflicts", conflicts}};
}

// How the proposal fared on the newer runs its pass held out, as stored, with its sentence;
// null when it was not checked.
Json holdOutJson(const HoldOutRecord &h)
{
    if (h.result == HoldOutRecord::Result::None)
        return nullptr;
    Json j = Json::parse(store::holdOutJson(h).toStdString());
    j["text"] = u8(dream::describeHoldOut(h));
    return j;
}

// Strong first, weak last (dream::strengthRank), each level newest first as stored.
void sortByStrength(std::vector<Proposal> &list)
{
    std::stable_sort(list.begin(), list.end(),
                     [](const Proposal &a, const Proposal &b) { return dream::strengthRank(a) < dream::strengthRank(b); });
}

void printProposal(QTextStream &out, const Proposal &p, bool withStatus)
{
    out << '#' << p.id << ' ' << proposalOpName(p.op);
    if (!p.targetRules.isEmpty())
        out << ' ' << p.targetRules.join(QLatin1Char('+'));
    out << " [" << stakesName(p.stakes) << " stakes";
    if (withStatus)
        out << ", " << proposalStatusName(p.status);
    if (dream::strengthRank(p) == dream::kWeakStrengthRank)
        out << ", weak evidence";   // never auto-applied; a reviewer decides
    out << "] " << p.text << '\n';
    out << "    " << (p.kind.isEmpty() ? QStringLiteral("proposal") : p.kind) << " by " << p.author << ": support "
        << p.support << ", confidence " << QString::number(p.confidence, 'f', 2) << '\n';
    const ReplayRecord &r = p.replay;
    if (r.broke + r.kept > 0) {
        out << "    replay: " << r.brokeFailed << " of " << r.broke << " runs that broke it failed; " << r.keptSucceeded
            << " of " << r.kept << " that kept it succeeded";
        if (r.successesBreakIt)
            out << "  (!) successful runs routinely break it";
        out << '\n';
        out << "    strength: " << dream::describeStrength(dream::strengthOf(r)) << '\n';
    }
    if (p.holdOut.result != HoldOutRecord::Result::None)
        out << "    hold-out: " << dream::describeHoldOut(p.holdOut) << '\n';
    if (!p.rationale.isEmpty())
        out << "    why: " << oneLine(p.rationale, 300) << '\n';
    QStringList cited;
    for (std::size_t i = 0; i < p.evidence.size() && i < 4; ++i) {
        const Evidence &e = p.evidence[i];
        cited << (e.stepSeq >= 0 ? QStringLiteral("%1 step %2").arg(e.trajectoryExternalId).arg(e.stepSeq)
                                 : e.trajectoryExternalId);
    }
    if (!cited.isEmpty()) {
        out << "    evidence: " << cited.join(QStringLiteral(", "));
        if (p.evidence.size() > 4)
            out << " (+" << (p.evidence.size() - 4) << " more)";
        out << '\n';
    }
    for (const Conflict &c : p.conflicts)
        out << "    conflict: " << c.kind << ' ' << c.ruleId << " \u2014 " << oneLine(c.detail, 200) << '\n';
}

// Progress goes to stderr only when a person watches it.
bool stderrIsTerminal()
{
#if defined(Q_OS_UNIX)
    return isatty(fileno(stderr)) != 0;
#else
    return false;
#endif
}

qint64 timeOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return -1;
    const qint64 ms = dream::parseSelectionTime(parser.value(option), QDateTime::currentMSecsSinceEpoch());
    if (ms < 0)
        throw CliError(QStringLiteral("--%1 takes a date (2025-11-20), a time (2025-11-20T10:00:00Z) or an age "
                                      "such as 7d or 12h")
                           .arg(option.names().first()),
                       2);
    return ms;
}

QString defaultModel(const QString &engine)
{
    const QString env = qEnvironmentVariable("REVERIE_LLM_MODEL");
    if (!env.isEmpty())
        return env;
    return engine == QLatin1String("openai") ? QStringLiteral("gpt-4o-mini") : QStringLiteral("claude-sonnet-4-5");
}

} // namespace

int dreamCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption engine(QStringLiteral("engine"), QStringLiteral("offline (default), anthropic or openai."),
                                    QStringLiteral("ENGINE"), QStringLiteral("offline"));
    const QCommandLineOption workflow(QStringLiteral("workflow"), QStringLiteral("Only runs of this workflow."),
                                      QStringLiteral("W"));
    const QCommandLineOption since(QStringLiteral("since"), QStringLiteral("Only runs started at or after DATE (or 7d, 12h)."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption until(QStringLiteral("until"), QStringLiteral("Only runs started before DATE."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption verdict(QStringLiteral("verdict"), QStringLiteral("Only runs with this verdict: success, "
                                                                               "failure or unknown."),
                                     QStringLiteral("VERDICT"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Only runs of this agent model."),
                                   QStringLiteral("M"));
    const QCommandLineOption fresh(QStringLiteral("new"), QStringLiteral("Only runs no earlier pass has read."));
    const QCommandLineOption llmModel(QStringLiteral("llm-model"),
                                      QStringLiteral("The model the reflector asks (default: $REVERIE_LLM_MODEL, "
                                                     "else claude-sonnet-4-5 or gpt-4o-mini)."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption llmUrl(QStringLiteral("llm-url"), QStringLiteral("Base URL of the model's API (e.g. a "
                                                                              "local Ollama or vLLM server)."),
                                    QStringLiteral("URL"));
    const QCommandLineOption llmKeyEnv(QStringLiteral("llm-key-env"), QStringLiteral("Environment variable holding the "
                                                                                     "API key."),
                                       QStringLiteral("VAR"));
    const QCommandLineOption budget(QStringLiteral("budget"), QStringLiteral("Tokens of digests the reflector may send "
                                                                             "(default 12000)."),
                                    QStringLiteral("TOKENS"), QStringLiteral("12000"));
    const QCommandLineOption holdOut(QStringLiteral("holdout"),
                                     QStringLiteral("Share of each workflow's newest runs to test candidates on instead of "
                                                    "mining them (default 0.25; 0 turns the check off)."),
                                     QStringLiteral("SHARE"), QStringLiteral("0.25"));
    parser.addOptions({engine, workflow, since, until, verdict, model, fresh, llmModel, llmUrl, llmKeyEnv, budget, holdOut});
    if (!ctx.parse(parser, QStringLiteral("dream [--engine offline|anthropic|openai] [--workflow W] [--since DATE] "
                                          "[--json]")))
        return 0;

    dream::DreamRequest req;
    req.engine = parser.value(engine).trimmed().toLower();
    if (!dream::isKnownEngine(req.engine))
        throw CliError(QStringLiteral("--engine takes offline, anthropic or openai"), 2);
    req.selection.workflow = parser.value(workflow);
    req.selection.sinceMs = timeOption(parser, since);
    req.selection.untilMs = timeOption(parser, until);
    if (parser.isSet(verdict)) {
        req.selection.verdict = verdictFromName(parser.value(verdict));
        if (!req.selection.verdict)
            throw CliError(QStringLiteral("--verdict takes success, failure or unknown"), 2);
    }
    req.selection.model = parser.value(model);
    req.selection.notYetDreamed = parser.isSet(fresh);
    bool shareOk = false;
    req.holdOutShare = parser.value(holdOut).toDouble(&shareOk);
    if (!shareOk || req.holdOutShare < 0 || req.holdOutShare > dream::kMaxHoldOutShare)
        throw CliError(QStringLiteral("--holdout takes a share from 0 (off) to 0.5, such as 0.25"), 2);
    if (req.engine != QLatin1String("offline")) {
        req.llm.provider = llm::providerFromName(req.engine).value_or(llm::Provider::Anthropic);
        req.llm.model = parser.isSet(llmModel) ? parser.value(llmModel) : defaultModel(req.engine);
        req.llm.baseUrl = parser.value(llmUrl);
        req.llm.apiKeyEnv = parser.value(llmKeyEnv);
        bool ok = false;
        req.reflectorTokenBudget = parser.value(budget).toInt(&ok);
        if (!ok || req.reflectorTokenBudget < 1000)
            throw CliError(QStringLiteral("--budget takes a number of tokens, at least 1000"), 2);
    }
    req.workspacePath = ctx.workspace(false).path();   // must exist; the pass opens its own connection

    dream::DreamControl control;
    const bool interactive = stderrIsTerminal();
    if (interactive) {
        control.progress = [&ctx](int percent, const QString &stage) {
            ctx.err() << "\r" << QString::number(percent).rightJustified(3) << "% " << stage.leftJustified(40) << Qt::flush;
        };
    }
    const dream::DreamResult r = dream::runDreamPass(req, control);
    if (interactive)
        ctx.err() << "\r" << QString(46, QLatin1Char(' ')) << "\r" << Qt::flush;

    if (ctx.json()) {
        Json list = Json::array();
        for (const Proposal &p : r.proposals)
            list.push_back(proposalJson(p));
        Json dropped = Json::array();
        for (const dream::DroppedCandidate &d : r.holdOut.dropped)
            dropped.push_back(Json{{"text", u8(d.text)}, {"reason", u8(d.reason)}});
        printJson(ctx.out(), Json{{"run_id", r.run.id},
                                  {"status", u8(dreamStatusName(r.run.status))},
                                  {"proposals", list},
                                  {"holdout", Json{{"share", r.holdOut.share},
                                                   {"held_out_runs", r.holdOut.heldOutRuns},
                                                   {"dropped", dropped}}}});
    } else {
        ctx.out() << "Dream run " << r.run.id << " (" << r.run.engine << "): " << dreamStatusName(r.run.status) << ", "
                  << r.run.trajectoryCount << (r.run.trajectoryCount == 1 ? " trajectory" : " trajectories") << " read, "
                  << r.proposals.size() << (r.proposals.size() == 1 ? " proposal" : " proposals") << '\n';
        for (const Proposal &p : r.proposals) {
            ctx.out() << '\n';
            printProposal(ctx.out(), p, false);
        }
        if (r.run.status == DreamStatus::Succeeded && r.proposals.empty())
            ctx.out() << "Nothing to propose: no lesson passed the thresholds.\n";
        if (r.holdOut.heldOutRuns > 0)
            ctx.out() << "\nHold-out: " << r.holdOut.heldOutRuns << " newest runs of " << r.holdOut.workflowsSplit
                      << (r.holdOut.workflowsSplit == 1 ? " workflow" : " workflows") << " tested the candidates; "
                      << r.holdOut.dropped.size() << " dropped.\n";
        for (const dream::DroppedCandidate &d : r.holdOut.dropped)
            ctx.out() << "  dropped: " << d.text << "\n    " << d.reason << '\n';
    }
    if (r.run.status != DreamStatus::Succeeded) {
        ctx.out().flush();
        throw CliError(QStringLiteral("the pass %1: %2").arg(dreamStatusName(r.run.status), r.run.error));
    }
    return 0;
}

int proposalsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("pending, approved, rejected, needs_rebase "
                                                                             "or reverted."),
                                    QStringLiteral("STATUS"));
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Only proposals of this dream run."),
                                 QStringLiteral("ID"));
    parser.addOptions({status, run});
    if (!ctx.parse(parser, QStringLiteral("proposals [--status pending|approved|rejected] [--run ID] [--json]")))
        return 0;
    std::optional<ProposalStatus> wanted;
    if (parser.isSet(status)) {
        wanted = proposalStatusFromName(parser.value(status).trimmed().toLower());
        if (!wanted)
            throw CliError(QStringLiteral("--status takes pending, approved, rejected, needs_rebase or reverted"), 2);
    }
    qint64 runId = 0;
    if (parser.isSet(run)) {
        bool ok = false;
        runId = parser.value(run).toLongLong(&ok);
        if (!ok || runId <= 0)
            throw CliError(QStringLiteral("--run takes a dream run number"), 2);
    }
    std::vector<Proposal> list = store::ProposalStore(ctx.workspace(false)).list(wanted, runId);
    sortByStrength(list);
    if (ctx.json()) {
        Json out = Json::array();
        for (const Proposal &p : list) {
            Json j = proposalJson(p);
            j["status"] = u8(proposalStatusName(p.status));
            j["kind"] = nullable(p.kind);
            j["author"] = nullable(p.author);
            j["rationale"] = nullable(p.rationale);
            j["dream_run"] = p.dreamRunId ? Json(p.dreamRunId) : Json(nullptr);
            j["base_version"] = p.baseVersion;
            j["replay"] = Json{{"broke", p.replay.broke},
                               {"broke_failed", p.replay.brokeFailed},
                               {"kept", p.replay.kept},
                               {"kept_succeeded", p.replay.keptSucceeded},
                               {"successes_break_it", p.replay.successesBreakIt}};
            if (changesRulesDirectly(p.op)) {
                // The 2x2 table, a one-sided Fisher exact p-value and Wilson 95% intervals.
                const dream::Strength st = dream::strengthOf(p.replay);
                j["strength"] = Json{{"level", u8(strengthLevelName(st.level))},
                                     {"p_value", st.pValue},
                                     {"table", Json{{"broke_failed", st.brokeFailed},
                                                    {"broke_succeeded", st.brokeSucceeded},
                                                    {"kept_failed", st.keptFailed},
                                                    {"kept_succeeded", st.keptSucceeded}}},
                                     {"broke_failure_rate_95", Json::array({st.brokeFailLow, st.brokeFailHigh})},
                                     {"kept_failure_rate_95", Json::array({st.keptFailLow, st.keptFailHigh})}};
            }
            j["holdout"] = holdOutJson(p.holdOut);
            j["created_at"] = p.createdMs;
            out.push_back(std::move(j));
        }
        printJson(ctx.out(), out);
        return 0;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i)
            ctx.out() << '\n';
        printProposal(ctx.out(), list[i], true);
    }
    if (list.empty())
        ctx.out() << "No proposals" << (wanted ? QStringLiteral(" with status %1").arg(proposalStatusName(*wanted)) : QString())
                  << ".\n";
    return 0;
}

} // namespace reverie::cli
