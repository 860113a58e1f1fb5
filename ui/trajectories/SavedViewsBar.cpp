#include "ui/trajectories/SavedViewsBar.h"

#include "core/model/Error.h"
#include "core/store/SavedViews.h"
#include "ui/common/LatestRead.h"
#include "ui/common/WorkspaceWriter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QToolButton>

namespace reverie::ui {

SavedViewsBar::SavedViewsBar(FilterSource current, QWidget *parent) : QWidget(parent), m_current(std::move(current))
{
    setObjectName(QStringLiteral("savedViewsBar"));
    m_names = new LatestRead(this);
    m_loader = new LatestRead(this);
    m_writer = new WorkspaceWriter(this);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("savedViews"));
    m_combo->setMinimumContentsLength(14);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_save = new QToolButton(this);
    m_save->setObjectName(QStringLiteral("saveView"));
    m_save->setText(tr("Save View…"));
    m_save->setToolTip(tr("Save the current filters and search as a named view (Ctrl+Shift+S)"));
    m_delete = new QToolButton(this);
    m_delete->setObjectName(QStringLiteral("deleteView"));
    m_delete->setText(tr("Delete"));
    m_delete->setToolTip(tr("Delete the selected saved view"));
    auto *label = new QLabel(tr("Vie&w:"), this);
    label->setBuddy(m_combo);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addWidget(m_save);
    layout->addWidget(m_delete);

    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            apply(m_combo->itemText(index));
    });
    connect(m_save, &QToolButton::clicked, this, &SavedViewsBar::promptSave);
    connect(m_delete, &QToolButton::clicked, this, &SavedViewsBar::removeCurrent);
    reloadNames({});
}

void SavedViewsBar::setWorkspacePath(const QString &path)
{
    m_path = path;
    reloadNames({});
}

void SavedViewsBar::reload()
{
    reloadNames(m_combo->currentIndex() > 0 ? m_combo->currentText() : QString());
}

QStringList SavedViewsBar::names() const
{
    QStringList out;
    for (int i = 1; i < m_combo->count(); ++i)
        out << m_combo->itemText(i);
    return out;
}

void SavedViewsBar::reloadNames(const QString &select)
{
    setEnabled(!m_path.isEmpty());
    if (m_path.isEmpty()) {
        m_names->cancel();
        showNames({}, {});
        return;
    }
    m_names->run<QStringList>(
        m_path, [](store::Workspace &ws, const std::atomic_bool &) { return store::SavedViews(ws).names(); },
        [this, select](ReadResult<QStringList> r) {
            if (!r.ok())
                Q_EMIT failed(tr("Reading the saved views failed: %1").arg(r.error));
            showNames(r.value.value_or(names()), select);
        });
}

void SavedViewsBar::showNames(const QStringList &names, const QString &select)
{
    {
        const QSignalBlocker block(m_combo);
        m_combo->clear();
        m_combo->addItem(tr("(current filters)"));
        m_combo->addItems(names);
        m_combo->setCurrentIndex(std::max(0, int(m_combo->findText(select))));
        m_delete->setEnabled(m_combo->currentIndex() > 0);
    }
    Q_EMIT namesChanged();
}

bool SavedViewsBar::saveAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (m_path.isEmpty() || trimmed.isEmpty())
        return false;
    const store::TrajectoryFilter filter = m_current();
    m_writer->submit(
        m_path, [trimmed, filter](store::Workspace &ws) { store::SavedViews(ws).save(trimmed, filter); },
        [this, trimmed](const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT failed(tr("Saving the view “%1” failed: %2").arg(trimmed, error));
                return;
            }
            reloadNames(trimmed);
        });
    return true;
}

void SavedViewsBar::promptSave()
{
    bool ok = false;
    const QString current = m_combo->currentIndex() > 0 ? m_combo->currentText() : QString();
    const QString name = QInputDialog::getText(this, tr("Save View"), tr("Name of the view:"), QLineEdit::Normal,
                                               current, &ok);
    if (ok)
        saveAs(name);
}

bool SavedViewsBar::apply(const QString &name)
{
    if (m_path.isEmpty())
        return false;
    m_loader->run<std::optional<store::TrajectoryFilter>>(
        m_path, [name](store::Workspace &ws, const std::atomic_bool &) { return store::SavedViews(ws).load(name); },
        [this, name](ReadResult<std::optional<store::TrajectoryFilter>> r) {
            if (!r.ok()) {
                Q_EMIT failed(tr("Reading the view “%1” failed: %2").arg(name, r.error));
                return;
            }
            if (!*r.value) {
                Q_EMIT failed(tr("The view “%1” is no longer in this workspace.").arg(name));
                reloadNames({});
                return;
            }
            m_combo->setCurrentIndex(m_combo->findText(name));
            m_delete->setEnabled(true);
            Q_EMIT viewApplied(**r.value);
        });
    return true;
}

void SavedViewsBar::clearSelection()
{
    const QSignalBlocker block(m_combo);
    m_combo->setCurrentIndex(0);
    m_delete->setEnabled(false);
}

void SavedViewsBar::removeCurrent()
{
    if (m_path.isEmpty() || m_combo->currentIndex() <= 0)
        return;
    const QString name = m_combo->currentText();
    m_writer->submit(
        m_path, [name](store::Workspace &ws) { store::SavedViews(ws).remove(name); },
        [this, name](const QString &error) {
            if (!error.isEmpty())
                Q_EMIT failed(tr("Deleting the view “%1” failed: %2").arg(name, error));
            reloadNames({});
        });
}

} // namespace reverie::ui
