#pragma once

#include "core/store/TrajectoryQueries.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QToolButton;

namespace reverie::ui {

class LatestRead;
class WorkspaceWriter;

// Saved browser views: a list to pick one from, and buttons to save the current filters under
// a name or delete the picked view. Stored in the workspace, so a team shares them. Reads run on
// a worker (LatestRead), writes on a WorkspaceWriter: the GUI thread never touches the file.
class SavedViewsBar : public QWidget {
    Q_OBJECT
public:
    using FilterSource = std::function<store::TrajectoryFilter()>;
    SavedViewsBar(FilterSource current, QWidget *parent = nullptr);

    // The workspace file the views live in; empty disables the bar. Reads the names again.
    void setWorkspacePath(const QString &path);
    void reload();
    // Saves the current filters as `name` (replacing a view of that name) and selects it once
    // written; false when there is nothing to save (no workspace, no name).
    bool saveAs(const QString &name);
    // Asks for a name, then saves.
    void promptSave();
    // Reads the view and emits viewApplied when it arrives; false without a workspace.
    bool apply(const QString &name);
    void removeCurrent();
    // The filters were changed by hand: the list shows "(current filters)" again.
    void clearSelection();
    QStringList names() const;

Q_SIGNALS:
    void viewApplied(const reverie::store::TrajectoryFilter &filter);
    // The list of names was read (after a workspace change, a save or a delete).
    void namesChanged();
    void failed(const QString &message);

private:
    void reloadNames(const QString &select);
    void showNames(const QStringList &names, const QString &select);

    FilterSource m_current;
    QString m_path;
    LatestRead *m_names = nullptr;
    LatestRead *m_loader = nullptr;
    WorkspaceWriter *m_writer = nullptr;
    QComboBox *m_combo = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_delete = nullptr;
};

} // namespace reverie::ui
