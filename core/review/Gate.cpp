#include "core/review/Gate.h"

#include "core/store/HashChain.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>

namespace reverie::review {

using Json = nlohmann::json;

namespace {

const Rule *byId(const std::vector<Rule> &rules, const QString &id)
{
    for (const Rule &r : rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

} // namespace

bool isHighStakes(const Rule &rule, const PolicySettings &policy)
{
    return rule.stakes == Stakes::High || policy.stakesFor(rule.scope) == Stakes::High;
}

QStringList highStakesReasons(const std::vector<Rule> &before, const std::vector<Rule> &after,
                              const PolicySettings &policy)
{
    QStringList reasons;
    for (const Rule &old : before) {
        const Rule *now = byId(after, old.id);
        if (now && now->text == old.text && now->scope == old.scope && now->stakes == old.stakes)
            continue;   // untouched
        if (isHighStakes(old, policy)) {
            reasons << QStringLiteral("rule %1 is high-stakes").arg(old.id);
        } else if (now && isHighStakes(*now, policy)) {
            reasons << QStringLiteral("rule %1 becomes high-stakes").arg(old.id);
        } else if (now && !(now->scope == old.scope)) {
            reasons << QStringLiteral("it changes the scope of rule %1").arg(old.id);
        } else if (now && now->stakes != old.stakes) {
            reasons << QStringLiteral("it changes the stakes of rule %1").arg(old.id);
        }
    }
    for (const Rule &r : after) {
        if (!byId(before, r.id) && isHighStakes(r, policy))
            reasons << QStringLiteral("rule %1 is high-stakes").arg(r.id);
    }
    return reasons;
}

QString subjectHash(const Proposal &p, const QString &text, Stakes stakes)
{
    Json targets = Json::array();
    for (const QString &t : p.targetRules)
        targets.push_back(t.toStdString());
    const Json subject{{"op", proposalOpName(p.op).toStdString()},
                       {"targets", targets},
                       {"text", text.toStdString()},
                       {"scope", store::hashchain::scopeToJson(p.scope).toStdString()},
                       {"stakes", stakesName(stakes).toStdString()},
                       {"ref", p.targetRef},
                       {"payload", p.payload.toStdString()}};
    const std::string bytes = subject.dump();
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256)
            .toHex());
}

} // namespace reverie::review
