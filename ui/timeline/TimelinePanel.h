#pragma once

#include <QHash>
#include <QString>
#include <QWidget>

namespace reverie {
struct TrajectorySummary;
}

class QLabel;
class QToolButton;

namespace reverie::ui {

class LatestRead;
class StepDetailPane;
class TimelineLoader;
class TimelineView;

// A trajectory's timeline with its toolbar and the detail pane of the current step. Loads in
// the background; only the step being read (or hovered) is fetched with its text, on a worker
// too: the GUI thread never reads the workspace.
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);
    ~TimelinePanel() override;

    void setWorkspacePath(const QString &path);
    // Loads a trajectory and selects `stepId`, or its first error when 0.
    void openTrajectory(qint64 trajectoryId, qint64 stepId = 0);
    // Marks of dream evidence may have changed: reload the current trajectory in place.
    void refresh();
    qint64 trajectoryId() const { return m_trajectoryId; }
    const QString &workspacePath() const { return m_path; }
    bool isLoading() const;

    TimelineView *view() const { return m_view; }
    StepDetailPane *detailPane() const { return m_detail; }

Q_SIGNALS:
    void loaded(qint64 trajectoryId);
    // The detail pane shows this step (its text arrived from the worker).
    void stepShown(qint64 stepId);
    // A read failed; `message` says which.
    void failed(const QString &message);
    void leaveRequested();

private:
    void onLoaded(qint64 trajectoryId);
    void onCurrentChanged(int index);
    void showHeader(const TrajectorySummary &t);
    void readTooltipStep(int index);
    QString timeLabel(int index) const;
    QString tooltipFor(int index);
    QToolButton *addButton(const QString &name, const QString &text, const QString &tip);

    QString m_path;
    LatestRead *m_summaryReader = nullptr;
    LatestRead *m_stepReader = nullptr;
    LatestRead *m_tipReader = nullptr;
    QHash<qint64, QString> m_tipTexts;   // step id -> its text, for tooltips; small, cleared often
    qint64 m_trajectoryId = 0;
    qint64 m_pendingStep = 0;
    TimelineLoader *m_loader = nullptr;
    TimelineView *m_view = nullptr;
    StepDetailPane *m_detail = nullptr;
    QLabel *m_header = nullptr;
    QWidget *m_toolbar = nullptr;
};

} // namespace reverie::ui
