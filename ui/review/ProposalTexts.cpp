#include "ui/review/ProposalTexts.h"

#include <QCoreApplication>

namespace reverie::ui {

QString holdOutLine(const HoldOutRecord &h)
{
    switch (h.result) {
    case HoldOutRecord::Result::None: break;
    case HoldOutRecord::Result::Held:
        return QCoreApplication::translate("reverie::ui::ProposalTexts",
                                           "Hold-out: holds on %1 of %2 newer runs (they broke it and failed, or "
                                           "kept it and succeeded).")
            .arg(h.agreed)
            .arg(h.applicable);
    case HoldOutRecord::Result::NotHeld:
        return QCoreApplication::translate("reverie::ui::ProposalTexts", "Hold-out: did not hold on %n newer run(s).",
                                           nullptr, h.applicable);
    case HoldOutRecord::Result::TooFewRuns:
        if (h.heldOut == 0)
            return QCoreApplication::translate("reverie::ui::ProposalTexts",
                                               "Hold-out: not tested; its workflow has too few runs to hold any out.");
        return QCoreApplication::translate("reverie::ui::ProposalTexts",
                                           "Hold-out: not enough newer runs to test (of %1 held out, %2 broke it "
                                           "and %3 kept it).")
            .arg(h.heldOut)
            .arg(h.broke)
            .arg(h.kept);
    case HoldOutRecord::Result::NotTested:
        return QCoreApplication::translate("reverie::ui::ProposalTexts",
                                           "Hold-out: not tested; the rule has none of the forms Reverie can replay.");
    }
    return QString();
}

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
