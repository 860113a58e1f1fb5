#pragma once

#include "ui/Page.h"

class QPlainTextEdit;
class QTableView;

namespace reverie::ui {

class DreamController;
class DreamLauncher;
class DreamRunListModel;
class EvidenceListModel;
class ProposalListModel;
class TaskListModel;

// Dreams: start a pass (engine and selection) and follow it; below, every dream run with its
// status or error, the proposals of the selected run and the evidence of the selected
// proposal. Activating evidence opens that step on the timeline.
class DreamsPage : public Page {
    Q_OBJECT
public:
    explicit DreamsPage(QWidget *parent = nullptr);
    ~DreamsPage() override;

    void setWorkspace(store::Workspace *ws, const QString &path) override;
    QString title() const override;
    // Running passes are listed in the window's status area too.
    void setTaskList(TaskListModel *tasks) { m_tasks = tasks; }

    bool startDream();
    void cancelDream();
    void refresh();
    // Selects a run (and its first proposal); false when it is not listed.
    bool selectRun(qint64 runId);

    DreamController *controller() const { return m_controller; }
    DreamLauncher *launcher() const { return m_launcher; }
    DreamRunListModel *runModel() const { return m_runs; }
    ProposalListModel *proposalModel() const { return m_proposals; }
    EvidenceListModel *evidenceModel() const { return m_evidence; }

Q_SIGNALS:
    // A pass ended (any status); `runId` is 0 when it was cancelled before it recorded a run.
    void dreamFinished(qint64 runId, int status);

private:
    void onRunChanged();
    void onProposalChanged();
    void onFinished(qint64 runId, int status, const QString &error);

    store::Workspace *m_ws = nullptr;
    QString m_path;
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
