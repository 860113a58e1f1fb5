// The settings dialog's workspace part: the policy is read on a worker and written through the
// ledger's writer (a policy change is a recorded decision, and loosening it is gated), so that
// the GUI thread neither reads the workspace nor waits behind an import's lock.

#include "ui/settings/SettingsDialog.h"

#include "core/review/PolicyChange.h"
#include "core/store/Workspace.h"
#include "ui/common/LatestRead.h"
#include "ui/common/LedgerRunner.h"
#include "ui/settings/TargetStatus.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace reverie::ui {

namespace {

struct PolicyRead {
    review::PolicySettings policy;
    QStringList targetStatus;   // each target's last publish
};

QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &l : edit->toPlainText().split(QLatin1Char('\n'))) {
        if (!l.trimmed().isEmpty() && !out.contains(l.trimmed()))
            out << l.trimmed();
    }
    return out;
}

} // namespace

void SettingsDialog::loadPolicy()
{
    if (m_path.isEmpty())
        return;
    m_targetStatus->hide();
    m_reader->run<PolicyRead>(
        m_path,
        [](store::Workspace &ws, const std::atomic_bool &) {
            PolicyRead r;
            r.policy = review::Policy(ws).load();
            r.targetStatus = targetStatusLines(ws, r.policy.publishTargets);
            return r;
        },
        [this](ReadResult<PolicyRead> result) {
            if (!result.ok()) {
                m_policyBox->setEnabled(false);
                m_error->setText(tr("Could not read the workspace policy: %1").arg(result.error));
                m_error->show();
                Q_EMIT policyLoadFailed(result.error);
                return;
            }
            const review::PolicySettings &policy = result.value->policy;
            m_loaded = policy;
            m_workflows->setPlainText(policy.highStakesWorkflows.join(QLatin1Char('\n')));
            m_tools->setPlainText(policy.highStakesTools.join(QLatin1Char('\n')));
            m_approvals->setValue(policy.approvalsNeeded);
            m_targets->clear();
            for (const QString &t : policy.publishTargets)
                m_targets->addItem(t);   // list items are plain text
            m_autoApply->setChecked(policy.autoApplyLowStakes);
            m_minStrength->setCurrentIndex(m_minStrength->findData(int(policy.minStrength)));
            const QStringList &status = result.value->targetStatus;
            m_targetStatus->setText(status.join(QLatin1Char('\n')));
            m_targetStatus->setVisible(!status.isEmpty());
            m_policyBox->setEnabled(true);
            Q_EMIT policyLoaded();
        });
}

void SettingsDialog::savePolicy()
{
    addTarget();   // a path typed but not yet added is meant to be kept
    review::PolicySettings edited;
    edited.highStakesWorkflows = lines(m_workflows);
    edited.highStakesTools = lines(m_tools);
    edited.approvalsNeeded = m_approvals->value();
    for (int i = 0; i < m_targets->count(); ++i)
        edited.publishTargets << m_targets->item(i)->text();
    edited.autoApplyLowStakes = m_autoApply->isChecked();
    edited.minStrength = static_cast<StrengthLevel>(m_minStrength->currentData().toInt());

    // Only the fields this dialog edits, and only where the person edited them.
    review::PolicySettings wanted = m_loaded;
    wanted.highStakesWorkflows = edited.highStakesWorkflows;
    wanted.highStakesTools = edited.highStakesTools;
    wanted.approvalsNeeded = edited.approvalsNeeded;
    wanted.publishTargets = edited.publishTargets;
    wanted.autoApplyLowStakes = edited.autoApplyLowStakes;
    wanted.minStrength = edited.minStrength;
    const review::PolicyChange change = review::PolicyChange::between(m_loaded, wanted);
    if (change.isEmpty()) {
        Q_EMIT saved();
        accept();
        return;
    }
    const QString reviewer = m_reviewer->text().trimmed();
    if (reviewer.isEmpty()) {
        const QString why = tr("Enter your reviewer name: every policy change is recorded with who made it.");
        m_error->setText(tr("The workspace policy was not saved: %1").arg(why));
        m_error->show();
        Q_EMIT saveFailed(why);
        return;
    }
    setEnabled(false);
    const QString reason = m_policyReason->text();
    m_saveTag = m_runner->submit([change, reviewer, reason](review::Ledger &ledger, LedgerOutcome &out) {
        out.result = ledger.changePolicy(change, reviewer, reason);
    });
}

void SettingsDialog::onPolicySaved(int tag, const LedgerOutcome &outcome)
{
    if (tag != m_saveTag)
        return;
    m_saveTag = 0;
    setEnabled(true);
    QString error;
    if (outcome.kind != LedgerOutcome::Kind::Done)
        error = outcome.message;
    else if (outcome.result.outcome == review::DecisionResult::Outcome::AwaitingApprovals)
        error = tr("Not changed yet: loosening the policy needs %n approval(s) from other reviewers; request #%1 "
                   "waits in the review queue.",
                   nullptr, outcome.result.approvalsNeeded)
                    .arg(outcome.result.proposal);
    if (!error.isEmpty()) {
        m_error->setText(tr("The workspace policy was not saved: %1").arg(error));
        m_error->show();
        Q_EMIT saveFailed(error);
        return;
    }
    Q_EMIT saved();
    accept();
}

} // namespace reverie::ui
