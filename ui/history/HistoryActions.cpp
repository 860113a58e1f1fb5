// The history page's two ways back — roll back to a version, revert one approved change —
// and the Undo its notice offers. All three append through the ledger on a worker; the
// undo of a rollback or revert is a rollback to the version that was current before it.

#include "ui/history/HistoryPage.h"
#include "ui/history/VersionListModel.h"
#include "ui/review/NoticeBar.h"
#include "ui/review/PromptBar.h"
#include "ui/review/ShortcutHelpDialog.h"
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

void HistoryPage::submit(const QString &doing, int undoTo, LedgerJob job)
{
    const int tag = m_runner->submit(std::move(job));
    m_pending.insert(tag, Pending{doing, undoTo});
    m_rollback->setEnabled(false);
    m_revert->setEnabled(false);
}

void HistoryPage::rollBackToSelected()
{
    const int target = selectedVersion();
    const int current = m_snapshot.currentNumber();
    if (m_path.isEmpty() || target <= 0 || target == current || m_prompt->isAsking() || m_runner->isBusy())
        return;
    withReviewer([this, target, current](const QString &reviewer) {
        submit(tr("Rolled back to version %1").arg(target), current, [target, reviewer](store::Ledger &ledger, LedgerOutcome &out) {
            out.result = ledger.rollback(target, reviewer);
        });
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
        submit(tr("Reverted proposal #%1").arg(proposal), current, [proposal, reviewer](store::Ledger &ledger, LedgerOutcome &out) {
            out.result = ledger.revert(proposal, reviewer);
        });
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
    if (outcome.kind != LedgerOutcome::Kind::Done) {
        m_notice->showNotice(NoticeBar::Kind::Error, outcome.kind == LedgerOutcome::Kind::Refused
                                                         ? tr("Refused: %1").arg(outcome.message)
                                                         : tr("Not recorded: %1").arg(outcome.message));
        Q_EMIT statusMessage(m_notice->text());
        refresh();
        Q_EMIT decisionFinished();
        return;
    }
    const store::DecisionResult &r = outcome.result;
    QString text = tr("%1: the playbook is now version %2.").arg(pending.doing).arg(r.version);
    if (!r.published.isEmpty())
        text += QLatin1Char(' ') + tr("Published to %1.").arg(r.published.join(QStringLiteral(", ")));
    const int undoTo = pending.undoTo;
    if (undoTo > 0) {
        m_undoValidAt = r.version;
        // Undo appends too: a rollback to what was current before. History is never rewritten.
        m_notice->showNotice(NoticeBar::Kind::Info, text, tr("Undo"), [this, undoTo] {
            withReviewer([this, undoTo](const QString &reviewer) {
                submit(tr("Undone: back to the rules of version %1").arg(undoTo), 0,
                       [undoTo, reviewer](store::Ledger &ledger, LedgerOutcome &out) {
                           out.result = ledger.rollback(undoTo, reviewer, tr("undo: back to version %1").arg(undoTo));
                       });
            });
        });
    } else {
        m_notice->showNotice(NoticeBar::Kind::Info, text);
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
