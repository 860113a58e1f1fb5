#include "core/playbook/Budget.h"

#include <algorithm>
#include <limits>

namespace reverie::playbook {

namespace {

// What one bullet costs beyond its text: the marker, the id and the line break.
constexpr int kRuleOverhead = 4;

} // namespace

int estimateTokens(const QString &text)
{
    qint64 codePoints = 0;
    qint64 words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        if (c.isLowSurrogate())
            continue;   // counted with its high surrogate
        ++codePoints;
        const bool space = c.isSpace();
        if (!space && !inWord)
            ++words;
        inWord = !space;
    }
    const qint64 byLength = (codePoints + 3) / 4;
    return int(std::min<qint64>(std::max(byLength, words), std::numeric_limits<int>::max()));
}

int estimateTokens(const std::vector<Rule> &rules)
{
    qint64 total = 0;
    for (const Rule &r : rules) {
        total += kRuleOverhead + estimateTokens(r.text);
        // The scope is injected with the rule (see renderMarkdown), so it counts too.
        if (!r.scope.isGlobal())
            total += 2 + estimateTokens(r.scope.workflows.join(QLatin1Char(' ')))
                + estimateTokens(r.scope.tools.join(QLatin1Char(' ')))
                + estimateTokens(r.scope.models.join(QLatin1Char(' ')));
        if (r.stakes == Stakes::High)
            total += 2;
    }
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
}

} // namespace reverie::playbook
