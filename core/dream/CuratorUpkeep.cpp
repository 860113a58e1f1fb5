// The curator's housekeeping on the existing playbook: stale rules and the size budget.

#include "core/dream/Curator.h"

#include "core/dream/RuleText.h"
#include "core/playbook/Budget.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace reverie::dream {

namespace {

constexpr int kWholeRunEvidence = 5;

// The pass's focus runs with a verdict in the rule's workflows, newest first.
std::vector<int> recentRunsFor(const FeatureSet &set, const Scope &scope)
{
    std::vector<int> runs;
    for (int i = 0; i < int(set.runs.size()); ++i) {
        const RunFeatures &r = set.runs[std::size_t(i)];
        if (!r.inFocus || r.verdict == Verdict::Unknown)
            continue;
        if (!scope.workflows.isEmpty() && !scope.workflows.contains(set.strings.text(r.workflow)))
            continue;
        runs.push_back(i);
    }
    std::stable_sort(runs.begin(), runs.end(), [&](int a, int b) {
        return set.runs[std::size_t(a)].startedMs > set.runs[std::size_t(b)].startedMs;
    });
    return runs;
}

Evidence evidenceAt(const FeatureSet &set, int idx, qint64 stepId, int seq, const QString &note)
{
    Evidence e;
    e.trajectoryId = set.runs[std::size_t(idx)].id;
    e.trajectoryExternalId = set.externalIds[std::size_t(idx)];
    e.stepId = stepId;
    e.stepSeq = seq;
    e.note = note;
    return e;
}

bool callsAnyOf(const FeatureSet &set, const RunFeatures &r, const QStringList &tools)
{
    for (const CallEvent *c = set.begin(r); c != set.end(r); ++c) {
        if (tools.contains(set.strings.text(c->tool)))
            return true;
    }
    return false;
}

Proposal removal(const Rule &rule, const QString &rationale)
{
    Proposal p;
    p.op = ProposalOp::Remove;
    p.targetRules = {rule.id};
    p.text = rule.text;
    p.scope = rule.scope;
    p.kind = QStringLiteral("stale");
    p.rationale = rationale;
    return p;
}

QString imperativeOf(const QString &text)
{
    const RuleGist g = ruleGist(text);
    QString t = text.simplified();
    if (!g.workflow.isEmpty())
        t = t.mid(t.indexOf(QLatin1Char(',')) + 1).trimmed();
    while (t.endsWith(QLatin1Char('.')))
        t.chop(1);
    return t;
}

} // namespace

