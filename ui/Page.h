#pragma once

#include <QString>
#include <QWidget>

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// One screen of the main window (Trajectories, Dreams, Review, Playbook history). The window
// owns the UI thread's workspace connection and hands it to every page; background work opens
// its own connection from `path`.
class Page : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // nullptr when no workspace is open. Pages refresh themselves from it.
    virtual void setWorkspace(store::Workspace *ws, const QString &path) = 0;
    virtual QString title() const = 0;

Q_SIGNALS:
    // Ask the window to show a trajectory on the timeline, at a step (0 = the start).
    void openTrajectoryRequested(qint64 trajectoryId, qint64 stepId);
    // Something changed that other pages show (an import, a decision, a new dream run).
    void workspaceChanged();
    void statusMessage(const QString &text);
};

} // namespace reverie::ui
