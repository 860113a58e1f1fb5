#pragma once

#include "core/review/Policy.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace reverie::review {

// A requested change to the workspace policy, as a delta: it is applied to the policy as it
// stands when the change lands, so two people changing different parts never undo each other.
struct PolicyChange {
    QStringList addWorkflows, removeWorkflows;
    QStringList addTools, removeTools;
    QStringList addTargets, removeTargets;
    std::optional<int> approvals;
    std::optional<bool> autoApply;
    std::optional<StrengthLevel> minStrength;
    std::optional<int> maxRules, maxTokens;
    std::optional<bool> requireSignatures;
    std::optional<QString> allowedSigners;
    std::optional<int> dreamAfterFailures;
    std::optional<QString> dreamDailyAt;

    bool isEmpty() const;
    PolicySettings applyTo(PolicySettings policy) const;

    QByteArray toJson() const;
    // Throws reverie::Error on a payload that is not a policy change.
    static PolicyChange fromJson(const QByteArray &json);
    // The change that turns `from` into `to` (the settings dialog edits whole settings).
    static PolicyChange between(const PolicySettings &from, const PolicySettings &to);
};

// How `to` is weaker than `from`, one phrase each: fewer approvals, a high-stakes scope
// removed, auto-apply turned on, signatures no longer required, other signing keys trusted,
// and a lower minimum evidence strength while auto-apply is on (it lets weaker proposals apply
// themselves; with auto-apply off it changes nothing until auto-apply, itself a loosening, is
// turned on). Empty when nothing protects less.
QStringList loosenings(const PolicySettings &from, const PolicySettings &to);
// What changed, for the review log and for people: "approvals 2 -> 1; deploy_service no
// longer high-stakes".
QString describeChange(const PolicySettings &from, const PolicySettings &to);
// The same as JSON: {"before": {...}, "after": {...}} of the keys that changed.
QByteArray changeDetailJson(const PolicySettings &from, const PolicySettings &to);

} // namespace reverie::review
