#include "ui/trajectories/SavedViewsBar.h"

#include "core/model/Error.h"
#include "core/store/SavedViews.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QToolButton>

namespace reverie::ui {

SavedViewsBar::SavedViewsBar(FilterSource current, QWidget *parent) : QWidget(parent), m_current(std::move(current))
{
    setObjectName(QStringLiteral("savedViewsBar"));
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

void SavedViewsBar::setWorkspace(store::Workspace *ws)
{
    m_ws = ws;
    reloadNames({});
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
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    m_combo->addItem(tr("(current filters)"));
    if (m_ws) {
        try {
            m_combo->addItems(store::SavedViews(*m_ws).names());
        } catch (const reverie::Error &e) {
            Q_EMIT failed(e.message());
        }
    }
    m_combo->setCurrentIndex(std::max(0, int(m_combo->findText(select))));
    m_delete->setEnabled(m_combo->currentIndex() > 0);
    setEnabled(m_ws != nullptr);
}

bool SavedViewsBar::saveAs(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (!m_ws || trimmed.isEmpty())
        return false;
    try {
        store::SavedViews(*m_ws).save(trimmed, m_current());
    } catch (const reverie::Error &e) {
        Q_EMIT failed(e.message());
        return false;
    }
    reloadNames(trimmed);
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
    if (!m_ws)
        return false;
    std::optional<store::TrajectoryFilter> f;
    try {
        f = store::SavedViews(*m_ws).load(name);
    } catch (const reverie::Error &e) {
        Q_EMIT failed(e.message());
    }
    if (!f)
        return false;
    m_combo->setCurrentIndex(m_combo->findText(name));
    m_delete->setEnabled(true);
    Q_EMIT viewApplied(*f);
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
    if (!m_ws || m_combo->currentIndex() <= 0)
        return;
    try {
        store::SavedViews(*m_ws).remove(m_combo->currentText());
    } catch (const reverie::Error &e) {
        Q_EMIT failed(e.message());
    }
    reloadNames({});
}

} // namespace reverie::ui
