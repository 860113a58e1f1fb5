#include "core/review/PolicyChange.h"

#include "core/model/Error.h"

#include <nlohmann/json.hpp>

namespace reverie::review {

using Json = nlohmann::json;

namespace {

Json listJson(const QStringList &list)
{
    Json a = Json::array();
    for (const QString &s : list)
        a.push_back(s.toStdString());
    return a;
}

QStringList listFrom(const Json &j, const char *key)
{
    QStringList out;
    const auto it = j.find(key);
    if (it == j.end())
        return out;
    if (!it->is_array())
        throw reverie::Error(QStringLiteral("policy change: \"%1\" is not a list").arg(QLatin1String(key)));
    for (const Json &v : *it) {
        if (!v.is_string())
            throw reverie::Error(QStringLiteral("policy change: \"%1\" holds a non-string").arg(QLatin1String(key)));
        out << QString::fromStdString(v.get<std::string>());
    }
    return out;
}

void addAll(QStringList &list, const QStringList &values)
{
    for (const QString &v : values) {
        const QString t = v.trimmed();
        if (!t.isEmpty() && !list.contains(t))
            list << t;
    }
}

void removeAll(QStringList &list, const QStringList &values)
{
    for (const QString &v : values)
        list.removeAll(v.trimmed());
}

QStringList missingFrom(const QStringList &from, const QStringList &to)
{
    QStringList out;
    for (const QString &s : from) {
        if (!to.contains(s))
            out << s;
    }
    return out;
}

QString yesNo(bool b) { return b ? QStringLiteral("on") : QStringLiteral("off"); }

} // namespace

bool PolicyChange::isEmpty() const
{
    return addWorkflows.isEmpty() && removeWorkflows.isEmpty() && addTools.isEmpty() && removeTools.isEmpty()
        && addTargets.isEmpty() && removeTargets.isEmpty() && !approvals && !autoApply && !minStrength && !maxRules
        && !maxTokens
        && !requireSignatures && !allowedSigners && !dreamAfterFailures && !dreamDailyAt;
}

PolicySettings PolicyChange::applyTo(PolicySettings s) const
{
    addAll(s.highStakesWorkflows, addWorkflows);
    removeAll(s.highStakesWorkflows, removeWorkflows);
    addAll(s.highStakesTools, addTools);
    removeAll(s.highStakesTools, removeTools);
    addAll(s.publishTargets, addTargets);
    removeAll(s.publishTargets, removeTargets);
    if (approvals)
        s.approvalsNeeded = qMax(1, *approvals);
    if (autoApply)
        s.autoApplyLowStakes = *autoApply;
    if (minStrength)
        s.minStrength = *minStrength;
    if (maxRules)
        s.maxRules = qMax(1, *maxRules);
    if (maxTokens)
        s.maxTokens = qMax(1, *maxTokens);
    if (requireSignatures)
        s.requireSignatures = *requireSignatures;
    if (allowedSigners)
        s.allowedSigners = *allowedSigners;
    if (dreamAfterFailures)
        s.dreamAfterFailures = qMax(0, *dreamAfterFailures);
    if (dreamDailyAt)
        s.dreamDailyAt = *dreamDailyAt;
    return s;
}

QByteArray PolicyChange::toJson() const
{
    Json j = Json::object();
    const auto list = [&](const char *key, const QStringList &l) {
        if (!l.isEmpty())
            j[key] = listJson(l);
    };
    list("add_workflows", addWorkflows);
    list("remove_workflows", removeWorkflows);
    list("add_tools", addTools);
    list("remove_tools", removeTools);
    list("add_targets", addTargets);
    list("remove_targets", removeTargets);
    if (approvals)
        j["approvals"] = *approvals;
    if (autoApply)
        j["auto_apply"] = *autoApply;
    if (minStrength)
        j["min_strength"] = strengthLevelName(*minStrength).toStdString();
    if (maxRules)
        j["max_rules"] = *maxRules;
    if (maxTokens)
        j["max_tokens"] = *maxTokens;
    if (requireSignatures)
        j["require_signatures"] = *requireSignatures;
    if (allowedSigners)
        j["allowed_signers"] = allowedSigners->toStdString();
    if (dreamAfterFailures)
        j["dream_after_failures"] = *dreamAfterFailures;
    if (dreamDailyAt)
        j["dream_daily_at"] = dreamDailyAt->toStdString();
    return QByteArray::fromStdString(j.dump());
}

PolicyChange PolicyChange::fromJson(const QByteArray &text)
{
    const Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object())
        throw reverie::Error(QStringLiteral("policy change: not a JSON object"));
    PolicyChange c;
    c.addWorkflows = listFrom(j, "add_workflows");
    c.removeWorkflows = listFrom(j, "remove_workflows");
    c.addTools = listFrom(j, "add_tools");
    c.removeTools = listFrom(j, "remove_tools");
    c.addTargets = listFrom(j, "add_targets");
    c.removeTargets = listFrom(j, "remove_targets");
    const auto number = [&](const char *key, std::optional<int> &out) {
        if (const auto it = j.find(key); it != j.end() && it->is_number_integer())
            out = int(it->get<qint64>());
    };
    const auto flag = [&](const char *key, std::optional<bool> &out) {
        if (const auto it = j.find(key); it != j.end() && it->is_boolean())
            out = it->get<bool>();
    };
    number("approvals", c.approvals);
    flag("auto_apply", c.autoApply);
    if (const auto it = j.find("min_strength"); it != j.end() && it->is_string()) {
        c.minStrength = strengthLevelFromName(QString::fromStdString(it->get<std::string>()));
        if (!c.minStrength)
            throw reverie::Error(QStringLiteral("policy change: \"min_strength\" is not strong, moderate or weak"));
    }
    number("max_rules", c.maxRules);
    number("max_tokens", c.maxTokens);
    flag("require_signatures", c.requireSignatures);
    if (const auto it = j.find("allowed_signers"); it != j.end() && it->is_string())
        c.allowedSigners = QString::fromStdString(it->get<std::string>());
    number("dream_after_failures", c.dreamAfterFailures);
    if (const auto it = j.find("dream_daily_at"); it != j.end() && it->is_string())
        c.dreamDailyAt = QString::fromStdString(it->get<std::string>());
    return c;
}

