#include "core/playbook/RuleDiff.h"

#include <QHash>
#include <QPair>

namespace reverie::playbook {

namespace {

// Rules are matched by id. A well-formed version has unique ids, but an imported or damaged
// one may not: the k-th rule with an id in `before` then pairs with the k-th in `after`.
using Key = QPair<QString, int>;

std::vector<Key> keysOf(const std::vector<Rule> &rules)
{
    QHash<QString, int> seen;
    std::vector<Key> keys;
    keys.reserve(rules.size());
    for (const Rule &r : rules)
        keys.emplace_back(r.id, seen[r.id]++);
    return keys;
}

RuleChange compare(const Rule &before, const Rule &after)
{
    RuleChange c;
    c.ruleId = after.id;
    c.before = before;
    c.after = after;
    c.scopeChanged = !(before.scope == after.scope);
    c.stakesChanged = before.stakes != after.stakes;
    const bool textChanged = before.text != after.text;
    if (textChanged || c.scopeChanged || c.stakesChanged) {
        c.kind = RuleChange::Kind::Changed;
        c.words = diffWords(before.text, after.text);
    }
    return c;
}

RuleChange removed(const Rule &rule)
{
    RuleChange c;
    c.kind = RuleChange::Kind::Removed;
    c.ruleId = rule.id;
    c.before = rule;
    return c;
}

} // namespace

QString ruleChangeKindName(RuleChange::Kind kind)
{
    switch (kind) {
    case RuleChange::Kind::Added: return QStringLiteral("added");
    case RuleChange::Kind::Removed: return QStringLiteral("removed");
    case RuleChange::Kind::Changed: return QStringLiteral("changed");
    case RuleChange::Kind::Unchanged: return QStringLiteral("unchanged");
    }
    return QString();
}

std::vector<RuleChange> diffRules(const std::vector<Rule> &before, const std::vector<Rule> &after)
{
    const std::vector<Key> beforeKeys = keysOf(before);
    const std::vector<Key> afterKeys = keysOf(after);
    QHash<Key, std::size_t> beforeIndex;
    QHash<Key, std::size_t> afterIndex;
    for (std::size_t i = 0; i < beforeKeys.size(); ++i)
        beforeIndex.insert(beforeKeys[i], i);
    for (std::size_t i = 0; i < afterKeys.size(); ++i)
        afterIndex.insert(afterKeys[i], i);

    // A removed rule stays next to the rule that preceded it in `before` (its anchor), wherever
    // that rule now stands; removed rules with no surviving predecessor open the list.
    std::vector<std::vector<std::size_t>> removedAfter(after.size());
    std::vector<std::size_t> removedFirst;
    bool haveAnchor = false;
    std::size_t anchor = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto it = afterIndex.constFind(beforeKeys[i]);
        if (it != afterIndex.constEnd()) {
            haveAnchor = true;
            anchor = it.value();
        } else if (haveAnchor) {
            removedAfter[anchor].push_back(i);
        } else {
            removedFirst.push_back(i);
        }
    }

    std::vector<RuleChange> changes;
    changes.reserve(before.size() + after.size());
    for (std::size_t i : removedFirst)
        changes.push_back(removed(before[i]));
    for (std::size_t j = 0; j < after.size(); ++j) {
        const auto it = beforeIndex.constFind(afterKeys[j]);
        if (it == beforeIndex.constEnd()) {
            RuleChange c;
            c.kind = RuleChange::Kind::Added;
            c.ruleId = after[j].id;
            c.after = after[j];
            changes.push_back(std::move(c));
        } else {
            changes.push_back(compare(before[it.value()], after[j]));
        }
        for (std::size_t i : removedAfter[j])
            changes.push_back(removed(before[i]));
    }
    return changes;
}

} // namespace reverie::playbook
