// Outcome statistics: success per playbook version, per model, per rule, and per version and
// model together, where a rule that helps one model and hurts another is named.

#include "app/cli/CliContext.h"
#include "app/cli/Commands.h"
#include "app/cli/JsonOutput.h"
#include "core/stats/Portability.h"
#include "core/stats/VersionModelOutcomes.h"
#include "core/store/OutcomeStats.h"
#include "core/store/Workspace.h"

#include <QCommandLineParser>
#include <QHash>

namespace reverie::cli {

namespace {

Json listJson(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(u8(s));
    return a;
}

QString percent(double rate) { return QString::number(rate * 100, 'f', 1) + QLatin1Char('%'); }

// "55.0% [34.2-74.2%]": the rate and its Wilson 95% interval; "-" without a verdict.
QString rateText(const stats::Rate &r)
{
    if (r.n == 0)
        return QStringLiteral("-");
    return QStringLiteral("%1 [%2-%3%]").arg(percent(r.value()), QString::number(r.low * 100, 'f', 1),
                                             QString::number(r.high * 100, 'f', 1));
}

Json rateJson(const stats::Rate &r)
{
    return Json{{"successes", r.k},
                {"failures", r.n - r.k},
                {"success_rate", r.n > 0 ? Json(r.value()) : Json(nullptr)},
                {"success_rate_95", Json::array({r.low, r.high})}};
}

Json effectJson(const stats::ModelEffect &e)
{
    return Json{{"model", u8(e.model)},   {"workflows", listJson(e.workflows)},
                {"with", rateJson(e.with())}, {"without", rateJson(e.without())},
                {"p_helps", e.pHelps},    {"p_hurts", e.pHurts},
                {"helps", e.helps()},     {"hurts", e.hurts()}};
}

// The model-specific part of a rule's JSON, added to what each output already says of it.
void addPortability(Json &j, const stats::RulePortability &p)
{
    j["model_specific"] = p.modelSpecific();
    j["helps_models"] = listJson(p.helped());
    j["hurts_models"] = listJson(p.hurt());
    j["scope_models"] = listJson(p.scope.models);
    Json models = Json::array();
    for (const stats::ModelEffect &e : p.models)
        models.push_back(effectJson(e));
    j["by_model"] = std::move(models);
}

// "helps gpt-4o (20.0% -> 80.0%, p = 0.0115), hurts claude (80.0% -> 20.0%, p = 0.0115)"
QString effectsText(const stats::RulePortability &p)
{
    QStringList parts;
    for (const stats::ModelEffect &e : p.models) {
        if (!e.helps() && !e.hurts())
            continue;
        parts << QStringLiteral("%1 %2 (%3 -> %4, p = %5)")
                     .arg(e.helps() ? QStringLiteral("helps") : QStringLiteral("hurts"), e.model,
                          percent(e.without().value()), percent(e.with().value()),
                          QString::number(e.helps() ? e.pHelps : e.pHurts, 'g', 3));
    }
    return parts.join(QLatin1String(", "));
}

int byRule(CliContext &ctx, store::Workspace &ws)
{
    QHash<QString, stats::RulePortability> portability;
    for (stats::RulePortability &p : stats::rulePortability(ws))
        portability.insert(p.ruleId, std::move(p));
    Json list = Json::array();
    for (const auto &r : store::OutcomeStats(ws).byRule()) {
        const stats::RulePortability p = portability.value(r.ruleId);
        if (ctx.json()) {
            Json j{{"rule", u8(r.ruleId)}, {"text", u8(r.text)}, {"current", r.current},
                   {"helpful", r.helpful}, {"harmful", r.harmful}};
            addPortability(j, p);
            list.push_back(std::move(j));
            continue;
        }
        ctx.out() << r.ruleId << '\t' << (r.current ? "current" : "retired") << "\thelpful " << r.helpful
                  << "\tharmful " << r.harmful << '\t' << r.text << '\n';
        if (p.modelSpecific())
            ctx.out() << "\tmodel-specific: " << effectsText(p) << '\n';
    }
    if (ctx.json())
        printJson(ctx.out(), list);
    return 0;
}

int byVersionAndModel(CliContext &ctx, store::Workspace &ws)
{
    const auto cells = stats::versionModelOutcomes(ws);
    const auto flagged = stats::modelSpecificRules(ws);
    if (ctx.json()) {
        Json list = Json::array();
        for (const stats::VersionModelCell &c : cells) {
            Json j{{"version", c.version}, {"model", u8(c.model)}, {"runs", c.runs}, {"unknown", c.unknown()}};
            j.update(rateJson(c.rate()));
            list.push_back(std::move(j));
        }
        Json rules = Json::array();
        for (const stats::RulePortability &p : flagged) {
            Json j{{"rule", u8(p.ruleId)}, {"text", u8(p.text)}, {"current", p.current}};
            addPortability(j, p);
            rules.push_back(std::move(j));
        }
        printJson(ctx.out(), Json{{"cells", list}, {"model_specific_rules", rules}});
        return 0;
    }
    for (const stats::VersionModelCell &c : cells) {
        ctx.out() << "version " << c.version << '\t' << c.model << '\t' << c.runs << " runs\t" << c.successes
                  << " ok\t" << c.failures << " failed\t" << rateText(c.rate()) << '\n';
    }
    if (flagged.empty()) {
        ctx.out() << "\nno rule helps one model and hurts another\n";
        return 0;
    }
    ctx.out() << "\nmodel-specific rules (one-sided Fisher exact p < " << stats::kPortabilityAlpha
              << " each way; consider scoping them to the models they help):\n";
    for (const stats::RulePortability &p : flagged)
        ctx.out() << p.ruleId << '\t' << effectsText(p) << '\t' << p.text << '\n';
    return 0;
}

} // namespace

int statsCommand(CliContext &ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("version (default), model, rule or version,model."),
                                QStringLiteral("WHAT"), QStringLiteral("version"));
    parser.addOption(by);
    if (!ctx.parse(parser, QStringLiteral("stats --by version|model|rule|version,model [--json]")))
        return 0;
    store::Workspace &ws = ctx.workspace(false);
    QStringList keys = parser.value(by).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &k : keys)
        k = k.trimmed();
    keys.sort();
    const QString what = keys.join(QLatin1Char(','));
    if (what == QLatin1String("model,version"))
        return byVersionAndModel(ctx, ws);
    if (what == QLatin1String("rule"))
        return byRule(ctx, ws);
    if (what != QLatin1String("version") && what != QLatin1String("model"))
        throw CliError(QStringLiteral("--by takes version, model, rule or version,model"), 2);
    store::OutcomeStats stats(ws);
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
