#pragma once

#include "core/model/Playbook.h"
#include "core/stats/Regressions.h"
#include "core/store/OutcomeStats.h"
#include "core/store/PublishLog.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// What one publish target holds right now, found by matching the file against what each
// version renders to (Markdown depends on the rules only, so a rollback matches too).
struct PublishedFile {
    QString path;
    bool exists = false;
    qint64 modifiedMs = 0;
    int version = 0;          // the newest version whose rendering equals the file; 0 = none
    QString lastFailure;      // why the latest publish to it failed; empty when it succeeded
};

// Everything the history page shows, read on a worker thread in one go.
struct HistorySnapshot {
    std::vector<PlaybookVersion> versions;              // oldest first, with their rules
    QHash<qint64, ProposalStatus> proposalStatus;       // of the proposals versions applied
    QStringList publishTargets;
    std::vector<PublishedFile> published;
    std::vector<store::PublishEntry> publishLog;        // every publish, newest first (the latest 500)
    QHash<QString, QString> lastFailures;               // target -> why its latest publish failed
    std::vector<store::OutcomeRow> byVersion;
    std::vector<store::OutcomeRow> byModel;
    std::vector<store::RuleOutcome> byRule;
    QHash<int, stats::Rate> successByVersion;           // judged runs under each version
    std::vector<stats::Regression> comparisons;         // each version against its parent
    QString error;                                      // set when the workspace could not be read

    int currentNumber() const { return versions.empty() ? 0 : versions.back().number; }
    const PlaybookVersion *version(int number) const;
    // Whether "Revert this change" applies: the version applied a proposal that is still approved.
    bool canRevert(int number) const;
    // The version's comparison with its parent when success dropped significantly; null otherwise.
    const stats::Regression *regression(int number) const;
    // Whether "Revert the change that introduced it" applies: the version regressed, the
    // current playbook still carries its change, and the ledger has a one-step undo for it.
    bool canUndoRegression(int number) const;
};

// Everything the page shows, read through `ws` (on a worker); throws what the store throws.
HistorySnapshot loadHistory(store::Workspace &ws);
// The same through a connection of its own to `path`; a failure is the snapshot's error.
HistorySnapshot loadHistory(const QString &path);

// Which version `bytes` (the content of publish target `path`) is; 0 when none matches.
int matchPublishedVersion(const QString &path, const QByteArray &bytes, const std::vector<PlaybookVersion> &versions);

} // namespace reverie::ui
