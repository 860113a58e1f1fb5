#include "core/store/OutcomeStats.h"

#include "core/store/Workspace.h"

namespace reverie::store {

namespace {
std::vector<OutcomeRow> grouped(sql::Database &db, const char *sqlText)
{
    sql::Statement st(db, sqlText);
    std::vector<OutcomeRow> out;
    while (st.step()) {
        OutcomeRow r;
        r.key = st.text(0);
        r.runs = int(st.int64(1));
        r.successes = int(st.int64(2));
        r.failures = int(st.int64(3));
        r.unknown = r.runs - r.successes - r.failures;
        out.push_back(r);
    }
    return out;
}
} // namespace

std::vector<OutcomeRow> OutcomeStats::byVersion()
{
    return grouped(m_ws.db(), "SELECT playbook_version, count(*), sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END), sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) "
                              "FROM trajectories GROUP BY playbook_version ORDER BY playbook_version");
}

std::vector<OutcomeRow> OutcomeStats::byModel()
{
    return grouped(m_ws.db(), "SELECT coalesce(model, '(unknown)'), count(*), sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END), sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) "
                              "FROM trajectories GROUP BY coalesce(model, '(unknown)') ORDER BY 1");
}

std::vector<RuleOutcome> OutcomeStats::byRule()
{
    sql::Statement st(m_ws.db(),
                      "WITH latest AS (SELECT max(number) AS n FROM playbook_versions), "
                      "runs AS (SELECT playbook_version AS v, sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END) AS ok, sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) AS bad "
                      "         FROM trajectories GROUP BY playbook_version) "
                      "SELECT r.id, "
                      "  (SELECT text FROM version_rules WHERE rule_id = r.id ORDER BY version DESC LIMIT 1), "
                      "  EXISTS (SELECT 1 FROM version_rules, latest WHERE rule_id = r.id AND version = latest.n), "
                      "  coalesce(sum(runs.ok), 0), coalesce(sum(runs.bad), 0) "
                      "FROM rules r LEFT JOIN version_rules vr ON vr.rule_id = r.id "
                      "LEFT JOIN runs ON runs.v = vr.version "
                      "GROUP BY r.id ORDER BY CAST(substr(r.id, 2) AS INTEGER), r.id");
    std::vector<RuleOutcome> out;
    while (st.step()) {
        RuleOutcome r;
        r.ruleId = st.text(0);
        r.text = st.text(1);
        r.current = st.int64(2) != 0;
        r.helpful = int(st.int64(3));
        r.harmful = int(st.int64(4));
        out.push_back(r);
    }
    return out;
}

} // namespace reverie::store
