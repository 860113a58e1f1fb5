#include "core/ingest/formats/ClaudeCodeText.h"

#include <QRegularExpression>

namespace reverie::ingest::claudecode {

QString roleFor(const Step &s)
{
    if (!s.role.isEmpty())
        return s.role;
    return s.kind == StepKind::Observation ? QStringLiteral("tool") : QStringLiteral("assistant");
}

void markSidechain(std::vector<Step> &steps)
{
    for (Step &s : steps)
        s.role = QLatin1String("sidechain:") + roleFor(s);
}

QString commandPrompt(const QString &text)
{
    static const QRegularExpression name(QStringLiteral("<command-name>(.*?)</command-name>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression args(QStringLiteral("<command-args>(.*?)</command-args>"),
                                         QRegularExpression::DotMatchesEverythingOption);
    const auto n = name.match(text);
    if (!n.hasMatch())
        return text;
    return (n.captured(1).trimmed() + QLatin1Char(' ') + args.match(text).captured(1).trimmed()).trimmed();
}

bool isPrompt(const QString &text)
{
    const QString t = text.trimmed();
    return !t.isEmpty() && !t.startsWith(QLatin1String("<local-command")) && !t.startsWith(QLatin1String("Caveat:"))
           && !t.startsWith(QLatin1String("[Request interrupted"));
}

} // namespace reverie::ingest::claudecode
