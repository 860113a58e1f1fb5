#pragma once

#include "ui/Page.h"
#include "ui/history/HistorySnapshot.h"
#include "ui/common/LedgerRunner.h"

#include <QHash>

#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QTableView;
class QListWidget;
class QTabWidget;

namespace reverie::ui {

class LatestRead;
class NoticeBar;
class OutcomeCharts;
class PromptBar;
class VersionDiffView;
class VersionListModel;

// Playbook history: every version with author, reason, time and change; a diff between any
// two; "Roll back to this version" and "Revert this change" in one click, each followed by a
// notice with Undo (undoing appends again: history is never rewritten); versions whose success
// dropped against their parent marked "regressed", with "Revert the change that introduced it";
// where the playbook is published and which version each target holds; and the outcome charts
// (Stats tab).
class HistoryPage : public Page {
    Q_OBJECT
public:
    explicit HistoryPage(QWidget *parent = nullptr);
    ~HistoryPage() override;

    void setWorkspace(const QString &path) override;
    QString title() const override;

    // Re-reads history, publish state and stats on a worker; `loaded` reports it.
    void refresh();
    const HistorySnapshot &snapshot() const { return m_snapshot; }
    int selectedVersion() const;
    bool selectVersion(int number);

    void rollBackToSelected();
    void revertSelected();
    // Takes the change that made the selected regressed version's success drop back out, through
    // the ledger (a high-stakes one becomes a request for approvers).
    void revertRegressionOfSelected();
    // Runs the undo the notice offers (Ctrl+Z); false when there is none.
    bool undoLast();
    void showShortcuts();

    VersionListModel *versionModel() const { return m_model; }
    VersionDiffView *diffView() const { return m_diff; }
    OutcomeCharts *charts() const { return m_charts; }
    NoticeBar *noticeBar() const { return m_notice; }

Q_SIGNALS:
    void loaded();
    void decisionFinished();

protected:
    void reload() override { refresh(); }

private:
    void buildLayout();
    void buildActions();
    void onLoaded(HistorySnapshot read);
    void applySnapshot();
    void onSelectionChanged();
    void updatePublishStatus();
    void updateButtons();
    void withReviewer(std::function<void(const QString &)> then);
    // `withReason` rebuilds the job with a reason, for when the gate asks for one.
    void submit(const QString &doing, int undoTo, LedgerJob job,
                std::function<LedgerJob(const QString &reason)> withReason = {});
    void onLedgerFinished(int tag, const LedgerOutcome &outcome);

    struct Pending {
        QString doing;   // what the job does, for the notice
        int undoTo = 0;  // the version that was current before: Undo rolls back to it
        std::function<LedgerJob(const QString &reason)> withReason;
    };

    QString m_path;
    VersionListModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QTabWidget *m_tabs = nullptr;
    VersionDiffView *m_diff = nullptr;
    OutcomeCharts *m_charts = nullptr;
    QListWidget *m_publishLog = nullptr;
    QLabel *m_publish = nullptr;
    QPushButton *m_rollback = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_revertRegression = nullptr;
    QAction *m_revertRegressionAction = nullptr;
    NoticeBar *m_notice = nullptr;
    PromptBar *m_prompt = nullptr;
    LedgerRunner *m_runner = nullptr;
    QList<QAction *> m_shortcutActions;
    LatestRead *m_reader = nullptr;
    HistorySnapshot m_snapshot;
    int m_wantSelected = 0;
    int m_undoValidAt = 0;   // the version the notice's Undo was offered for
    QHash<int, Pending> m_pending;
};

} // namespace reverie::ui
