#include "core/stats/Portability.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"
#include "core/stats/VersionModelOutcomes.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace reverie::stats {

namespace {

struct Counts {
    int withOk = 0, withBad = 0, withoutOk = 0, withoutBad = 0;
    bool bothSides() const { return withOk + withBad > 0 && withoutOk + withoutBad > 0; }
};

ModelEffect effectOf(const QString &model, const std::map<QString, Counts> &byWorkflow, bool scopedToWorkflows)
{
    ModelEffect e;
    e.model = model;
    for (const auto &[workflow, c] : byWorkflow) {
        // Without a workflow scope, a workflow the model ran on one side only would compare
        // different tasks, not the rule: it is left out.
        if (!scopedToWorkflows && !c.bothSides())
            continue;
        e.workflows << workflow;
        e.withSucceeded += c.withOk;
        e.withFailed += c.withBad;
        e.withoutSucceeded += c.withoutOk;
        e.withoutFailed += c.withoutBad;
    }
    e.pHelps = fisherOneSided(e.withSucceeded, e.withFailed, e.withoutSucceeded, e.withoutFailed);
    e.pHurts = fisherOneSided(e.withoutSucceeded, e.withoutFailed, e.withSucceeded, e.withFailed);
    return e;
}

} // namespace

QStringList RulePortability::helped() const
{
    QStringList out;
    for (const ModelEffect &e : models)
        if (e.helps())
            out << e.model;
    return out;
}

QStringList RulePortability::hurt() const
{
    QStringList out;
    for (const ModelEffect &e : models)
        if (e.hurts())
            out << e.model;
    return out;
}

std::vector<RulePortability> comparePortability(const std::vector<RunCount> &runs, const std::vector<RuleVersions> &rules)
{
    std::vector<RulePortability> out;
    for (const RuleVersions &rule : rules) {
        const QSet<int> with(rule.versions.begin(), rule.versions.end());
        // model -> workflow -> counts; ordered, so models and workflows come out by name.
        std::map<QString, std::map<QString, Counts>> table;
        for (const RunCount &r : runs) {
            // A rule scoped to models says nothing about the others: they never followed it.
            if (!rule.scope.models.isEmpty() && !rule.scope.models.contains(r.model))
                continue;
            if (!rule.scope.workflows.isEmpty() && !rule.scope.workflows.contains(r.workflow))
                continue;
            Counts &c = table[r.model][r.workflow];
            if (with.contains(r.version)) {
                c.withOk += r.succeeded;
                c.withBad += r.failed;
            } else {
                c.withoutOk += r.succeeded;
                c.withoutBad += r.failed;
            }
        }
        RulePortability p;
        p.ruleId = rule.ruleId;
        p.text = rule.text;
        p.scope = rule.scope;
        p.current = rule.current;
        for (const auto &[model, byWorkflow] : table) {
            ModelEffect e = effectOf(model, byWorkflow, !rule.scope.workflows.isEmpty());
            if (e.withSucceeded + e.withFailed > 0 && e.withoutSucceeded + e.withoutFailed > 0)
                p.models.push_back(std::move(e));
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<RulePortability> rulePortability(store::Workspace &ws)
{
    std::vector<RunCount> runs;
    {
        sql::Statement st(ws.db(), "SELECT playbook_version, coalesce(model, ?), coalesce(workflow, ''), "
                                   "sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END), sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) FROM trajectories WHERE verdict IN (1, 2) "
                                   "GROUP BY 1, 2, 3");
        st.bind(1, QString::fromLatin1(kUnknownModel));
        while (st.step())
            runs.push_back({int(st.int64(0)), st.text(1), st.text(2), int(st.int64(3)), int(st.int64(4))});
    }
    std::vector<RuleVersions> rules;
    {
        // Oldest version first, so the last row of a rule carries its latest wording and scope.
        sql::Statement st(ws.db(), "SELECT vr.rule_id, vr.version, vr.text, vr.scope, "
                                   "  vr.version = (SELECT max(number) FROM playbook_versions) "
                                   "FROM version_rules vr "
                                   "ORDER BY CAST(substr(vr.rule_id, 2) AS INTEGER), vr.rule_id, vr.version");
        while (st.step()) {
            const QString id = st.text(0);
            if (rules.empty() || rules.back().ruleId != id)
                rules.push_back(RuleVersions{id, {}, {}, false, {}});
            RuleVersions &r = rules.back();
            r.versions.push_back(int(st.int64(1)));
            r.text = st.text(2);
            r.scope = store::hashchain::scopeFromJson(st.bytes(3));
            r.current = st.int64(4) != 0;
        }
    }
    return comparePortability(runs, rules);
}

std::vector<RulePortability> modelSpecificRules(store::Workspace &ws)
{
    std::vector<RulePortability> all = rulePortability(ws);
    all.erase(std::remove_if(all.begin(), all.end(), [](const RulePortability &r) { return !r.modelSpecific(); }),
              all.end());
    return all;
}

} // namespace reverie::stats
