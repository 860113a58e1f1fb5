#include "core/review/PolicyAudit.h"

#include "core/review/PolicyChange.h"
#include "core/review/Policy.h"
#include "core/store/Workspace.h"

#include <nlohmann/json.hpp>

#include <map>

namespace reverie::review {

using Json = nlohmann::json;

QStringList auditPolicy(store::Workspace &ws)
{
    // The last value the log recorded for each setting, and the review that recorded it.
    std::map<std::string, std::pair<Json, qint64>> recorded;
    sql::Statement st(ws.db(), "SELECT id, detail FROM reviews WHERE decision = 'policy' ORDER BY id");
    while (st.step()) {
        const std::string text = st.text(1).toStdString();
        const Json detail = Json::parse(text, nullptr, false);
        if (!detail.is_object() || !detail.contains("after") || !detail["after"].is_object())
            continue;
        for (const auto &[key, value] : detail["after"].items())
            recorded[key] = {value, st.int64(0)};
    }
    if (recorded.empty())
        return {};
    // The policy in force, in the same words: the detail of a change from nothing to it.
    const PolicySettings now = Policy(ws).load();
    PolicySettings nothing;
    nothing.highStakesWorkflows = {QStringLiteral("\n")};   // differs from every real value
    nothing.highStakesTools = {QStringLiteral("\n")};
    nothing.publishTargets = {QStringLiteral("\n")};
    nothing.approvalsNeeded = -1;
    nothing.autoApplyLowStakes = !now.autoApplyLowStakes;
    nothing.minStrength = now.minStrength == StrengthLevel::Weak ? StrengthLevel::Strong : StrengthLevel::Weak;
    nothing.maxRules = -1;
    nothing.maxTokens = -1;
    nothing.requireSignatures = !now.requireSignatures;
    nothing.allowedSigners = QStringLiteral("\n");
    nothing.dreamAfterFailures = -1;
    nothing.dreamDailyAt = QStringLiteral("\n");
    const QByteArray currentBytes = changeDetailJson(nothing, now);
    const Json current = Json::parse(currentBytes.begin(), currentBytes.end(), nullptr, false)["after"];

    QStringList problems;
    for (const auto &[key, entry] : recorded) {
        const auto it = current.find(key);
        if (it == current.end() || *it == entry.first)
            continue;
        problems << QStringLiteral("policy: %1 is %2, but the last recorded change (review %3) set it to %4: it was "
                                   "changed outside Reverie")
                        .arg(QString::fromStdString(key), QString::fromStdString(it->dump()))
                        .arg(entry.second)
                        .arg(QString::fromStdString(entry.first.dump()));
    }
    return problems;
}

} // namespace reverie::review
