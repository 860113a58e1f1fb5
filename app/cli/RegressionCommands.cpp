// After approval: `reverie regressions` (versions whose success dropped against their parent)
// and `reverie bisect` (the first version after which success is lower). Both only read;
// the undo they offer is the ledger's own revert or rollback command, a reviewed decision.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/review/Ledger.h"
#include "core/stats/Bisect.h"
#include "core/stats/Regressions.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>

#include <algorithm>

namespace reverie::cli {

namespace {

constexpr const char *kExitCodes =
    "\nExit codes: 0 nothing found; 4 (found) a regression the current playbook still carries;\n"
    "1 an error; 2 a usage error.\n";

QString percent(double v) { return QString::number(v * 100.0, 'f', 0) + QLatin1Char('%'); }

// "80% [71-87%] of 40": the rate, its Wilson 95% interval and how many judged runs it rests on.
QString describe(const stats::Rate &r)
{
    if (r.n == 0)
        return QStringLiteral("no judged runs");
    return QStringLiteral("%1 [%2-%3] of %4").arg(percent(r.value()), percent(r.low).chopped(1), percent(r.high)).arg(r.n);
}

QString pValue(double p) { return QString::number(p, 'g', 3); }

QString orNone(const QString &key) { return key.isEmpty() ? QStringLiteral("(none)") : key; }

QString shellQuoted(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

Json rateJson(const stats::Rate &r)
{
    return Json{{"successes", r.k}, {"runs", r.n}, {"rate", r.n ? Json(r.value()) : Json(nullptr)},
                {"low", r.low}, {"high", r.high}};
}

Json comparisonsJson(const std::vector<stats::RateComparison> &rows, const char *keyName)
{
    Json out = Json::array();
    for (const stats::RateComparison &c : rows)
        out.push_back(Json{{keyName, u8(c.key)}, {"before", rateJson(c.before)}, {"after", rateJson(c.after)}, {"p", c.p}});
    return out;
}

Json stringsJson(const QStringList &list)
{
    Json out = Json::array();
    for (const QString &s : list)
        out.push_back(u8(s));
    return out;
}

QString pastTense(const QString &decision)
{
    if (decision == QLatin1String("approve"))
        return QStringLiteral("approved");
    if (decision == QLatin1String("edit"))
        return QStringLiteral("edited and approved");
    if (decision == QLatin1String("rollback"))
        return QStringLiteral("rolled back");
    if (decision == QLatin1String("revert"))
        return QStringLiteral("reverted");
    return decision;
}

// The decision that produced a version, in a few words: "proposal #7 (add, approved by dana)".
QString describeChange(int version, const stats::VersionChange &c, const stats::VersionOutcomes &o)
{
    const stats::VersionNode *v = o.version(version);
    if (!c.reviewId)
        return QStringLiteral("version %1 (%2, no review)").arg(version).arg(v ? v->change : QString());
    QString text = c.proposalId ? QStringLiteral("proposal #%1 (%2, %3 by %4)").arg(c.proposalId).arg(c.proposalOp, pastTense(c.decision), c.reviewer)
                                : QStringLiteral("%1 by %2").arg(pastTense(c.decision), c.reviewer);
    if (!c.text.isEmpty())
        text += QStringLiteral(": \"%1\"").arg(c.text);
    return text;
}

Json changeJson(int version, const stats::VersionChange &c, const stats::VersionOutcomes &o)
{
    const stats::VersionNode *v = o.version(version);
    return Json{{"version", version},
                {"change", u8(v ? v->change : QString())},
                {"review", c.reviewId ? Json(c.reviewId) : Json(nullptr)},
                {"decision", nullable(c.decision)},
                {"reviewer", nullable(c.reviewer)},
                {"proposal", c.proposalId ? Json(c.proposalId) : Json(nullptr)},
                {"op", nullable(c.proposalOp)},
                {"status", nullable(c.proposalStatus)},
                {"text", nullable(c.text)}};
}

// The exact command that takes the change back out, and whether the ledger would refuse it
// now (a later change touched the same rules). Nothing is decided here.
struct UndoOffer {
    QString kind;       // revert, rollback, none
    QString command;
    QString blocked;    // the ledger's refusal, when it would refuse
    QString note;       // none: why
};

UndoOffer offerUndo(CliContext &ctx, const stats::Undo &undo, bool inCurrent, const QString &reason)
{
    UndoOffer offer;
    const QString workspace = ctx.workspacePath() == store::Workspace::defaultPath()
                                  ? QString()
                                  : QStringLiteral("--workspace %1 ").arg(shellQuoted(ctx.workspacePath()));
    const QString tail = QStringLiteral(" --reviewer NAME --reason %1").arg(shellQuoted(reason));
    Proposal request;
    switch (undo.kind) {
    case stats::Undo::Kind::Revert:
        offer.kind = QStringLiteral("revert");
        offer.command = QStringLiteral("reverie %1revert %2%3").arg(workspace, QString::number(undo.proposal), tail);
        request.op = ProposalOp::Revert;
        request.targetRef = undo.proposal;
        break;
    case stats::Undo::Kind::Rollback:
        offer.kind = QStringLiteral("rollback");
        offer.command = QStringLiteral("reverie %1rollback %2%3").arg(workspace, QString::number(undo.version), tail);
        request.op = ProposalOp::Rollback;
        request.targetRef = undo.version;
        break;
    case stats::Undo::Kind::None:
        offer.kind = QStringLiteral("none");
        offer.note = inCurrent ? QStringLiteral("later versions build on this change: undo it by hand "
                                                "(`reverie history`, `reverie diff`)")
                               : QStringLiteral("already undone: the current playbook no longer carries this change");
        return offer;
    }
    try {
        review::Ledger(ctx.workspace(false)).rulesAfter(request);
    } catch (const review::LedgerRefusal &e) {
        offer.blocked = e.message();
    }
    return offer;
}

Json undoJson(const UndoOffer &u)
{
    return Json{{"kind", u8(u.kind)}, {"command", nullable(u.command)}, {"blocked", nullable(u.blocked)},
                {"note", nullable(u.note)}};
}

void printUndo(QTextStream &out, const UndoOffer &u)
{
    if (!u.command.isEmpty())
        out << "  undo (a reviewed decision; NAME is you): " << u.command << '\n';
    if (!u.blocked.isEmpty())
        out << "  the ledger would refuse it now: " << u.blocked << '\n';
    if (!u.note.isEmpty())
        out << "  undo: " << u.note << '\n';
}

QString regressionReason(const stats::Regression &r)
{
    return QStringLiteral("success fell from %1 under version %2 to %3 under version %4 (one-sided Fisher p = %5)")
        .arg(percent(r.total.before.value()), QString::number(r.parent), percent(r.total.after.value()),
             QString::number(r.version), pValue(r.total.p));
}

void printBreakdown(QTextStream &out, const char *title, const std::vector<stats::RateComparison> &rows)
{
    out << "  by " << title << ":\n";
    for (const stats::RateComparison &c : rows) {
        out << "    " << orNone(c.key).leftJustified(22) << ' ' << describe(c.before).leftJustified(20) << " -> "
            << describe(c.after).leftJustified(20) << " p = " << pValue(c.p) << '\n';
    }
}

} // namespace

int regressionsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Also list every version's comparison with its parent."));
    parser.addOption(all);
    if (!ctx.parse(parser, QStringLiteral("regressions [--all] [--json]"))) {
        ctx.out() << "\nCompares each playbook version's judged runs with its parent's, on the workflows both ran,\n"
                     "and flags a drop whose one-sided Fisher exact p is below " << stats::kSignificance
                  << ". Each flagged version names the\nchange that produced it and the `reverie revert` (or `rollback`) "
                     "command that undoes it.\n" << kExitCodes;
        return 0;
    }
    store::Workspace &ws = ctx.workspace(false);
    const stats::VersionOutcomes outcomes = stats::loadVersionOutcomes(ws);
    const std::vector<stats::Regression> compared = stats::compareWithParents(outcomes);
    bool open = false;
    Json flagged = Json::array();
    Json versions = Json::array();
    QTextStream &out = ctx.out();
    // Every version's own success, and its comparison with its parent where there is one.
    for (const stats::VersionNode &v : outcomes.versions) {
        if (!ctx.json())
            break;
        const auto r = std::find_if(compared.begin(), compared.end(), [&v](const auto &c) { return c.version == v.number; });
        Json against = nullptr;
        if (r != compared.end()) {
            against = Json{{"parent", r->parent}, {"workflows", stringsJson(r->workflows)},
                           {"before", rateJson(r->total.before)}, {"after", rateJson(r->total.after)}, {"p", r->total.p},
                           {"flagged", r->flagged}, {"by_workflow", comparisonsJson(r->byWorkflow, "workflow")},
                           {"by_model", comparisonsJson(r->byModel, "model")}};
        }
        versions.push_back(Json{{"version", v.number}, {"change", u8(v.change)},
                                {"success", rateJson(outcomes.rateOfVersion(v.number))}, {"against_parent", against}});
    }
    for (const stats::Regression &r : compared) {
        if (!ctx.json() && parser.isSet(all)) {
            out << "version " << r.version << " against " << r.parent << ": " << describe(r.total.before) << " -> "
                << describe(r.total.after) << ", p = " << pValue(r.total.p) << (r.flagged ? "  REGRESSED" : "") << '\n';
        }
    }
    if (!ctx.json() && parser.isSet(all) && !compared.empty())
        out << '\n';
    for (const stats::Regression &r : compared) {
        if (!r.flagged)
            continue;
        open = open || r.inCurrent;
        const UndoOffer undo = offerUndo(ctx, r.undo, r.inCurrent, regressionReason(r));
        if (ctx.json()) {
            flagged.push_back(Json{{"version", r.version},
                                   {"parent", r.parent},
                                   {"p", r.total.p},
                                   {"workflows", stringsJson(r.workflows)},
                                   {"before", rateJson(r.total.before)},
                                   {"after", rateJson(r.total.after)},
                                   {"by_workflow", comparisonsJson(r.byWorkflow, "workflow")},
                                   {"by_model", comparisonsJson(r.byModel, "model")},
                                   {"introduced_by", changeJson(r.version, r.change, outcomes)},
                                   {"in_current", r.inCurrent},
                                   {"undo", undoJson(undo)}});
            continue;
        }
        out << "version " << r.version << " regressed: success " << describe(r.total.before) << " under version "
            << r.parent << " -> " << describe(r.total.after) << ", on " << r.workflows.join(QLatin1String(", "))
            << "; one-sided Fisher exact p = " << pValue(r.total.p) << '\n';
        out << "  introduced by " << describeChange(r.version, r.change, outcomes) << '\n';
        printBreakdown(out, "workflow", r.byWorkflow);
        printBreakdown(out, "model", r.byModel);
        printUndo(out, undo);
    }
    if (ctx.json()) {
        printJson(out, Json{{"alpha", stats::kSignificance},
                            {"test", "one-sided Fisher exact, each version against its parent on the workflows both ran"},
                            {"current_version", outcomes.currentNumber()},
                            {"regressions", flagged},
                            {"versions", versions}});
    } else if (std::none_of(compared.begin(), compared.end(), [](const auto &r) { return r.flagged; })) {
        out << "no regressions: no version's success dropped significantly against its parent's "
               "(one-sided Fisher exact, p < " << stats::kSignificance << ", "
            << compared.size() << " version(s) compared)\n";
    }
    return open ? kRegressionFoundExit : 0;
}

int bisectCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    if (!ctx.parse(parser, QStringLiteral("bisect [--json]"))) {
        ctx.out() << "\nSplits the runs at every version k: versions that carry k's change against the rest\n"
                     "(a rollback or a revert takes a change out again), and names the split with the smallest\n"
                     "one-sided Fisher exact p on the workflows both sides ran, when it stays below "
                  << stats::kSignificance << "\nafter a Bonferroni correction for the number of splits tried.\n"
                  << kExitCodes;
        return 0;
    }
    const stats::VersionOutcomes outcomes = stats::loadVersionOutcomes(ctx.workspace(false));
    const stats::BisectResult result = stats::bisect(outcomes);
    const stats::BisectSplit &best = result.best;
    const QString reason = QStringLiteral("bisect: success fell from %1 to %2 after version %3 (adjusted p = %4)")
                               .arg(percent(best.comparison.before.value()), percent(best.comparison.after.value()),
                                    QString::number(best.version), pValue(result.adjustedP));
    UndoOffer undo;
    if (result.found)
        undo = offerUndo(ctx, result.undo, result.inCurrent, reason);
    if (ctx.json()) {
        Json splits = Json::array();
        for (const stats::BisectSplit &s : result.splits)
            splits.push_back(Json{{"version", s.version}, {"workflows", stringsJson(s.workflows)},
                                  {"before", rateJson(s.comparison.before)}, {"after", rateJson(s.comparison.after)},
                                  {"p", s.comparison.p}});
        Json j{{"alpha", stats::kSignificance},
               {"method", "split at each version k (versions carrying k's change vs the rest), smallest one-sided "
                          "Fisher p on shared workflows, Bonferroni-adjusted by the number of splits"},
               {"found", result.found},
               {"version", result.found ? Json(best.version) : Json(nullptr)},
               {"splits", splits}};
        if (result.found) {
            j["p"] = best.comparison.p;
            j["adjusted_p"] = result.adjustedP;
            j["workflows"] = stringsJson(best.workflows);
            j["before"] = rateJson(best.comparison.before);
            j["after"] = rateJson(best.comparison.after);
            j["introduced_by"] = changeJson(best.version, result.change, outcomes);
            j["in_current"] = result.inCurrent;
            j["undo"] = undoJson(undo);
        }
        printJson(ctx.out(), j);
    } else if (result.found) {
        ctx.out() << "first bad version: " << best.version << ": success " << describe(best.comparison.before)
                  << " without its change -> " << describe(best.comparison.after) << " with it, on "
                  << best.workflows.join(QLatin1String(", ")) << "; one-sided Fisher exact p = " << pValue(best.comparison.p)
                  << ", " << pValue(result.adjustedP) << " adjusted for " << result.splits.size()
                  << (result.splits.size() == 1 ? " split\n" : " splits\n");
        ctx.out() << "  introduced by " << describeChange(best.version, result.change, outcomes) << '\n';
        printUndo(ctx.out(), undo);
    } else {
        ctx.out() << "no version after which success is significantly lower (" << result.splits.size()
                  << " split(s) tried";
        if (!result.splits.empty())
            ctx.out() << "; the strongest, at version " << best.version << ", has adjusted p = " << pValue(result.adjustedP);
        ctx.out() << ")\n";
    }
    return result.found && result.inCurrent ? kRegressionFoundExit : 0;
}

} // namespace reverie::cli
