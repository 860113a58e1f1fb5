#pragma once

#include <QWidget>

#include <vector>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QToolButton;

namespace reverie::ui {

class TaskListModel;

// The status-bar area listing running background tasks: title, progress bar and a cancel
// button each. Empty (and hidden) when nothing runs.
class TaskStatusArea : public QWidget {
    Q_OBJECT
public:
    explicit TaskStatusArea(TaskListModel *model, QWidget *parent = nullptr);

private:
    struct Row {
        QLabel *title;
        QProgressBar *bar;
        QToolButton *cancel;
    };
    void rebuild();
    void update(int row);

    TaskListModel *m_model;
    QHBoxLayout *m_layout;
    std::vector<Row> m_rows;
};

} // namespace reverie::ui
