#pragma once

#include <QString>
#include <QWidget>

namespace reverie::store {
class Workspace;
}

class QLabel;
class QToolButton;

namespace reverie::ui {

class StepDetailPane;
class TimelineLoader;
class TimelineView;

// A trajectory's timeline with its toolbar and the detail pane of the current step. Loads in
// the background; only the step being read (or hovered) is fetched with its text.
class TimelinePanel : public QWidget {
    Q_OBJECT
public:
    explicit TimelinePanel(QWidget *parent = nullptr);
    ~TimelinePanel() override;

    void setWorkspace(store::Workspace *ws, const QString &path);
    // Loads a trajectory and selects `stepId`, or its first error when 0.
    void openTrajectory(qint64 trajectoryId, qint64 stepId = 0);
    // Marks of dream evidence may have changed: reload the current trajectory in place.
    void refresh();
    qint64 trajectoryId() const { return m_trajectoryId; }
    bool isLoading() const;

    TimelineView *view() const { return m_view; }
    StepDetailPane *detailPane() const { return m_detail; }

Q_SIGNALS:
    void loaded(qint64 trajectoryId);
    void leaveRequested();

private:
    void onLoaded(qint64 trajectoryId);
    void onCurrentChanged(int index);
    QString timeLabel(int index) const;
    QString tooltipFor(int index) const;
    QToolButton *addButton(const QString &name, const QString &text, const QString &tip);

    store::Workspace *m_ws = nullptr;
    QString m_path;
    qint64 m_trajectoryId = 0;
    qint64 m_pendingStep = 0;
    TimelineLoader *m_loader = nullptr;
    TimelineView *m_view = nullptr;
    StepDetailPane *m_detail = nullptr;
    QLabel *m_header = nullptr;
    QWidget *m_toolbar = nullptr;
};

} // namespace reverie::ui
