#pragma once

#include "core/store/TrajectoryQueries.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QToolButton;

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

// Saved browser views: a list to pick one from, and buttons to save the current filters under
// a name or delete the picked view. Stored in the workspace, so a team shares them.
class SavedViewsBar : public QWidget {
    Q_OBJECT
public:
    using FilterSource = std::function<store::TrajectoryFilter()>;
    SavedViewsBar(FilterSource current, QWidget *parent = nullptr);

    void setWorkspace(store::Workspace *ws);
    // Saves the current filters as `name` (replacing a view of that name) and selects it.
    bool saveAs(const QString &name);
    // Asks for a name, then saves.
    void promptSave();
    bool apply(const QString &name);
    void removeCurrent();
    // The filters were changed by hand: the list shows "(current filters)" again.
    void clearSelection();
    QStringList names() const;

Q_SIGNALS:
    void viewApplied(const reverie::store::TrajectoryFilter &filter);
    void failed(const QString &message);

private:
    void reloadNames(const QString &select);

    FilterSource m_current;
    store::Workspace *m_ws = nullptr;
    QComboBox *m_combo = nullptr;
    QToolButton *m_save = nullptr;
    QToolButton *m_delete = nullptr;
};

} // namespace reverie::ui
