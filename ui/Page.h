#pragma once

#include <QString>
#include <QWidget>

namespace reverie::ui {

// One screen of the main window (Trajectories, Dreams, Review, Playbook history). The window
// hands every page the path of the open workspace; a page reads it on workers (LatestRead)
// with connections of their own, never on the GUI thread.
class Page : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // The open workspace's file; empty when none is open. Pages read it on workers.
    virtual void setWorkspace(const QString &path) = 0;
    virtual QString title() const = 0;

    // Something the page shows may have changed (an import, a decision elsewhere): a visible
    // page re-reads at once, a hidden one when it is next shown, so that a change re-reads
    // only what someone looks at.
    void markStale();
    bool isStale() const { return m_stale; }

Q_SIGNALS:
    // Ask the window to show a trajectory on the timeline, at a step (0 = the start).
    void openTrajectoryRequested(qint64 trajectoryId, qint64 stepId);
    // Something changed that other pages show (an import, a decision, a new dream run).
    void workspaceChanged();
    void statusMessage(const QString &text);

protected:
    // Re-reads what the page shows from its workspace, keeping the user's place.
    virtual void reload() {}
    void showEvent(QShowEvent *event) override;

private:
    bool m_stale = false;
};

} // namespace reverie::ui
