#include "core/stats/VersionOutcomes.h"

#include "core/store/HashChain.h"
#include "core/store/Workspace.h"

#include <QSet>

#include <algorithm>

namespace reverie::stats {

namespace {

std::vector<VersionNode> readVersions(sql::Database &db)
{
    sql::Statement st(db, "SELECT number, coalesce(parent, 0), change, coalesce(proposal_id, 0), created_at "
                          "FROM playbook_versions ORDER BY number");
    std::vector<VersionNode> out;
    while (st.step()) {
        VersionNode v;
        v.number = int(st.int64(0));
        v.parent = int(st.int64(1));
        v.change = st.text(2);
        v.proposalId = st.int64(3);
        v.createdMs = st.int64(4);
        out.push_back(v);
    }
    return out;
}

// Each version's rules as one string, to find the version a rollback restored: a rollback
// copies its target's rules exactly (ids, wording, scope, stakes), and the ledger records the
// target only in prose. Scopes are compared as read, not as stored JSON text.
QHash<int, QString> ruleSignatures(sql::Database &db)
{
    sql::Statement st(db, "SELECT version, rule_id, text, scope, stakes FROM version_rules ORDER BY version, position");
    QHash<int, QString> out;
    const QChar unit(0x1f), record(0x1e);
    while (st.step()) {
        const Scope scope = store::hashchain::scopeFromJson(st.bytes(3));
        QString &sig = out[int(st.int64(0))];
        sig += st.text(1) + unit + st.text(2) + unit + scope.workflows.join(unit) + unit + scope.tools.join(unit) + unit
             + QString::number(st.int64(4)) + record;
    }
    return out;
}

void readProducingReviews(sql::Database &db, QHash<int, VersionChange> &out)
{
    // Only the deciding review names the version it produced; earlier approvals of a gated
    // change name none. The latest wins should a version ever have two.
    sql::Statement st(db, "SELECT r.produced_version, r.id, r.decision, r.reviewer, coalesce(r.proposal_id, 0), "
                          "       p.op, p.status, coalesce(nullif(r.edited_text, ''), p.text) "
                          "FROM reviews r LEFT JOIN proposals p ON p.id = r.proposal_id "
                          "WHERE r.produced_version IS NOT NULL ORDER BY r.id");
    while (st.step()) {
        VersionChange c;
        c.reviewId = st.int64(1);
        c.decision = st.text(2);
        c.reviewer = st.text(3);
        c.proposalId = st.int64(4);
        c.proposalOp = st.text(5);
        c.proposalStatus = st.text(6);
        c.text = st.text(7);
        out.insert(int(st.int64(0)), c);
    }
}

std::vector<OutcomeCell> readCells(sql::Database &db)
{
    sql::Statement st(db, "SELECT playbook_version, coalesce(workflow, ''), coalesce(model, ''), "
                          "       sum(CASE WHEN verdict = 1 THEN 1 ELSE 0 END), sum(CASE WHEN verdict = 2 THEN 1 ELSE 0 END) "
                          "FROM trajectories "
                          "WHERE verdict IN (1, 2) AND playbook_version IN (SELECT number FROM playbook_versions) "
                          "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    std::vector<OutcomeCell> out;
    while (st.step()) {
        OutcomeCell c;
        c.version = int(st.int64(0));
        c.workflow = st.text(1);
        c.model = st.text(2);
        c.successes = int(st.int64(3));
        c.failures = int(st.int64(4));
        out.push_back(c);
    }
    return out;
}

QSet<QString> workflowsOf(const std::vector<OutcomeCell> &cells, const std::function<bool(int)> &group)
{
    QSet<QString> out;
    for (const OutcomeCell &c : cells) {
        if (group(c.version))
            out.insert(c.workflow);
    }
    return out;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList out(set.begin(), set.end());
    out.sort();
    return out;
}

} // namespace

const VersionNode *VersionOutcomes::version(int number) const
{
    const auto it = std::lower_bound(versions.begin(), versions.end(), number,
                                     [](const VersionNode &v, int n) { return v.number < n; });
    return it != versions.end() && it->number == number ? &*it : nullptr;
}

Rate VersionOutcomes::rate(const std::function<bool(int)> &inGroup, const QStringList &workflows,
                           const QString *model) const
{
    const QSet<QString> wanted(workflows.begin(), workflows.end());
    int k = 0, n = 0;
    for (const OutcomeCell &c : cells) {
        if (!inGroup(c.version) || (model && c.model != *model))
            continue;
        if (!wanted.isEmpty() && !wanted.contains(c.workflow))
            continue;
        k += c.successes;
        n += c.successes + c.failures;
    }
    return rateOf(k, n);
}

QStringList VersionOutcomes::sharedWorkflows(const std::function<bool(int)> &groupA,
                                             const std::function<bool(int)> &groupB) const
{
    return sorted(workflowsOf(cells, groupA).intersect(workflowsOf(cells, groupB)));
}

QStringList VersionOutcomes::modelsOn(const QStringList &workflows, const std::function<bool(int)> &groupA,
                                      const std::function<bool(int)> &groupB) const
{
    QSet<QString> out;
    for (const OutcomeCell &c : cells) {
        if ((groupA(c.version) || groupB(c.version)) && workflows.contains(c.workflow))
            out.insert(c.model);
    }
    return sorted(out);
}

VersionOutcomes loadVersionOutcomes(store::Workspace &ws)
{
    VersionOutcomes o;
    o.versions = readVersions(ws.db());
    QHash<int, VersionChange> producedBy;
    readProducingReviews(ws.db(), producedBy);
    const QHash<int, QString> signatures = ruleSignatures(ws.db());
    for (std::size_t i = 0; i < o.versions.size(); ++i) {
        VersionNode &v = o.versions[i];
        v.producedBy = producedBy.value(v.number);
        if (v.change == QLatin1String("rollback")) {
            const QString mine = signatures.value(v.number);
            for (std::size_t j = i; j-- > 0;) {
                if (signatures.value(o.versions[j].number) == mine) {
                    v.restores = o.versions[j].number;
                    break;
                }
            }
        } else if (v.change == QLatin1String("revert") && v.proposalId) {
            for (std::size_t j = i; j-- > 0;) {
                const VersionNode &u = o.versions[j];
                if (u.proposalId == v.proposalId
                    && (u.change == QLatin1String("approve") || u.change == QLatin1String("edit"))) {
                    v.undoes = u.number;
                    break;
                }
            }
        }
    }
    o.cells = readCells(ws.db());
    return o;
}

} // namespace reverie::stats
