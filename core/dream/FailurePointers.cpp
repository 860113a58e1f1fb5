#include "core/dream/FailurePointers.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace reverie::dream {

namespace {

QStringList wordsOf(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\w]+|_"));
    return text.toLower().split(nonWord, Qt::SkipEmptyParts);
}

} // namespace

bool textNamesTool(const QString &text, const QString &name)
{
    if (name.isEmpty())
        return false;
    const QString lower = text.toLower();
    if (lower.contains(name.toLower()))
        return true;
    // "run_tests" in "running the smoke tests": every part of the name starts a word of the text.
    const QStringList words = wordsOf(text);
    int parts = 0;
    for (const QString &part : name.toLower().split(QRegularExpression(QStringLiteral("[_\\-. ]+")), Qt::SkipEmptyParts)) {
        if (part.size() < 3)
            continue;
        ++parts;
        const bool found = std::any_of(words.begin(), words.end(), [&](const QString &w) { return w.startsWith(part); });
        if (!found)
            return false;
    }
    return parts > 0;
}

bool FailurePointers::noteNames(int note, int tool) const
{
    if (!note || !tool)
        return false;
    const auto [it, inserted] = m_named.emplace(std::make_pair(note, tool), false);
    if (inserted)
        it->second = textNamesTool(m_set.strings.text(note), m_set.strings.text(tool));
    return it->second;
}

bool FailurePointers::pointsAt(const RunFeatures &run, int tool) const
{
    const CallEvent *b = m_set.begin(run);
    const CallEvent *e = m_set.end(run);
    if (b != e && (e - 1)->tool == tool)
        return true;
    for (const CallEvent *c = b; c != e; ++c) {
        if (c->tool == tool && c->error)
            return true;
    }
    return noteNames(run.note, tool);
}

} // namespace reverie::dream
