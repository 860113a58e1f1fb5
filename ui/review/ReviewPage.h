#pragma once

#include "ui/Page.h"
#include "ui/common/LatestRead.h"
#include "ui/review/ReviewQueue.h"
#include "ui/common/LedgerRunner.h"

#include <QHash>
#include <QList>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QTreeView;

namespace reverie::ui {

class NoticeBar;
class PromptBar;
class ProposalDetailView;
class ProposalFilterProxy;
class ProposalQueueModel;

// The review panel: pending proposals grouped by dream run (high-stakes first, then by
// confidence), the selected one in detail, and keyboard decisions — A / Ctrl+Enter approve,
// R reject (asks for a reason), E edit, J / K next / previous, ? the list of shortcuts — plus
// bulk decisions on the filtered low-stakes proposals. Decisions go to the ledger on a
// worker thread; the panel moves on at once and reports each result when it lands.
class ReviewPage : public Page {
    Q_OBJECT
public:
    explicit ReviewPage(QWidget *parent = nullptr);
    ~ReviewPage() override;

    void setWorkspace(const QString &path) override;
    QString title() const override;

    // Re-reads the queue on a worker, keeping the reviewer's place; queueReloaded() follows.
    void refresh();
    qint64 currentProposalId() const;
    bool selectProposal(qint64 id);
    int pendingCount() const;

    void approveCurrent();
    void rejectCurrent();
    void editCurrent();
    void selectNext();
    void selectPrevious();
    void showShortcuts();
    void bulkApprove();
    void bulkReject();

    ProposalQueueModel *queueModel() const { return m_model; }
    LedgerRunner *runner() const { return m_runner; }
    NoticeBar *noticeBar() const { return m_notice; }

Q_SIGNALS:
    // A decision (or a bulk job) reported back; the queue has been re-read.
    void decisionFinished(qint64 proposalId);
    // A read of the queue ended: shown, or (ok false) the notice says why and the last queue stays.
    void queueReloaded(bool ok = true);

protected:
    void reload() override { refresh(); }

private:
    void applyQueue(ReviewQueue queue, bool sameWorkspace);
    void onQueueRead(ReadResult<ReviewQueue> result);
    void buildLayout();
    void buildActions();
    QAction *addShortcut(const QString &text, const QList<QKeySequence> &keys, void (ReviewPage::*slot)());
    void expandGroups();
    QList<QModelIndex> visibleProposalRows() const;
    void moveSelection(int step);
    void advanceAfterDecision(qint64 decided);
    void onCurrentChanged();
    void updateCounts();
    void updateButtons();

    // Decisions (ReviewDecisions.cpp).
    void withReviewer(std::function<void(const QString &)> then);
    void submitDecision(const QList<qint64> &ids, LedgerJob job);
    void onLedgerFinished(int tag, const LedgerOutcome &outcome);
    QString describe(const QList<qint64> &ids, const LedgerOutcome &outcome, bool *applied) const;
    QList<qint64> visibleLowStakes() const;

    QString m_path;
    LatestRead *m_reader = nullptr;
    bool m_shownPathLoaded = false;     // the model shows m_path's queue (not a previous workspace's)
    QList<qint64> m_decided;            // decisions whose re-read is still to report (decisionFinished)
    ProposalQueueModel *m_model = nullptr;
    ProposalFilterProxy *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_stakesFilter = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_bulkApprove = nullptr;
    QPushButton *m_bulkReject = nullptr;
    QPushButton *m_approveButton = nullptr;
    QPushButton *m_rejectButton = nullptr;
    QPushButton *m_editButton = nullptr;
    ProposalDetailView *m_detail = nullptr;
    NoticeBar *m_notice = nullptr;
    PromptBar *m_prompt = nullptr;
    LedgerRunner *m_runner = nullptr;
    QList<QAction *> m_shortcutActions;
    QHash<int, QList<qint64>> m_jobs;   // ledger job tag -> the proposals it decides
    qint64 m_currentId = 0;
    QList<qint64> m_order;              // proposal ids in display order, before the last reload
};

} // namespace reverie::ui
