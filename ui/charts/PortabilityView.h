#pragma once

#include "ui/charts/HeatMapData.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QListWidget;
class QTableView;

namespace reverie::ui {

class PortabilityModel;

// Does the playbook travel between models? A version x model heat map of success rates, each
// cell with its run count and interval, and under it the rules that help one model and hurt
// another. Reads the workspace on a worker with its own connection.
class PortabilityView : public QWidget {
    Q_OBJECT
public:
    explicit PortabilityView(QWidget *parent = nullptr);

    // Where to read from; nothing is read until reload() (or, when a read is under way, once it ends).
    void setWorkspacePath(const QString &path);
    // Reads again on a worker; a read still running is dropped and `loaded` follows the new one.
    void reload();

    PortabilityModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QListWidget *flaggedList() const { return m_flagged; }
    QLabel *flaggedNote() const { return m_flaggedNote; }

Q_SIGNALS:
    void loaded();

private:
    void onLoaded();
    void apply(const charts::PortabilityData &data);

    QString m_path;
    PortabilityModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_flaggedNote = nullptr;
    QListWidget *m_flagged = nullptr;
    QFutureWatcher<charts::PortabilityData> m_loader;
    bool m_reloadQueued = false;
};

} // namespace reverie::ui
