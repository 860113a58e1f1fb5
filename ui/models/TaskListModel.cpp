#include "ui/models/TaskListModel.h"

namespace reverie::ui {

TaskListModel::TaskListModel(QObject *parent) : QAbstractListModel(parent) {}

int TaskListModel::rowOf(int id) const
{
    for (std::size_t i = 0; i < m_tasks.size(); ++i) {
        if (m_tasks[i].id == id)
            return int(i);
    }
    return -1;
}

int TaskListModel::addTask(const QString &title, std::function<void()> cancel)
{
    const int row = int(m_tasks.size());
    beginInsertRows({}, row, row);
    m_tasks.push_back({m_nextId, title, -1, false, std::move(cancel)});
    endInsertRows();
    return m_nextId++;
}

void TaskListModel::setProgress(int id, int permille)
{
    const int row = rowOf(id);
    if (row < 0 || m_tasks[std::size_t(row)].progress == permille)
        return;
    m_tasks[std::size_t(row)].progress = permille;
    Q_EMIT dataChanged(index(row), index(row), {ProgressRole});
}

void TaskListModel::setTitle(int id, const QString &title)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_tasks[std::size_t(row)].title = title;
    Q_EMIT dataChanged(index(row), index(row), {Qt::DisplayRole});
}

void TaskListModel::finishTask(int id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_tasks.erase(m_tasks.begin() + row);
    endRemoveRows();
}

void TaskListModel::cancelTask(int id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Task &t = m_tasks[std::size_t(row)];
    if (!t.cancel || t.cancelling)
        return;
    t.cancelling = true;
    Q_EMIT dataChanged(index(row), index(row), {CancellingRole, CancellableRole, Qt::DisplayRole});
    const auto cancel = t.cancel;   // the callback may finish the task, erasing `t`
    cancel();
}

void TaskListModel::cancelAll()
{
    std::vector<int> ids;
    for (const Task &t : m_tasks)
        ids.push_back(t.id);
    for (int id : ids)
        cancelTask(id);
}

int TaskListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_tasks.size()); }

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Task &t = m_tasks[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return t.cancelling ? tr("%1 (cancelling…)").arg(t.title) : t.title;
    case TaskIdRole: return t.id;
    case ProgressRole: return t.progress;
    case CancellableRole: return bool(t.cancel) && !t.cancelling;
    case CancellingRole: return t.cancelling;
    default: return {};
    }
}

} // namespace reverie::ui
