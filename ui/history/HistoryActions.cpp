// The history page's ways back — roll back to a version, revert one approved change, take out
// the change that made a version regress — and the Undo its notice offers. All append through
// the ledger on a worker; the undo of any of them is a rollback to the version that was
// current before it.

#include "ui/history/HistoryPage.h"
#include "ui/history/RegressionTexts.h"
#include "ui/history/VersionListModel.h"
#include "ui/common/NoticeBar.h"
#include "ui/common/PromptBar.h"
#include "ui/common/ShortcutHelpDialog.h"
#include "ui/settings/UserSettings.h"

#include <QPushButton>
#include <QTableView>

namespace reverie::ui {

void HistoryPage::withReviewer(std::function<void(const QString &)> then)
{
    const QString name = UserSettings::storedReviewerName();
    if (!name.isEmpty()) {
        then(name);
        return;
    }
    m_prompt->ask(tr("Your name, recorded with every change (asked once; change it in Settings):"), tr("Reviewer name"),
                  true, [then = std::move(then)](const QString &answer) {
                      UserSettings::storeReviewerName(answer);
                      then(answer);
                  });
}

void HistoryPage::submit(const QString &doing, int undoTo, LedgerJob job,
                         std::function<LedgerJob(const QString &reason)> withReason)
{
    const int tag = m_runner->submit(std::move(job));
    m_pending.insert(tag, Pending{doing, undoTo, std::move(withReason)});
    m_rollback->setEnabled(false);
    m_revert->setEnabled(false);
    m_revertRegression->setEnabled(false);
}

void HistoryPage::rollBackToSelected()
{
    const int target = selectedVersion();
    const int current = m_snapshot.currentNumber();
    if (m_path.isEmpty() || target <= 0 || target == current || m_prompt->isAsking() || m_runner->isBusy())
        return;
    withReviewer([this, target, current](const QString &reviewer) {
        const auto job = [target, reviewer](const QString &reason) {
            return LedgerJob([target, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                out.result = ledger.rollback(target, reviewer, reason);
            });
        };
        submit(tr("Rolled back to version %1").arg(target), current, job(QString()), job);
    });
}

void HistoryPage::revertSelected()
{
    const int version = selectedVersion();
    if (m_path.isEmpty() || !m_snapshot.canRevert(version) || m_prompt->isAsking() || m_runner->isBusy())
        return;
    const qint64 proposal = m_snapshot.version(version)->proposalId;
    const int current = m_snapshot.currentNumber();
    withReviewer([this, proposal, current](const QString &reviewer) {
        const auto job = [proposal, reviewer](const QString &reason) {
            return LedgerJob([proposal, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                out.result = ledger.revert(proposal, reviewer, reason);
            });
        };
        submit(tr("Reverted proposal #%1").arg(proposal), current, job(QString()), job);
    });
}

void HistoryPage::revertRegressionOfSelected()
{
    const int version = selectedVersion();
    if (m_path.isEmpty() || !m_snapshot.canUndoRegression(version) || m_prompt->isAsking() || m_runner->isBusy())
        return;
    const stats::Regression &regression = *m_snapshot.regression(version);
    const stats::Undo undo = regression.undo;
    // The numbers go on record as the reason: the decision says why it was taken.
    const QString reason = regressionReason(regression);
    const QString doing = undo.kind == stats::Undo::Kind::Revert
                              ? tr("Reverted proposal #%1, which made success drop in version %2").arg(undo.proposal).arg(version)
                              : tr("Restored the rules of version %1, before the change that made success drop").arg(undo.version);
    const int current = m_snapshot.currentNumber();
    withReviewer([this, undo, reason, doing, current](const QString &reviewer) {
        const auto job = [undo, reviewer](const QString &why) {
            return LedgerJob([undo, reviewer, why](review::Ledger &ledger, LedgerOutcome &out) {
                out.result = undo.kind == stats::Undo::Kind::Revert ? ledger.revert(undo.proposal, reviewer, why)
                                                                    : ledger.rollback(undo.version, reviewer, why);
            });
        };
        submit(doing, current, job(reason), job);
    });
}

bool HistoryPage::undoLast()
{
    if (!m_notice->hasAction() || m_runner->isBusy())
        return false;
    return m_notice->trigger();
}

void HistoryPage::onLedgerFinished(int tag, const LedgerOutcome &outcome)
{
    const Pending pending = m_pending.take(tag);
    if (outcome.kind == LedgerOutcome::Kind::Refused && pending.withReason
        && outcome.message.contains(QLatin1String("give a reason"))) {
        // The gate found the change high-stakes: it is recorded with the reviewer's reason.
        m_notice->showNotice(NoticeBar::Kind::Info, tr("This change is high-stakes: %1").arg(outcome.message));
        m_prompt->ask(tr("Why? The reason is recorded with this high-stakes change:"), tr("Reason"), true,
                      [this, pending](const QString &reason) {
                          submit(pending.doing, pending.undoTo, pending.withReason(reason));
                      });
        refresh();
        Q_EMIT statusMessage(m_notice->text());
        return;
    }
    if (outcome.kind != LedgerOutcome::Kind::Done) {
        m_notice->showNotice(NoticeBar::Kind::Error, outcome.kind == LedgerOutcome::Kind::Refused
                                                         ? tr("Refused: %1").arg(outcome.message)
                                                         : tr("Not recorded: %1").arg(outcome.message));
        Q_EMIT statusMessage(m_notice->text());
        refresh();
        Q_EMIT decisionFinished();
        return;
    }
    const review::DecisionResult &r = outcome.result;
    if (r.outcome == review::DecisionResult::Outcome::AwaitingApprovals) {
        const QString waiting = tr("Not applied yet: request #%1 needs %2 approval(s) from other reviewers; it waits "
                                   "in the review queue.")
                                    .arg(r.proposal)
                                    .arg(r.approvalsNeeded);
        m_notice->showNotice(NoticeBar::Kind::Info, waiting);
        refresh();
        Q_EMIT workspaceChanged();
        Q_EMIT statusMessage(waiting);
        Q_EMIT decisionFinished();
        return;
    }
    QString text = tr("%1: the playbook is now version %2.").arg(pending.doing).arg(r.version);
    if (!r.published.isEmpty())
        text += QLatin1Char(' ') + tr("Published to %1.").arg(r.published.join(QStringLiteral(", ")));
    if (!r.publishFailure.isEmpty())
        text += QLatin1Char(' ') + tr("The decision stands, but %1. Publishing is retried on the next decision or open, or with reverie publish.").arg(r.publishFailure);
    const int undoTo = pending.undoTo;
    if (undoTo > 0) {
        m_undoValidAt = r.version;
        // Undo appends too: a rollback to what was current before. History is never rewritten.
        m_notice->showNotice(r.publishFailure.isEmpty() ? NoticeBar::Kind::Info : NoticeBar::Kind::Error, text, tr("Undo"), [this, undoTo] {
            withReviewer([this, undoTo](const QString &reviewer) {
                submit(tr("Undone: back to the rules of version %1").arg(undoTo), 0,
                       [undoTo, reviewer](review::Ledger &ledger, LedgerOutcome &out) {
                           out.result = ledger.rollback(undoTo, reviewer, tr("undo: back to version %1").arg(undoTo));
                       });
            });
        });
    } else {
        m_notice->showNotice(r.publishFailure.isEmpty() ? NoticeBar::Kind::Info : NoticeBar::Kind::Error, text);
    }
    m_wantSelected = r.version;
    refresh();
    Q_EMIT workspaceChanged();
    Q_EMIT statusMessage(text);
    Q_EMIT decisionFinished();
}

void HistoryPage::showShortcuts()
{
    auto *help = new ShortcutHelpDialog(tr("History shortcuts"), ShortcutHelpDialog::rowsFor(m_shortcutActions), this);
    help->show();
}

} // namespace reverie::ui
