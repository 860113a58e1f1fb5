#include "core/review/Policy.h"

#include "core/store/Workspace.h"

namespace reverie::review {

namespace {
QStringList splitList(const QString &value)
{
    QStringList out;
    for (const QString &part : value.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            out << trimmed;
    }
    return out;
}
} // namespace

Stakes PolicySettings::stakesFor(const Scope &scope) const
{
    for (const QString &w : scope.workflows) {
        if (highStakesWorkflows.contains(w))
            return Stakes::High;
    }
    for (const QString &t : scope.tools) {
        if (highStakesTools.contains(t))
            return Stakes::High;
    }
    return Stakes::Low;
}

bool PolicySettings::operator==(const PolicySettings &o) const
{
    return highStakesWorkflows == o.highStakesWorkflows && highStakesTools == o.highStakesTools
        && approvalsNeeded == o.approvalsNeeded && publishTargets == o.publishTargets
        && autoApplyLowStakes == o.autoApplyLowStakes && minStrength == o.minStrength && maxRules == o.maxRules
        && maxTokens == o.maxTokens
        && requireSignatures == o.requireSignatures && allowedSigners == o.allowedSigners
        && dreamAfterFailures == o.dreamAfterFailures && dreamDailyAt == o.dreamDailyAt;
}

PolicySettings Policy::load()
{
    PolicySettings s;
    sql::Statement st(m_ws.db(), "SELECT key, value FROM policy");
    while (st.step()) {
        const QString key = st.text(0);
        const QString value = st.text(1);
        if (key == QLatin1String("high_stakes_workflows"))
            s.highStakesWorkflows = splitList(value);
        else if (key == QLatin1String("high_stakes_tools"))
            s.highStakesTools = splitList(value);
        else if (key == QLatin1String("approvals_needed"))
            s.approvalsNeeded = qMax(1, value.toInt());
        else if (key == QLatin1String("publish_targets"))
            s.publishTargets = splitList(value);
        else if (key == QLatin1String("auto_apply_low_stakes"))
            s.autoApplyLowStakes = value == QLatin1String("1");
        else if (key == QLatin1String("min_strength"))
            s.minStrength = strengthLevelFromName(value).value_or(StrengthLevel::Moderate);
        else if (key == QLatin1String("max_rules"))
            s.maxRules = qMax(1, value.toInt());
        else if (key == QLatin1String("max_tokens"))
            s.maxTokens = qMax(1, value.toInt());
        else if (key == QLatin1String("require_signatures"))
            s.requireSignatures = value == QLatin1String("1");
        else if (key == QLatin1String("allowed_signers"))
            s.allowedSigners = value;
        else if (key == QLatin1String("dream_after_failures"))
            s.dreamAfterFailures = qMax(0, value.toInt());
        else if (key == QLatin1String("dream_daily_at"))
            s.dreamDailyAt = value;
    }
    return s;
}

void Policy::save(const PolicySettings &s)
{
    sql::Statement st(m_ws.db(), "INSERT INTO policy (key, value) VALUES (?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    const auto put = [&st](const char *key, const QString &value) {
        // An empty list is stored as "", not NULL.
        st.bind(1, QString::fromLatin1(key)).bind(2, value.isNull() ? QString(QLatin1String("")) : value);
        st.run();
    };
    put("high_stakes_workflows", s.highStakesWorkflows.join(QLatin1Char('\n')));
    put("high_stakes_tools", s.highStakesTools.join(QLatin1Char('\n')));
    put("approvals_needed", QString::number(qMax(1, s.approvalsNeeded)));
    put("publish_targets", s.publishTargets.join(QLatin1Char('\n')));
    put("auto_apply_low_stakes", s.autoApplyLowStakes ? QStringLiteral("1") : QStringLiteral("0"));
    put("min_strength", strengthLevelName(s.minStrength));
    put("max_rules", QString::number(s.maxRules));
    put("max_tokens", QString::number(s.maxTokens));
    put("require_signatures", s.requireSignatures ? QStringLiteral("1") : QStringLiteral("0"));
    put("allowed_signers", s.allowedSigners);
    put("dream_after_failures", QString::number(qMax(0, s.dreamAfterFailures)));
    put("dream_daily_at", s.dreamDailyAt);
}

} // namespace reverie::review
