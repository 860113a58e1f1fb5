#include "ui/tasks/TaskStatusArea.h"

#include "ui/models/TaskListModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLayoutItem>
#include <QProgressBar>
#include <QToolButton>

namespace reverie::ui {

TaskStatusArea::TaskStatusArea(TaskListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("taskStatusArea"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    // Few tasks run at once: rebuilding the row widgets on each change is simplest and cheap.
    // Few tasks run at once: rows are rebuilt when tasks come and go, updated in place otherwise.
    connect(model, &QAbstractItemModel::rowsInserted, this, &TaskStatusArea::rebuild);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TaskStatusArea::rebuild);
    connect(model, &QAbstractItemModel::modelReset, this, &TaskStatusArea::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        for (int row = from.row(); row <= to.row(); ++row)
            update(row);
    });
    rebuild();
}

void TaskStatusArea::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    m_rows.clear();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const int id = m_model->index(row).data(TaskListModel::TaskIdRole).toInt();
        Row r{new QLabel(this), new QProgressBar(this), new QToolButton(this)};
        r.title->setTextFormat(Qt::PlainText);
        r.bar->setObjectName(QStringLiteral("taskProgress"));
        r.bar->setFixedWidth(140);
        r.bar->setMaximumHeight(14);
        r.bar->setTextVisible(false);
        r.cancel->setObjectName(QStringLiteral("cancelTask"));
        r.cancel->setText(tr("Cancel"));
        r.cancel->setAutoRaise(true);
        connect(r.cancel, &QToolButton::clicked, m_model, [this, id] { m_model->cancelTask(id); });
        m_layout->addWidget(r.title);
        m_layout->addWidget(r.bar);
        m_layout->addWidget(r.cancel);
        m_rows.push_back(r);
        update(row);
    }
    setVisible(!m_rows.empty());
}

void TaskStatusArea::update(int row)
{
    if (row < 0 || row >= int(m_rows.size()))
        return;
    const QModelIndex index = m_model->index(row);
    const Row &r = m_rows[std::size_t(row)];
    const QString title = index.data().toString();
    r.title->setText(title);
    const int progress = index.data(TaskListModel::ProgressRole).toInt();
    r.bar->setRange(0, progress < 0 ? 0 : 1000);   // 0..0 shows a busy indicator
    r.bar->setValue(std::max(progress, 0));
    r.cancel->setToolTip(tr("Cancel: %1").arg(title));
    r.cancel->setEnabled(index.data(TaskListModel::CancellableRole).toBool());
}

} // namespace reverie::ui
