#pragma once

#include <QString>

#include <vector>

namespace reverie::store {

class Workspace;

// How runs fared, grouped by the playbook version they ran under or by model: did a rule
// help, and does the playbook travel between models?
struct OutcomeRow {
    QString key;                 // version number ("0" = no playbook) or model name
    int runs = 0;
    int successes = 0;
    int failures = 0;
    int unknown = 0;
    double successRate() const   // over runs with a verdict; -1 when none has one
    {
        const int judged = successes + failures;
        return judged > 0 ? double(successes) / judged : -1.0;
    }
};

// Outcomes of the runs that ran under a rule (a version that contained it): successes count
// as helpful evidence, failures as harmful.
struct RuleOutcome {
    QString ruleId;
    QString text;
    bool current = false;        // still in the latest version
    int helpful = 0;
    int harmful = 0;
};

class OutcomeStats {
public:
    explicit OutcomeStats(Workspace &ws) : m_ws(ws) {}
    std::vector<OutcomeRow> byVersion();
    std::vector<OutcomeRow> byModel();
    std::vector<RuleOutcome> byRule();

private:
    Workspace &m_ws;
};

} // namespace reverie::store
