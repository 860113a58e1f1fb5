#pragma once

#include "core/model/Playbook.h"

#include <optional>
#include <vector>

namespace reverie::store {

class Workspace;

// The playbook's version history: full snapshots, appended, hash-chained. Never edits a
// version in place. Callers that need a decision and a version to land together open the
// transaction themselves (see Ledger).
class PlaybookHistory {
public:
    explicit PlaybookHistory(Workspace &ws) : m_ws(ws) {}

    // The latest version number; 0 when the playbook has no version yet.
    int currentNumber();
    // The latest version (number 0 and no rules when there is none).
    PlaybookVersion current();
    std::optional<PlaybookVersion> version(int number);
    // Every version, oldest first; with rules when `withRules`.
    std::vector<PlaybookVersion> versions(bool withRules = false);

    // Appends a version whose parent is the current one; fills number, parent, hashes and
    // time; records rule identities: new rules, and rules that left, retired with `successor`
    // (the rule a merge or replacement produced) when given. Returns the new number.
    int append(PlaybookVersion &v, const QString &successor = QString());

    // A fresh rule id ("R1", "R2", ...) never used before in this workspace.
    QString nextRuleId();
    // The highest number among the workspace's rule ids of the form R<digits> (0: none).
    qint64 highestRuleNumber();
    // "R<number + 1>"; throws when that would pass 18 digits.
    static QString ruleIdAfter(qint64 number);

private:
    std::vector<Rule> rulesOf(int number);
    Workspace &m_ws;
};

} // namespace reverie::store
