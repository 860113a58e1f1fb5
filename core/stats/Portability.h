#pragma once

#include "core/model/Playbook.h"
#include "core/stats/Statistics.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::stats {

// Below this one-sided Fisher p-value a rule "helps" or "hurts" a model.
inline constexpr double kPortabilityAlpha = 0.05;

// One model's runs under versions with a rule against its runs under versions without it,
// on the same workflows: the rule's workflows, or else those the model ran on both sides.
struct ModelEffect {
    QString model;
    QStringList workflows;       // the workflows compared ("" = runs without a workflow)
    int withSucceeded = 0, withFailed = 0;
    int withoutSucceeded = 0, withoutFailed = 0;
    double pHelps = 1.0;         // one-sided Fisher: it succeeds more often with the rule
    double pHurts = 1.0;         // ... less often
    Rate with() const { return rateOf(withSucceeded, withSucceeded + withFailed); }
    Rate without() const { return rateOf(withoutSucceeded, withoutSucceeded + withoutFailed); }
    bool helps() const { return pHelps < kPortabilityAlpha; }
    bool hurts() const { return pHurts < kPortabilityAlpha; }
};

// A rule's effect, model by model. Model-specific when it significantly helps one model and
// significantly hurts another: a candidate for scoping to the models it helps.
struct RulePortability {
    QString ruleId;
    QString text;                // its latest wording
    Scope scope;                 // its latest scope
    bool current = false;        // in the latest version
    std::vector<ModelEffect> models;   // models with judged runs on both sides, by name
    QStringList helped() const;
    QStringList hurt() const;
    bool modelSpecific() const { return !helped().isEmpty() && !hurt().isEmpty(); }
};

// The inputs, so that the comparison can be checked without a workspace.
struct RunCount {
    int version = 0;
    QString model;
    QString workflow;
    int succeeded = 0;
    int failed = 0;
};
struct RuleVersions {
    QString ruleId;
    QString text;
    Scope scope;
    bool current = false;
    std::vector<int> versions;   // the versions that hold the rule
};
std::vector<RulePortability> comparePortability(const std::vector<RunCount> &runs,
                                                const std::vector<RuleVersions> &rules);

// Every rule of the workspace, in rule order (R1, R2, ... R10).
std::vector<RulePortability> rulePortability(store::Workspace &ws);
// Only the model-specific ones.
std::vector<RulePortability> modelSpecificRules(store::Workspace &ws);

} // namespace reverie::stats
