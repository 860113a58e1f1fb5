#include "ui/review/ProposalDetailView.h"

#include "core/dream/Strength.h"

#include "ui/review/DiffView.h"
#include "ui/review/ProposalQueueModel.h"
#include "ui/review/ProposalTexts.h"
#include "ui/review/ReviewQueue.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
constexpr int kTrajectoryRole = Qt::UserRole + 1;
constexpr int kStepRole = Qt::UserRole + 2;

QLabel *badge(const QString &name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextFormat(Qt::PlainText);
    l->setMargin(3);
    return l;
}

void styleBadge(QLabel *l, const char *background, const char *foreground)
{
    l->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 3px; font-weight: bold; }")
                         .arg(QLatin1String(background), QLatin1String(foreground)));
}

QString scopeText(const Scope &scope)
{
    if (scope.isGlobal())
        return ProposalDetailView::tr("Applies everywhere");
    QStringList parts;
    if (!scope.workflows.isEmpty())
        parts << ProposalDetailView::tr("workflows: %1").arg(scope.workflows.join(QStringLiteral(", ")));
    if (!scope.tools.isEmpty())
        parts << ProposalDetailView::tr("tools: %1").arg(scope.tools.join(QStringLiteral(", ")));
    if (!scope.models.isEmpty())
        parts << ProposalDetailView::tr("models: %1").arg(scope.models.join(QStringLiteral(", ")));
    return ProposalDetailView::tr("Applies to %1").arg(parts.join(QStringLiteral(" · ")));
}
} // namespace

ProposalDetailView::ProposalDetailView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("proposalDetail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Nothing to review. New proposals appear here after a dream run."), m_stack);
    empty->setObjectName(QStringLiteral("emptyQueue"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    m_stack->addWidget(empty);

    // No scroll area: labels wrap to the pane's width, the diff and evidence list scroll.
    auto *content = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *header = new QHBoxLayout;
    m_title = badge(QStringLiteral("proposalTitle"), content);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);
    m_opBadge = badge(QStringLiteral("opBadge"), content);
    m_stakesBadge = badge(QStringLiteral("stakesBadge"), content);
    m_statusBadge = badge(QStringLiteral("statusBadge"), content);
    styleBadge(m_opBadge, "#dde4ee", "#1d2b3a");
    styleBadge(m_statusBadge, "#fff0c2", "#5c4400");
    header->addWidget(m_title);
    header->addWidget(m_opBadge);
    header->addWidget(m_stakesBadge);
    header->addWidget(m_statusBadge);
    header->addStretch(1);
    layout->addLayout(header);

    m_scope = addSection(QStringLiteral("proposalScope"), content);
    m_approvals = addSection(QStringLiteral("approvalsLabel"), content);
    m_diff = new DiffView(content);
    m_diff->setObjectName(QStringLiteral("proposalDiff"));
    m_diff->setMinimumHeight(120);
    m_diff->setMaximumHeight(220);   // a rule is a sentence or two; the evidence gets the rest
    layout->addWidget(m_scope);
    layout->addWidget(m_approvals);
    layout->addWidget(m_diff);
    m_rationale = addSection(QStringLiteral("rationaleLabel"), content);
    m_numbers = addSection(QStringLiteral("numbersLabel"), content);
    m_replay = addSection(QStringLiteral("replayLabel"), content);
    m_conflicts = addSection(QStringLiteral("conflictsLabel"), content);
    for (QLabel *l : {m_rationale, m_numbers, m_replay, m_conflicts})
        layout->addWidget(l);
    m_evidenceTitle = addSection(QStringLiteral("evidenceTitle"), content);
    layout->addWidget(m_evidenceTitle);
    m_evidence = new QListWidget(content);
    m_evidence->setObjectName(QStringLiteral("evidenceList"));
    m_evidence->setMinimumHeight(90);
    m_evidence->setWordWrap(true);
    m_evidence->installEventFilter(this);
    layout->addWidget(m_evidence, 1);
    m_filler = new QWidget(content);
    m_filler->hide();
    layout->addWidget(m_filler, 1);
    m_stack->addWidget(content);

    connect(m_evidence, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT evidenceActivated(item->data(kTrajectoryRole).toLongLong(), item->data(kStepRole).toLongLong());
    });
}