PolicyChange PolicyChange::between(const PolicySettings &from, const PolicySettings &to)
{
    PolicyChange c;
    c.addWorkflows = missingFrom(to.highStakesWorkflows, from.highStakesWorkflows);
    c.removeWorkflows = missingFrom(from.highStakesWorkflows, to.highStakesWorkflows);
    c.addTools = missingFrom(to.highStakesTools, from.highStakesTools);
    c.removeTools = missingFrom(from.highStakesTools, to.highStakesTools);
    c.addTargets = missingFrom(to.publishTargets, from.publishTargets);
    c.removeTargets = missingFrom(from.publishTargets, to.publishTargets);
    if (from.approvalsNeeded != to.approvalsNeeded)
        c.approvals = to.approvalsNeeded;
    if (from.autoApplyLowStakes != to.autoApplyLowStakes)
        c.autoApply = to.autoApplyLowStakes;
    if (from.minStrength != to.minStrength)
        c.minStrength = to.minStrength;
    if (from.maxRules != to.maxRules)
        c.maxRules = to.maxRules;
    if (from.maxTokens != to.maxTokens)
        c.maxTokens = to.maxTokens;
    if (from.requireSignatures != to.requireSignatures)
        c.requireSignatures = to.requireSignatures;
    if (from.allowedSigners != to.allowedSigners)
        c.allowedSigners = to.allowedSigners;
    if (from.dreamAfterFailures != to.dreamAfterFailures)
        c.dreamAfterFailures = to.dreamAfterFailures;
    if (from.dreamDailyAt != to.dreamDailyAt)
        c.dreamDailyAt = to.dreamDailyAt;
    return c;
}

QStringList loosenings(const PolicySettings &from, const PolicySettings &to)
{
    QStringList out;
    if (to.approvalsNeeded < from.approvalsNeeded)
        out << QStringLiteral("fewer approvals (%1 -> %2)").arg(from.approvalsNeeded).arg(to.approvalsNeeded);
    for (const QString &w : missingFrom(from.highStakesWorkflows, to.highStakesWorkflows))
        out << QStringLiteral("workflow %1 no longer high-stakes").arg(w);
    for (const QString &t : missingFrom(from.highStakesTools, to.highStakesTools))
        out << QStringLiteral("tool %1 no longer high-stakes").arg(t);
    if (to.autoApplyLowStakes && !from.autoApplyLowStakes)
        out << QStringLiteral("auto-apply turned on");
    if (to.autoApplyLowStakes && !meetsStrength(to.minStrength, from.minStrength))   // weaker than before
        out << QStringLiteral("auto-apply accepts weaker evidence (%1 -> %2)")
                   .arg(strengthLevelName(from.minStrength), strengthLevelName(to.minStrength));
    if (from.requireSignatures && !to.requireSignatures)
        out << QStringLiteral("signatures no longer required");
    if (from.requireSignatures && from.allowedSigners != to.allowedSigners)
        out << QStringLiteral("other signing keys trusted");
    return out;
}

