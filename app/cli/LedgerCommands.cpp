// Decisions on proposals: approve, reject, edit, propose, rollback, revert.

#include "app/cli/CliContext.h"
#include "app/cli/DecisionOutput.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/review/Ledger.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

namespace reverie::cli {

namespace {

const QCommandLineOption kReviewer(QStringLiteral("reviewer"), QStringLiteral("Who decides (required)."),
                                   QStringLiteral("NAME"));
const QCommandLineOption kReason(QStringLiteral("reason"), QStringLiteral("Why."), QStringLiteral("R"));
const QCommandLineOption kSignKey(QStringLiteral("sign-key"),
                                  QStringLiteral("Sign the decision with this SSH private key (default: $REVERIE_SIGNING_KEY)."),
                                  QStringLiteral("KEY"));

qint64 proposalArgument(const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || id <= 0)
        throw CliError(QStringLiteral("name exactly one proposal by its number"), 2);
    return id;
}

QString requiredReviewer(const QCommandLineParser &parser)
{
    const QString name = parser.value(kReviewer).trimmed();
    if (name.isEmpty())
        throw CliError(QStringLiteral("--reviewer NAME is required: every decision is made by a named person"), 2);
    return name;
}

const char *outcomeName(review::DecisionResult::Outcome o)
{
    switch (o) {
    case review::DecisionResult::Outcome::Applied: return "applied";
    case review::DecisionResult::Outcome::AwaitingApprovals: return "awaiting_approvals";
    case review::DecisionResult::Outcome::Rejected: return "rejected";
    case review::DecisionResult::Outcome::NeedsRebase: return "needs_rebase";
    }
    return "";
}

} // namespace

review::Ledger signingLedger(store::Workspace &ws, const QCommandLineParser &parser)
{
    review::Ledger ledger(ws);
    const QString key = parser.optionNames().contains(kSignKey.names().first()) && parser.isSet(kSignKey) ? parser.value(kSignKey) : qEnvironmentVariable("REVERIE_SIGNING_KEY");
    ledger.setSigningKey(key.trimmed());
    return ledger;
}

const QCommandLineOption &signKeyOption() { return kSignKey; }

// Prints what a decision did; a rebase is a refusal (non-zero exit).
int reportDecision(CliContext &ctx, qint64 proposal, const review::DecisionResult &r)
{
    if (r.proposal && (proposal == 0 || r.outcome == review::DecisionResult::Outcome::AwaitingApprovals))
        proposal = r.proposal;
    if (ctx.json()) {
        Json conflicts = Json::array();
        for (const Conflict &c : r.conflicts)
            conflicts.push_back(Json{{"kind", u8(c.kind)}, {"rule", u8(c.ruleId)}, {"detail", u8(c.detail)}});
        Json approvers = Json::array();
        for (const QString &a : r.approvers)
            approvers.push_back(u8(a));
        Json published = Json::array();
        for (const QString &p : r.published)
            published.push_back(u8(p));
        Json stale = Json::array();
        for (const QString &a : r.staleApprovers)
            stale.push_back(u8(a));
        printJson(ctx.out(), Json{{"proposal", proposal ? Json(proposal) : Json(nullptr)},
                                  {"outcome", outcomeName(r.outcome)},
                                  {"message", u8(r.message)},
                                  {"stale_approvals", stale},
                                  {"version", r.version ? Json(r.version) : Json(nullptr)},
                                  {"approvals", approvers},
                                  {"approvals_needed", r.approvalsNeeded},
                                  {"conflicts", conflicts},
                                  {"published", published},
                                  {"publish_failure", nullable(r.publishFailure)}});
    } else if (r.outcome != review::DecisionResult::Outcome::NeedsRebase) {
        ctx.out() << r.message << '\n';
        for (const QString &p : r.published)
            ctx.out() << "published " << p << '\n';
    }
    if (r.outcome == review::DecisionResult::Outcome::NeedsRebase)
        throw CliError(r.message);
    if (!r.publishFailure.isEmpty())
        throw CliError(QStringLiteral("the decision stands (version %1); %2; retry with `reverie publish`")
                           .arg(r.version)
                           .arg(r.publishFailure),
                       kPublishFailedExit);
    return 0;
}

namespace {

template <typename Fn>
auto refusalsAsErrors(Fn &&fn)
{
    try {
        return fn();
    } catch (const review::LedgerRefusal &e) {
        throw CliError(e.message());
    }
}

} // namespace

int approveCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOptions({kReviewer, kReason, kSignKey});
    parser.addPositionalArgument(QStringLiteral("PROPOSAL"), QStringLiteral("The proposal's number."));
    if (!ctx.parse(parser, QStringLiteral("approve PROPOSAL --reviewer NAME [--reason R] [--sign-key KEY] [--json]")))
        return 0;
    const qint64 id = proposalArgument(parser);
    const QString reviewer = requiredReviewer(parser);
    review::Ledger ledger = signingLedger(ctx.workspace(false), parser);
    return reportDecision(ctx, id, refusalsAsErrors([&] { return ledger.approve(id, reviewer, parser.value(kReason)); }));
}

int rejectCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOptions({kReviewer, kReason, kSignKey});
    parser.addPositionalArgument(QStringLiteral("PROPOSAL"), QStringLiteral("The proposal's number."));
    if (!ctx.parse(parser, QStringLiteral("reject PROPOSAL --reviewer NAME --reason R [--sign-key KEY] [--json]")))
        return 0;
    const qint64 id = proposalArgument(parser);
    const QString reviewer = requiredReviewer(parser);
    review::Ledger ledger = signingLedger(ctx.workspace(false), parser);
    return reportDecision(ctx, id, refusalsAsErrors([&] { return ledger.reject(id, reviewer, parser.value(kReason)); }));
}

int editCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("The rule's wording that lands."),
                                  QStringLiteral("T"));
    parser.addOptions({kReviewer, kReason, kSignKey, text});
    parser.addPositionalArgument(QStringLiteral("PROPOSAL"), QStringLiteral("The proposal's number."));
    if (!ctx.parse(parser, QStringLiteral("edit PROPOSAL --reviewer NAME --text T [--reason R] [--json]")))
        return 0;
    const qint64 id = proposalArgument(parser);
    const QString reviewer = requiredReviewer(parser);
    if (!parser.isSet(text))
        throw CliError(QStringLiteral("--text T is required"), 2);
    review::Ledger ledger = signingLedger(ctx.workspace(false), parser);
    return reportDecision(ctx, id,
                  refusalsAsErrors([&] { return ledger.edit(id, reviewer, parser.value(text), parser.value(kReason)); }));
}

int proposeCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption author(QStringLiteral("author"), QStringLiteral("Who proposes (required)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption op(QStringLiteral("op"), QStringLiteral("add (default), edit, remove or merge."),
                                QStringLiteral("OP"), QStringLiteral("add"));
    const QCommandLineOption rule(QStringLiteral("rule"), QStringLiteral("Target rule id (repeat for merge)."),
                                  QStringLiteral("ID"));
    const QCommandLineOption text(QStringLiteral("text"), QStringLiteral("The rule's text."), QStringLiteral("T"));
    const QCommandLineOption workflow(QStringLiteral("workflow"), QStringLiteral("Scope: a workflow (repeatable)."),
                                      QStringLiteral("W"));
    const QCommandLineOption tool(QStringLiteral("tool"), QStringLiteral("Scope: a tool (repeatable)."),
                                  QStringLiteral("T"));
    const QCommandLineOption model(QStringList{QStringLiteral("model"), QStringLiteral("models")},
                                   QStringLiteral("Scope: a model, or several separated by commas (repeatable)."),
                                   QStringLiteral("M"));
    parser.addOptions({author, op, rule, text, workflow, tool, model, kReason});
    if (!ctx.parse(parser, QStringLiteral("propose --author NAME [--op OP] [--rule ID] --text T [--workflow W] "
                                          "[--tool T] [--model M] [--json]")))
        return 0;
    Proposal p;
    const auto parsedOp = proposalOpFromName(parser.value(op));
    if (!parsedOp || !changesRulesDirectly(*parsedOp))
        throw CliError(QStringLiteral("--op takes add, edit, remove or merge"), 2);
    p.op = *parsedOp;
    p.targetRules = parser.values(rule);
    p.text = parser.value(text);
    p.rationale = parser.value(kReason);
    p.scope.workflows = parser.values(workflow);
    p.scope.tools = parser.values(tool);
    for (const QString &list : parser.values(model)) {
        for (const QString &part : list.split(QLatin1Char(','))) {
            const QString name = part.trimmed();
            if (!name.isEmpty() && !p.scope.models.contains(name))
                p.scope.models << name;
        }
    }
    review::Ledger ledger(ctx.workspace(false));   // a proposal is not a decision: nothing to sign
    const qint64 id = refusalsAsErrors([&] { return ledger.proposeManual(p, parser.value(author).trimmed()); });
    if (ctx.json())
        printJson(ctx.out(), Json{{"id", id}, {"stakes", u8(stakesName(p.stakes))}, {"base_version", p.baseVersion}});
    else
        ctx.out() << "proposal " << id << " is pending (" << stakesName(p.stakes) << " stakes)\n";
    return 0;
}

int rollbackCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOptions({kReviewer, kReason, kSignKey});
    parser.addPositionalArgument(QStringLiteral("VERSION"), QStringLiteral("The version to restore."));
    if (!ctx.parse(parser, QStringLiteral("rollback VERSION --reviewer NAME [--reason R] [--json]")))
        return 0;
    bool ok = false;
    const int version = parser.positionalArguments().value(0).toInt(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || version <= 0)
        throw CliError(QStringLiteral("name exactly one playbook version by its number"), 2);
    const QString reviewer = requiredReviewer(parser);
    review::Ledger ledger = signingLedger(ctx.workspace(false), parser);
    return reportDecision(ctx, 0, refusalsAsErrors([&] { return ledger.rollback(version, reviewer, parser.value(kReason)); }));
}

int revertCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    parser.addOptions({kReviewer, kReason, kSignKey});
    parser.addPositionalArgument(QStringLiteral("PROPOSAL"), QStringLiteral("The approved proposal to undo."));
    if (!ctx.parse(parser, QStringLiteral("revert PROPOSAL --reviewer NAME [--reason R] [--json]")))
        return 0;
    const qint64 id = proposalArgument(parser);
    const QString reviewer = requiredReviewer(parser);
    review::Ledger ledger = signingLedger(ctx.workspace(false), parser);
    return reportDecision(ctx, id, refusalsAsErrors([&] { return ledger.revert(id, reviewer, parser.value(kReason)); }));
}

} // namespace reverie::cli
