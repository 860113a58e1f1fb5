#include "ui/history/RegressionTexts.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace reverie::ui {

namespace {

// The translation context of these texts (lupdate reads Class::tr()).
class RegressionTexts {
    Q_DECLARE_TR_FUNCTIONS(RegressionTexts)
};

QString percent(double v) { return RegressionTexts::tr("%1%").arg(QLocale().toString(v * 100.0, 'f', 0)); }
QString pValue(double p) { return QLocale().toString(p, 'g', 3); }

QString introducedBy(const stats::Regression &r)
{
    const stats::VersionChange &c = r.change;
    if (c.decision == QLatin1String("approve") || c.decision == QLatin1String("edit")) {
        QString line = c.decision == QLatin1String("edit")
                           ? RegressionTexts::tr("Introduced by proposal #%1 (%2), edited and approved by %3.")
                           : RegressionTexts::tr("Introduced by proposal #%1 (%2), approved by %3.");
        line = line.arg(QString::number(c.proposalId), c.proposalOp, c.reviewer);
        if (!c.text.isEmpty())
            line += QLatin1Char(' ') + RegressionTexts::tr("The rule: “%1”").arg(c.text);
        return line;
    }
    if (c.decision == QLatin1String("rollback"))
        return RegressionTexts::tr("Introduced by a rollback by %1.").arg(c.reviewer);
    if (c.decision == QLatin1String("revert"))
        return RegressionTexts::tr("Introduced by a revert by %1.").arg(c.reviewer);
    return RegressionTexts::tr("Introduced by a change without a review.");
}

QString breakdownLine(const stats::RateComparison &c)
{
    const QString key = c.key.isEmpty() ? RegressionTexts::tr("(none)") : c.key;
    return RegressionTexts::tr("  %1: %2 → %3 (p = %4)")
        .arg(key, successText(c.before), successText(c.after), pValue(c.p));
}

} // namespace

QString successText(const stats::Rate &r)
{
    if (r.n == 0)
        return RegressionTexts::tr("no judged runs");
    // "80% (68–88%, 60 runs)": the interval's low end without its own percent sign.
    return RegressionTexts::tr("%1 (%2–%3, %n run(s))", nullptr, r.n)
        .arg(percent(r.value()), QLocale().toString(r.low * 100.0, 'f', 0), percent(r.high));
}

QString regressionDetails(const stats::Regression &r)
{
    QStringList lines;
    lines << RegressionTexts::tr("Regressed: success fell from %1 under version %2 to %3 under this version, "
                                 "on the workflows both ran: %4.")
                 .arg(successText(r.total.before), QString::number(r.parent), successText(r.total.after),
                      r.workflows.join(QStringLiteral(", ")));
    lines << RegressionTexts::tr("One-sided Fisher exact test: p = %1 (flagged below %2).")
                 .arg(pValue(r.total.p), pValue(stats::kSignificance));
    lines << introducedBy(r);
    lines << RegressionTexts::tr("By workflow:");
    for (const stats::RateComparison &c : r.byWorkflow)
        lines << breakdownLine(c);
    lines << RegressionTexts::tr("By model:");
    for (const stats::RateComparison &c : r.byModel)
        lines << breakdownLine(c);
    if (!r.inCurrent)
        lines << RegressionTexts::tr("Already undone: the current playbook no longer carries this change.");
    else if (r.undo.kind == stats::Undo::Kind::None)
        lines << RegressionTexts::tr("Later versions build on this change: undo it by hand.");
    return lines.join(QLatin1Char('\n'));
}

QString regressionReason(const stats::Regression &r)
{
    return RegressionTexts::tr("success fell from %1 under version %2 to %3 under version %4 (one-sided Fisher p = %5)")
        .arg(percent(r.total.before.value()), QString::number(r.parent), percent(r.total.after.value()),
             QString::number(r.version), pValue(r.total.p));
}

} // namespace reverie::ui