std::vector<Proposal> Curator::staleRemovals(const std::vector<Proposal> &pending) const
{
    std::set<QString> targeted;
    for (const Proposal &p : pending) {
        for (const QString &id : p.targetRules)
            targeted.insert(id);
    }
    std::vector<Proposal> out;
    for (const Rule &rule : m_playbook.rules) {
        if (targeted.count(rule.id))
            continue;
        const std::vector<int> runs = recentRunsFor(m_set, rule.scope);
        if (int(runs.size()) < kMinRecentRuns)
            continue;   // too little recent activity in its scope to judge it
        const QString where = rule.scope.workflows.isEmpty() ? QStringLiteral("any workflow")
                                                             : rule.scope.workflows.join(QStringLiteral(", "));
        if (const std::optional<Lesson> lesson = lessonFromText(rule.text, m_set)) {
            int broke = 0, brokeFailed = 0, kept = 0, keptSucceeded = 0;
            std::vector<Evidence> successBreakers;
            for (int idx : runs) {
                const RunFeatures &r = m_set.runs[std::size_t(idx)];
                const Judgement j = judge(*lesson, m_set, r);
                const bool failed = r.verdict == Verdict::Failure;
                if (j.outcome == Judgement::Broke) {
                    ++broke;
                    brokeFailed += failed;
                    if (!failed && int(successBreakers.size()) < kWholeRunEvidence)
                        successBreakers.push_back(evidenceAt(m_set, idx, j.stepId, j.seq,
                                                             QStringLiteral("succeeded although it broke %1").arg(rule.id)));
                } else if (j.outcome == Judgement::Kept) {
                    ++kept;
                    keptSucceeded += !failed;
                }
            }
            const int brokeSucceeded = broke - brokeFailed;
            const int successes = keptSucceeded + brokeSucceeded;
            if (brokeSucceeded >= 2 && brokeSucceeded > brokeFailed && 2 * brokeSucceeded >= successes) {
                Proposal p = removal(rule, QStringLiteral("Contradicted by recent successes: %1 of %2 successful runs "
                                                          "in %3 broke it, and only %4 of the %5 runs that broke it "
                                                          "failed.")
                                               .arg(brokeSucceeded)
                                               .arg(successes)
                                               .arg(where)
                                               .arg(brokeFailed)
                                               .arg(broke));
                p.evidence = std::move(successBreakers);
                p.support = brokeSucceeded;
                p.confidence = std::round(1000.0 * brokeSucceeded / std::max(1, successes)) / 1000.0;
                out.push_back(std::move(p));
                continue;
            }
            if (broke + kept > 0)
                continue;
        } else if (rule.scope.tools.isEmpty()
                   || std::any_of(runs.begin(), runs.end(), [&](int idx) {
                          return callsAnyOf(m_set, m_set.runs[std::size_t(idx)], rule.scope.tools);
                      })) {
            continue;   // free text whose tools are still in use: only a person can judge it
        }
        Proposal p = removal(rule, QStringLiteral("No supporting evidence lately: it applied to none of the %1 recent "
                                                  "runs of %2.")
                                       .arg(runs.size())
                                       .arg(where));
        for (int i = 0; i < int(runs.size()) && i < kWholeRunEvidence; ++i)
            p.evidence.push_back(evidenceAt(m_set, runs[std::size_t(i)], 0, -1,
                                            QStringLiteral("recent run where %1 never applied").arg(rule.id)));
        p.support = int(runs.size());
        p.confidence = std::round(1000.0 * (0.5 + 0.4 * std::min(1.0, runs.size() / 50.0))) / 1000.0;
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Proposal> Curator::budgetMerges(std::vector<Proposal> &pending, CuratorReport &report) const
{
    std::set<QString> targeted;
    for (const Proposal &p : pending) {
        for (const QString &id : p.targetRules)
            targeted.insert(id);
    }
    std::vector<Rule> remaining;
    for (const Rule &r : m_playbook.rules) {
        const bool removed = std::any_of(pending.begin(), pending.end(), [&](const Proposal &p) {
            return p.op == ProposalOp::Remove && p.targetRules.contains(r.id);
        });
        if (!removed)
            remaining.push_back(r);
    }
    int count = int(remaining.size());
    int tokens = playbook::estimateTokens(remaining);
    for (const Proposal &p : pending) {
        if (p.op == ProposalOp::Add) {
            ++count;
            tokens += playbook::estimateTokens(std::vector<Rule>{Rule{QString(), p.text, p.scope, Stakes::Low, QString()}});
        } else if (p.op == ProposalOp::Merge) {
            count -= std::max(0, int(p.targetRules.size()) - 1);
        }
    }
    const auto over = [&] { return count > m_policy.maxRules || tokens > m_policy.maxTokens; };
    std::vector<Proposal> merges;
    if (!over())
        return merges;

    // Merge the rules of the busiest single workflows first.
    std::map<QString, std::vector<const Rule *>> byWorkflow;
    for (const Rule &r : remaining) {
        if (r.scope.workflows.size() == 1 && !targeted.count(r.id))
            byWorkflow[r.scope.workflows.first()].push_back(&r);
    }
    std::vector<std::pair<QString, std::vector<const Rule *>>> groups(byWorkflow.begin(), byWorkflow.end());
    std::stable_sort(groups.begin(), groups.end(), [](const auto &a, const auto &b) { return a.second.size() > b.second.size(); });
    for (const auto &[workflow, rules] : groups) {
        if (!over() || rules.size() < 2)
            break;
        Proposal m;
        m.op = ProposalOp::Merge;
        m.kind = QStringLiteral("merge");
        m.scope.workflows = {workflow};
        QStringList parts;
        std::vector<Rule> before;
        const std::vector<int> runs = recentRunsFor(m_set, m.scope);
        for (const Rule *r : rules) {
            m.targetRules << r->id;
            parts << imperativeOf(r->text);
            before.push_back(*r);
            for (const QString &t : r->scope.tools) {
                if (!m.scope.tools.contains(t))
                    m.scope.tools << t;
            }
            const std::optional<Lesson> lesson = lessonFromText(r->text, m_set);
            int cited = 0;
            for (int idx : runs) {
                if (!lesson || cited >= 2)
                    break;
                const Judgement j = judge(*lesson, m_set, m_set.runs[std::size_t(idx)]);
                if (j.outcome == Judgement::NotApplicable)
                    continue;
                m.evidence.push_back(evidenceAt(m_set, idx, j.stepId, j.seq, QStringLiteral("in scope of %1").arg(r->id)));
                ++cited;
            }
        }
        for (int i = 0; m.evidence.empty() && i < int(runs.size()) && i < 3; ++i)
            m.evidence.push_back(evidenceAt(m_set, runs[std::size_t(i)], 0, -1, QStringLiteral("recent run of %1").arg(workflow)));
        if (m.evidence.empty())
            continue;
        m.text = QStringLiteral("In %1: %2.").arg(workflow, parts.join(QStringLiteral("; ")));
        const int after = playbook::estimateTokens(std::vector<Rule>{Rule{QString(), m.text, m.scope, Stakes::Low, QString()}});
        m.rationale = QStringLiteral("The playbook would hold %1 rules (%2 tokens), over its budget of %3 rules and %4 "
                                     "tokens; these %5 rules of %6 read as one.")
                          .arg(count)
                          .arg(tokens)
                          .arg(m_policy.maxRules)
                          .arg(m_policy.maxTokens)
                          .arg(rules.size())
                          .arg(workflow);
        std::set<qint64> runsCited;
        for (const Evidence &e : m.evidence)
            runsCited.insert(e.trajectoryId);
        m.support = int(runsCited.size());
        m.confidence = 1.0;
        count -= int(rules.size()) - 1;
        tokens += after - playbook::estimateTokens(before);
        ++report.budgetMerges;
        merges.push_back(std::move(m));
    }
    // Still over: leave out the weakest additions.
    while (over()) {
        auto weakest = pending.end();
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            if (it->op != ProposalOp::Add)
                continue;
            if (weakest == pending.end() || it->confidence * it->support < weakest->confidence * weakest->support)
                weakest = it;
        }
        if (weakest == pending.end())
            break;
        --count;
        tokens -= playbook::estimateTokens(std::vector<Rule>{Rule{QString(), weakest->text, weakest->scope, Stakes::Low, QString()}});
        pending.erase(weakest);
        ++report.droppedForBudget;
    }
    return merges;
}

} // namespace reverie::dream
