#include "ui/review/ProposalTexts.h"

namespace reverie::ui {

QString currentRuleText(const std::vector<Rule> &rules, const QString &id)
{
    for (const Rule &r : rules) {
        if (r.id == id)
            return r.text;
    }
    return QString();
}

ProposalTexts proposalTexts(const Proposal &p, const std::vector<Rule> &currentRules, const QString &replacementText)
{
    ProposalTexts t;
    QStringList targets;
    for (const QString &id : p.targetRules) {
        const QString text = currentRuleText(currentRules, id);
        if (text.isNull())
            t.missingTargets << id;
        else
            targets << text;
    }
    const QString proposed = replacementText.isNull() ? p.text : replacementText;
    switch (p.op) {
    case ProposalOp::Add:
        t.after = proposed;
        break;
    case ProposalOp::Edit:
        t.before = targets.value(0);
        t.after = proposed;
        break;
    case ProposalOp::Remove:
        t.before = targets.join(QLatin1Char('\n'));
        break;
    case ProposalOp::Merge:
        t.before = targets.join(QLatin1Char('\n'));
        t.after = proposed;
        break;
    case ProposalOp::Rollback:
    case ProposalOp::Revert:
    case ProposalOp::Policy:
        t.after = p.text;   // a request: what it restores or changes, in words
        break;
    }
    return t;
}

} // namespace reverie::ui
