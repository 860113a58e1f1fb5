#pragma once

#include <QAbstractListModel>
#include <QString>

#include <functional>
#include <vector>

namespace reverie::ui {

// The background tasks that are running (imports, dream passes, ...), with their progress and
// a way to cancel each. Controllers add a task when they start one and finish it when it ends.
class TaskListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TaskIdRole = Qt::UserRole + 1, ProgressRole, CancellableRole, CancellingRole };

    explicit TaskListModel(QObject *parent = nullptr);

    // Returns the task's id. `cancel` may be empty for tasks that cannot be cancelled.
    int addTask(const QString &title, std::function<void()> cancel = {});
    // Permille (0..1000), or -1 while the amount of work is unknown.
    void setProgress(int id, int permille);
    void setTitle(int id, const QString &title);
    void finishTask(int id);
    // Asks the task to stop; it stays listed (as "cancelling") until its controller finishes it.
    void cancelTask(int id);
    void cancelAll();
    int taskCount() const { return int(m_tasks.size()); }
    int rowOf(int id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Task {
        int id = 0;
        QString title;
        int progress = -1;
        bool cancelling = false;
        std::function<void()> cancel;
    };
    std::vector<Task> m_tasks;
    int m_nextId = 1;
};

} // namespace reverie::ui
