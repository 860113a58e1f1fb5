#pragma once

#include "ui/Page.h"

#include <functional>

class QPlainTextEdit;
class QTableView;

namespace reverie::ui {

class DreamController;
class LatestRead;
class NoticeBar;
class DreamLauncher;
class DreamRunListModel;
class EvidenceListModel;
class ProposalListModel;
class TaskListModel;

// Dreams: start a pass (engine and selection) and follow it; below, every dream run with its
// status or error, the proposals of the selected run and the evidence of the selected
// proposal. Activating evidence opens that step on the timeline. Everything is read on
// workers (LatestRead); a read that fails says so in the page's notice bar.
class DreamsPage : public Page {
    Q_OBJECT
public:
    explicit DreamsPage(QWidget *parent = nullptr);
    ~DreamsPage() override;

    void setWorkspace(const QString &path) override;
    QString title() const override;
    // Running passes are listed in the window's status area too.
    void setTaskList(TaskListModel *tasks) { m_tasks = tasks; }

    bool startDream();
    void cancelDream();
    // Re-reads the runs (and the launcher's choices) on a worker; runsLoaded() follows.
    void refresh();
    // Selects a listed run; its proposals are read on a worker (proposalsLoaded() follows) and
    // the first is selected. False when the run is not listed.
    bool selectRun(qint64 runId);

    DreamController *controller() const { return m_controller; }
    DreamLauncher *launcher() const { return m_launcher; }
    DreamRunListModel *runModel() const { return m_runs; }
    ProposalListModel *proposalModel() const { return m_proposals; }
    EvidenceListModel *evidenceModel() const { return m_evidence; }
    NoticeBar *noticeBar() const { return m_notice; }

Q_SIGNALS:
    // A pass ended (any status); `runId` is 0 when it was cancelled before it recorded a run.
    void dreamFinished(qint64 runId, int status);
    // A read ended: shown, or (ok false) the notice says what failed and the last lists stay.
    void runsLoaded(bool ok);
    void proposalsLoaded(bool ok);

protected:
    void reload() override { refresh(); }

private:
    void readRuns(std::function<void()> then);
    void onRunChanged();
    void onProposalChanged();
    void onFinished(qint64 runId, int status, const QString &error);

    QString m_path;
    LatestRead *m_runReader = nullptr;
    LatestRead *m_proposalReader = nullptr;
    NoticeBar *m_notice = nullptr;
    TaskListModel *m_tasks = nullptr;
    int m_taskId = 0;
    qint64 m_newestBeforeStart = 0;
    DreamController *m_controller = nullptr;
    DreamLauncher *m_launcher = nullptr;
    DreamRunListModel *m_runs = nullptr;
    ProposalListModel *m_proposals = nullptr;
    EvidenceListModel *m_evidence = nullptr;
    QTableView *m_runTable = nullptr;
    QTableView *m_proposalTable = nullptr;
    QTableView *m_evidenceTable = nullptr;
    QPlainTextEdit *m_detail = nullptr;
};

} // namespace reverie::ui
