// The review panel's decisions: each asks for what the ledger needs (a reviewer name once, a
// reason where one is required), hands the decision to the ledger on the worker, moves the
// reviewer on at once, and reports what the ledger did — or refused — when it lands.

#include "ui/common/NoticeBar.h"
#include "ui/common/PromptBar.h"
#include "ui/review/ProposalFilterProxy.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ProposalTexts.h"
#include "ui/review/ReviewPage.h"
#include "ui/review/RuleEditorDialog.h"
#include "ui/settings/UserSettings.h"

#include <QTreeView>

namespace reverie::ui {

using Outcome = review::DecisionResult::Outcome;

void ReviewPage::withReviewer(std::function<void(const QString &)> then)
{
    const QString name = UserSettings::storedReviewerName();
    if (!name.isEmpty()) {
        then(name);
        return;
    }
    m_prompt->ask(tr("Your name, recorded with every decision (asked once; change it in Settings):"),
                  tr("Reviewer name"), true, [then = std::move(then)](const QString &answer) {
                      UserSettings::storeReviewerName(answer);
                      then(answer);
                  });
}

void ReviewPage::submitDecision(const QList<qint64> &ids, LedgerJob job)
{
    if (m_path.isEmpty())
        return;
    const int tag = m_runner->submit(std::move(job));
    m_jobs.insert(tag, ids);
    for (qint64 id : ids)
        m_model->setInFlight(id, true);
    if (ids.size() == 1)
        advanceAfterDecision(ids.first());
    updateButtons();
    m_view->setFocus(Qt::OtherFocusReason);
}

void ReviewPage::approveCurrent()
{
    const Proposal *p = m_model->queue().find(m_currentId);
    if (!p || m_model->isInFlight(p->id) || m_prompt->isAsking())
        return;
    const qint64 id = p->id;
    const bool high = p->stakes == Stakes::High;
    withReviewer([this, id, high](const QString &reviewer) {
        auto approve = [this, id, reviewer](const QString &reason) {
            submitDecision({id}, [id, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                out.result = ledger.approve(id, reviewer, reason);
            });
        };
        if (!high) {
            approve(QString());
            return;
        }
        m_prompt->ask(tr("High-stakes proposal #%1: why approve it? (required)").arg(id), tr("Reason"), true, approve);
    });
}

void ReviewPage::rejectCurrent()
{
    const Proposal *p = m_model->queue().find(m_currentId);
    if (!p || m_model->isInFlight(p->id) || m_prompt->isAsking())
        return;
    const qint64 id = p->id;
    withReviewer([this, id](const QString &reviewer) {
        m_prompt->ask(tr("Why reject proposal #%1? (required)").arg(id), tr("Reason"), true,
                      [this, id, reviewer](const QString &reason) {
                          submitDecision({id}, [id, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                              out.result = ledger.reject(id, reviewer, reason);
                          });
                      });
    });
}

void ReviewPage::editCurrent()
{
    const Proposal *p = m_model->queue().find(m_currentId);
    if (!p || m_model->isInFlight(p->id) || m_prompt->isAsking())
        return;
    const Proposal proposal = *p;
    withReviewer([this, proposal](const QString &reviewer) {
        const ProposalTexts texts = proposalTexts(proposal, m_model->queue().currentRules);
        auto *editor = new RuleEditorDialog(proposal, texts.before, this);
        const qint64 id = proposal.id;
        connect(editor, &RuleEditorDialog::submitted, this, [this, id, reviewer](const QString &text, const QString &reason) {
            submitDecision({id}, [id, reviewer, text, reason](review::Ledger &ledger, LedgerOutcome &out) {
                out.result = ledger.edit(id, reviewer, text, reason);
            });
        });
        connect(editor, &QDialog::rejected, m_view, [this] { m_view->setFocus(Qt::OtherFocusReason); });
        editor->open();
    });
}

QList<qint64> ReviewPage::visibleLowStakes() const
{
    QList<qint64> ids;
    for (int g = 0; g < m_proxy->rowCount(); ++g) {
        const QModelIndex group = m_proxy->index(g, 0);
        for (int r = 0; r < m_proxy->rowCount(group); ++r) {
            const QModelIndex idx = m_proxy->index(r, 0, group);
            const qint64 id = idx.data(ProposalQueueModel::ProposalIdRole).toLongLong();
            if (idx.data(ProposalQueueModel::StakesRole).toInt() == int(Stakes::Low) && !m_model->isInFlight(id))
                ids << id;
        }
    }
    return ids;
}

void ReviewPage::bulkApprove()
{
    const QList<qint64> ids = visibleLowStakes();
    if (ids.isEmpty() || m_prompt->isAsking())
        return;
    withReviewer([this, ids](const QString &reviewer) {
        m_prompt->ask(tr("Approve the %n low-stakes proposal(s) shown. One reason for all:", nullptr, int(ids.size())),
                      tr("Reason"), true, [this, ids, reviewer](const QString &reason) {
                          submitDecision(ids, [ids, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                              out.bulk = true;
                              for (qint64 id : ids) {
                                  try {
                                      out.result = ledger.approve(id, reviewer, reason);
                                      if (out.result.outcome == Outcome::Applied)
                                          ++out.decided;
                                      else
                                          out.refusals << QStringLiteral("#%1: %2").arg(id).arg(out.result.message);
                                  } catch (const review::LedgerRefusal &e) {
                                      out.refusals << QStringLiteral("#%1: %2").arg(id).arg(e.message());
                                  }
                              }
                          });
                      });
    });
}

void ReviewPage::bulkReject()
{
    const QList<qint64> ids = visibleLowStakes();
    if (ids.isEmpty() || m_prompt->isAsking())
        return;
    withReviewer([this, ids](const QString &reviewer) {
        m_prompt->ask(tr("Reject the %n low-stakes proposal(s) shown. One reason for all:", nullptr, int(ids.size())),
                      tr("Reason"), true, [this, ids, reviewer](const QString &reason) {
                          submitDecision(ids, [ids, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
                              out.bulk = true;
                              for (qint64 id : ids) {
                                  try {
                                      out.result = ledger.reject(id, reviewer, reason);
                                      ++out.decided;
                                  } catch (const review::LedgerRefusal &e) {
                                      out.refusals << QStringLiteral("#%1: %2").arg(id).arg(e.message());
                                  }
                              }
                          });
                      });
    });
}

QString ReviewPage::describe(const QList<qint64> &ids, const LedgerOutcome &outcome, bool *applied) const
{
    *applied = false;
    const qint64 id = ids.value(0);
    switch (outcome.kind) {
    case LedgerOutcome::Kind::Refused:
        return tr("Refused for proposal #%1: %2").arg(id).arg(outcome.message);
    case LedgerOutcome::Kind::Failed:
        return tr("The decision on proposal #%1 was not recorded: %2").arg(id).arg(outcome.message);
    case LedgerOutcome::Kind::Done:
        break;
    }
    const review::DecisionResult &r = outcome.result;
    if (outcome.bulk) {
        *applied = outcome.decided > 0;
        QString text = tr("%n proposal(s) decided.", nullptr, outcome.decided);
        if (!outcome.refusals.isEmpty())
            text += QLatin1Char(' ') + tr("Not decided: %1").arg(outcome.refusals.join(QStringLiteral("; ")));
        return text;
    }
    switch (r.outcome) {
    case Outcome::Applied: {
        *applied = true;
        QString text = tr("Proposal #%1 applied: the playbook is now version %2.").arg(id).arg(r.version);
        if (!r.published.isEmpty())
            text += QLatin1Char(' ') + tr("Published to %1.").arg(r.published.join(QStringLiteral(", ")));
        if (!r.publishFailure.isEmpty())
            text += QLatin1Char(' ') + tr("The decision stands, but %1. Publishing is retried on the next decision or open, or with reverie publish.").arg(r.publishFailure);
        return text;
    }
    case Outcome::AwaitingApprovals:
        return tr("Approval recorded for proposal #%1: %2 of %3 (%4). It stays pending until another reviewer approves.")
            .arg(id)
            .arg(r.approvers.size())
            .arg(r.approvalsNeeded)
            .arg(r.approvers.join(QStringLiteral(", ")));
    case Outcome::Rejected:
        return tr("Proposal #%1 rejected.").arg(id);
    case Outcome::NeedsRebase:
        return tr("Proposal #%1 needs a rebase: %2").arg(id).arg(r.conflicts.empty() ? r.message : r.conflicts.front().detail);
    }
    return QString();
}

void ReviewPage::onLedgerFinished(int tag, const LedgerOutcome &outcome)
{
    const QList<qint64> ids = m_jobs.take(tag);
    for (qint64 id : ids)
        m_model->setInFlight(id, false);
    bool applied = false;
    const QString text = describe(ids, outcome, &applied);
    NoticeBar::Kind kind = NoticeBar::Kind::Info;
    if (outcome.kind != LedgerOutcome::Kind::Done)
        kind = NoticeBar::Kind::Error;
    else if (outcome.result.outcome == Outcome::NeedsRebase || !outcome.refusals.isEmpty()
             || !outcome.result.publishFailure.isEmpty())
        kind = NoticeBar::Kind::Warning;
    m_notice->showNotice(kind, text);
    m_decided << (outcome.bulk ? 0 : ids.value(0));   // reported once the queue is read again
    refresh();
    if (applied)
        Q_EMIT workspaceChanged();
    Q_EMIT statusMessage(text);
}

} // namespace reverie::ui