QLabel *ProposalDetailView::addSection(const QString &objectName, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

void ProposalDetailView::setProposal(const Proposal *p, const ReviewQueue &queue)
{
    m_id = p ? p->id : 0;
    if (!p) {
        m_stack->setCurrentIndex(0);
        m_diff->clear();
        m_evidence->clear();
        return;
    }
    m_stack->setCurrentIndex(1);
    m_title->setText(tr("Proposal #%1").arg(p->id));
    m_opBadge->setText(ProposalQueueModel::operationLabel(p->op));
    m_stakesBadge->setText(ProposalQueueModel::stakesLabel(p->stakes));
    if (p->stakes == Stakes::High)
        styleBadge(m_stakesBadge, "#b01c1c", "#ffffff");
    else
        styleBadge(m_stakesBadge, "#e4e7ea", "#333333");
    m_statusBadge->setVisible(p->status == ProposalStatus::NeedsRebase);
    m_statusBadge->setText(tr("NEEDS REBASE"));
    m_scope->setText(scopeText(p->scope));

    const bool request = !changesRulesDirectly(p->op);
    ProposalTexts texts = proposalTexts(*p, queue.currentRules);
    const QString target = p->targetRules.join(QStringLiteral(", "));
    if (request) {
        // A rollback or revert shows the rules it changes; a policy change what it changes.
        const auto it = queue.requestTexts.constFind(p->id);
        if (it != queue.requestTexts.constEnd()) {
            texts.before = it->first;
            texts.after = it->second;
        }
        m_diff->setTitles(tr("Rules now"), p->op == ProposalOp::Policy ? tr("Policy change") : tr("Rules after it"));
        m_diff->setTexts(texts.before, texts.after, tr("(no rule changes back)"), tr("(these rules go)"));
    } else {
        m_diff->setTitles(target.isEmpty() ? tr("Current playbook") : tr("Current rule %1").arg(target),
                          p->op == ProposalOp::Remove ? tr("After removal") : tr("Proposed"));
        m_diff->setTexts(texts.before, texts.after, tr("(no rule yet: this adds one)"), tr("(the rule is removed)"));
    }
    m_scope->setVisible(!request);
    m_replay->setVisible(!request);
    m_evidenceTitle->setVisible(!request);
    m_evidence->setVisible(!request);
    m_filler->setVisible(request);

    m_rationale->setText(tr("Why: %1").arg(p->rationale.isEmpty() ? tr("(no rationale given)") : p->rationale));
    showApprovals(*p, queue);
    showNumbers(*p, queue);
    const ReplayRecord &r = p->replay;
    QString replay = tr("Replay on stored runs: of %n run(s) that broke this rule, %1 failed;", nullptr, r.broke).arg(r.brokeFailed)
                     + QLatin1Char(' ')
                     + tr("of %n run(s) that kept it, %1 succeeded.", nullptr, r.kept).arg(r.keptSucceeded);
    if (r.successesBreakIt)
        replay += QLatin1Char('\n') + tr("Warning: successful runs routinely break this rule.");
    if (r.broke + r.kept > 0) {
        // Plain words first, then the figure they rest on.
        const dream::Strength st = dream::strengthOf(r);
        const QString words = st.level == dream::Strength::Level::Strong     ? tr("strong")
                              : st.level == dream::Strength::Level::Moderate ? tr("moderate")
                                                                             : tr("weak — could be chance");
        replay += QLatin1Char('\n')
                  + tr("Evidence: %1 (one-sided Fisher exact p = %2; failure rate when broken %3–%4%, when kept %5–%6%)")
                        .arg(words, QString::number(st.pValue, 'g', 2))
                        .arg(qRound(st.brokeFailLow * 100))
                        .arg(qRound(st.brokeFailHigh * 100))
                        .arg(qRound(st.keptFailLow * 100))
                        .arg(qRound(st.keptFailHigh * 100));
    }
    if (const QString holdOut = holdOutLine(p->holdOut); !holdOut.isEmpty())
        replay += QLatin1Char('\n') + holdOut;
    m_replay->setText(replay);
    showConflicts(*p, queue);
    if (!texts.missingTargets.isEmpty())
        m_conflicts->setText(m_conflicts->text() + QLatin1Char('\n')
                             + tr("Target rule(s) no longer in the playbook: %1").arg(texts.missingTargets.join(QStringLiteral(", "))));
    showEvidence(*p);
}

void ProposalDetailView::showApprovals(const Proposal &p, const ReviewQueue &queue)
{
    const QStringList names = queue.approvers.value(p.id);
    if (p.stakes != Stakes::High) {
        m_approvals->setVisible(!names.isEmpty());
        m_approvals->setText(tr("Approved so far by: %1").arg(names.join(QStringLiteral(", "))));
        return;
    }
    m_approvals->setVisible(true);
    QString text = tr("High-stakes: needs %n distinct approval(s) and a reason.", nullptr, queue.approvalsNeeded) + QLatin1Char(' ');
    text += names.isEmpty() ? tr("No approvals yet.")
                            : tr("Approved so far (%1 of %2): %3").arg(names.size()).arg(queue.approvalsNeeded).arg(names.join(QStringLiteral(", ")));
    if (p.dreamRunId == 0 && !p.author.isEmpty())
        text += QLatin1Char(' ') + tr("Written by %1, who cannot approve it.").arg(p.author);
    m_approvals->setText(text);
}

void ProposalDetailView::showNumbers(const Proposal &p, const ReviewQueue &queue)
{
    QStringList parts;
    if (changesRulesDirectly(p.op)) {   // a request rests on no runs: the approvers decide
        parts << tr("Support: %n run(s)", nullptr, p.support);
        parts << tr("Confidence: %1%").arg(qRound(p.confidence * 100));
    }
    parts << (p.baseVersion == queue.currentVersion ? tr("Based on the current version %1").arg(p.baseVersion)
                                                    : tr("Based on version %1 (current: %2)").arg(p.baseVersion).arg(queue.currentVersion));
    if (!p.author.isEmpty())
        parts << (p.kind.isEmpty() ? tr("by %1").arg(p.author) : tr("by %1 (%2)").arg(p.author, p.kind));
    m_numbers->setText(parts.join(QStringLiteral(" · ")));
}

void ProposalDetailView::showConflicts(const Proposal &p, const ReviewQueue &queue)
{
    if (p.conflicts.empty()) {
        m_conflicts->setText(tr("No conflicts with existing rules."));
        return;
    }
    QStringList lines{tr("Conflicts with existing rules:")};
    for (const Conflict &c : p.conflicts) {
        QString line = QStringLiteral("• %1 %2: %3").arg(c.kind, c.ruleId, c.detail);
        const QString current = currentRuleText(queue.currentRules, c.ruleId);
        if (!current.isNull() && !c.detail.contains(current))
            line += QLatin1Char('\n') + tr("    %1 now reads: %2").arg(c.ruleId, current);
        lines << line;
    }
    m_conflicts->setText(lines.join(QLatin1Char('\n')));
}

void ProposalDetailView::showEvidence(const Proposal &p)
{
    m_evidence->clear();
    m_evidenceTitle->setText(tr("Evidence (%n): click or press Enter to open the run at that step", nullptr, int(p.evidence.size())));
    for (const Evidence &e : p.evidence) {
        QString label = e.trajectoryExternalId.isEmpty() ? tr("run %1").arg(e.trajectoryId) : e.trajectoryExternalId;
        if (e.stepSeq >= 0)
            label += QStringLiteral(" · ") + tr("step %1").arg(e.stepSeq);
        if (!e.note.isEmpty())
            label += QStringLiteral(" — ") + e.note;
        if (e.changed)
            label += QStringLiteral(" — ") + tr("the run changed since; it cited: %1").arg(e.citedText);
        auto *item = new QListWidgetItem(label, m_evidence);   // list items never render markup
        item->setData(kTrajectoryRole, e.trajectoryId);
        item->setData(kStepRole, e.stepId);
    }
    if (m_evidence->count() > 0)
        m_evidence->setCurrentRow(0);
}

bool ProposalDetailView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_evidence && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_evidence->currentItem()) {
            QListWidgetItem *item = m_evidence->currentItem();
            Q_EMIT evidenceActivated(item->data(kTrajectoryRole).toLongLong(), item->data(kStepRole).toLongLong());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace reverie::ui