QString describeChange(const PolicySettings &from, const PolicySettings &to)
{
    QStringList parts;
    const auto lists = [&](const QStringList &a, const QStringList &b, const QString &added, const QString &removed) {
        for (const QString &s : missingFrom(b, a))
            parts << added.arg(s);
        for (const QString &s : missingFrom(a, b))
            parts << removed.arg(s);
    };
    lists(from.highStakesWorkflows, to.highStakesWorkflows, QStringLiteral("workflow %1 high-stakes"),
          QStringLiteral("workflow %1 no longer high-stakes"));
    lists(from.highStakesTools, to.highStakesTools, QStringLiteral("tool %1 high-stakes"),
          QStringLiteral("tool %1 no longer high-stakes"));
    if (from.approvalsNeeded != to.approvalsNeeded)
        parts << QStringLiteral("approvals %1 -> %2").arg(from.approvalsNeeded).arg(to.approvalsNeeded);
    lists(from.publishTargets, to.publishTargets, QStringLiteral("publish to %1"), QStringLiteral("stop publishing to %1"));
    if (from.autoApplyLowStakes != to.autoApplyLowStakes)
        parts << QStringLiteral("auto-apply %1").arg(yesNo(to.autoApplyLowStakes));
    if (from.minStrength != to.minStrength)
        parts << QStringLiteral("auto-apply needs %1 evidence (was %2)")
                     .arg(strengthLevelName(to.minStrength), strengthLevelName(from.minStrength));
    if (from.maxRules != to.maxRules)
        parts << QStringLiteral("rule budget %1 -> %2").arg(from.maxRules).arg(to.maxRules);
    if (from.maxTokens != to.maxTokens)
        parts << QStringLiteral("token budget %1 -> %2").arg(from.maxTokens).arg(to.maxTokens);
    if (from.requireSignatures != to.requireSignatures)
        parts << QStringLiteral("signatures required %1").arg(yesNo(to.requireSignatures));
    if (from.allowedSigners != to.allowedSigners)
        parts << QStringLiteral("allowed signers changed");
    if (from.dreamAfterFailures != to.dreamAfterFailures)
        parts << QStringLiteral("dream after %1 new failed run(s)").arg(to.dreamAfterFailures);
    if (from.dreamDailyAt != to.dreamDailyAt)
        parts << (to.dreamDailyAt.isEmpty() ? QStringLiteral("no daily dream")
                                            : QStringLiteral("dream daily at %1").arg(to.dreamDailyAt));
    return parts.join(QLatin1String("; "));
}

QByteArray changeDetailJson(const PolicySettings &from, const PolicySettings &to)
{
    Json before = Json::object(), after = Json::object();
    const auto list = [&](const char *key, const QStringList &a, const QStringList &b) {
        if (a != b) {
            before[key] = listJson(a);
            after[key] = listJson(b);
        }
    };
    const auto value = [&](const char *key, auto a, auto b) {
        if (a != b) {
            before[key] = a;
            after[key] = b;
        }
    };
    list("high_stakes_workflows", from.highStakesWorkflows, to.highStakesWorkflows);
    list("high_stakes_tools", from.highStakesTools, to.highStakesTools);
    value("approvals_needed", from.approvalsNeeded, to.approvalsNeeded);
    list("publish_targets", from.publishTargets, to.publishTargets);
    value("auto_apply_low_stakes", from.autoApplyLowStakes, to.autoApplyLowStakes);
    value("min_strength", strengthLevelName(from.minStrength).toStdString(),
          strengthLevelName(to.minStrength).toStdString());
    value("max_rules", from.maxRules, to.maxRules);
    value("max_tokens", from.maxTokens, to.maxTokens);
    value("require_signatures", from.requireSignatures, to.requireSignatures);
    value("allowed_signers", from.allowedSigners.toStdString(), to.allowedSigners.toStdString());
    value("dream_after_failures", from.dreamAfterFailures, to.dreamAfterFailures);
    value("dream_daily_at", from.dreamDailyAt.toStdString(), to.dreamDailyAt.toStdString());
    return QByteArray::fromStdString(Json{{"before", before}, {"after", after}}.dump());
}

} // namespace reverie::review
