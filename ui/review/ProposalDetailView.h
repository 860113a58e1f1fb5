#pragma once

#include "core/model/Playbook.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace reverie::ui {

class DiffView;
struct ReviewQueue;

// Everything a reviewer needs to decide on one proposal: operation and stakes badges, the
// word diff of the rule, rationale, support, confidence, the replay record, conflicts, the
// approvals so far, and the evidence (activating an item asks to open that trajectory step).
// Every piece of text that came from a run or a model is shown as plain text.
class ProposalDetailView : public QWidget {
    Q_OBJECT
public:
    explicit ProposalDetailView(QWidget *parent = nullptr);

    // nullptr shows the empty state ("nothing to review").
    void setProposal(const Proposal *p, const ReviewQueue &queue);
    qint64 proposalId() const { return m_id; }
    DiffView *diffView() const { return m_diff; }
    QListWidget *evidenceList() const { return m_evidence; }

Q_SIGNALS:
    void evidenceActivated(qint64 trajectoryId, qint64 stepId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *addSection(const QString &objectName, QWidget *parent);
    void showApprovals(const Proposal &p, const ReviewQueue &queue);
    void showNumbers(const Proposal &p, const ReviewQueue &queue);
    void showConflicts(const Proposal &p, const ReviewQueue &queue);
    void showEvidence(const Proposal &p);

    qint64 m_id = 0;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_opBadge = nullptr;
    QLabel *m_stakesBadge = nullptr;
    QLabel *m_statusBadge = nullptr;
    QLabel *m_scope = nullptr;
    QLabel *m_approvals = nullptr;
    DiffView *m_diff = nullptr;
    QLabel *m_rationale = nullptr;
    QLabel *m_numbers = nullptr;
    QLabel *m_replay = nullptr;
    QLabel *m_conflicts = nullptr;
    QLabel *m_evidenceTitle = nullptr;
    QListWidget *m_evidence = nullptr;
    QWidget *m_filler = nullptr;   // takes the evidence list's room when a request has none
};

} // namespace reverie::ui
