#include "ui/charts/PortabilityView.h"

#include "ui/charts/HeatCellDelegate.h"
#include "ui/charts/PortabilityModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace reverie::ui {

namespace {
QLabel *plainLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);   // error messages and rule texts are never markup
    label->setWordWrap(true);
    return label;
}
} // namespace

PortabilityView::PortabilityView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("portabilityView"));
    auto *layout = new QVBoxLayout(this);
    m_status = plainLabel(QStringLiteral("portabilityStatus"), this);
    layout->addWidget(m_status);

    m_model = new PortabilityModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("portabilityTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new HeatCellDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);   // arrows walk the cells; Tab moves on to the list below
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAccessibleName(tr("Success rate per playbook version and model"));
    layout->addWidget(m_table, 3);

    m_flaggedNote = plainLabel(QStringLiteral("modelSpecificNote"), this);
    layout->addWidget(m_flaggedNote);
    m_flagged = new QListWidget(this);   // list items never render markup: rule texts stay plain
    m_flagged->setObjectName(QStringLiteral("modelSpecificRules"));
    m_flagged->setAccessibleName(tr("Model-specific rules"));
    m_flagged->setWordWrap(true);   // a rule's text is a sentence: read whole, not scrolled
    layout->addWidget(m_flagged, 1);

    connect(&m_loader, &QFutureWatcher<charts::PortabilityData>::finished, this, &PortabilityView::onLoaded);
    apply({});
}

void PortabilityView::setWorkspacePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    apply({});   // what another workspace showed is not this one's
    if (m_loader.isRunning())
        m_reloadQueued = true;   // the read under way is of the old one: its result is dropped
}

void PortabilityView::reload()
{
    if (m_loader.isRunning()) {
        m_reloadQueued = true;   // the running read is stale: its result is dropped
        return;
    }
    m_reloadQueued = false;
    if (m_path.isEmpty()) {
        apply({});
        Q_EMIT loaded();
        return;
    }
    // The worker gets the path by value and touches nothing of this widget.
    m_loader.setFuture(QtConcurrent::run(charts::loadPortability, m_path));
}

void PortabilityView::onLoaded()
{
    if (m_reloadQueued) {
        reload();
        return;
    }
    apply(m_loader.result());
    Q_EMIT loaded();
}

void PortabilityView::apply(const charts::PortabilityData &data)
{
    m_model->setCells(data.cells);
    if (!data.error.isEmpty())
        m_status->setText(tr("Could not read the outcomes: %1").arg(data.error));
    else if (data.cells.empty())
        m_status->setText(tr("No runs yet: import runs that record their model and playbook version."));
    else
        m_status->setText(tr("Success rate per playbook version (rows) and model (columns), with the run count "
                             "and the 95% interval. Pale cells rest on fewer than %n run(s) with a verdict.",
                             nullptr, charts::kFewRuns));

    m_flagged->clear();
    for (const stats::RulePortability &rule : data.flagged) {
        auto *item = new QListWidgetItem(charts::flaggedRuleLine(rule) + QStringLiteral(": ") + rule.text, m_flagged);
        item->setData(Qt::UserRole, rule.ruleId);
        item->setToolTip(QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(rule.text.toHtmlEscaped()));
    }
    m_flagged->setVisible(!data.flagged.empty());
    if (data.flagged.empty())
        m_flaggedNote->setText(tr("No rule significantly helps one model and hurts another."));
    else
        m_flaggedNote->setText(tr("Model-specific: %n rule(s) help one model and hurt another (one-sided Fisher "
                                  "exact p < 0.05 each way). Consider scoping them to the models they help.",
                                  nullptr, int(data.flagged.size())));
}

} // namespace reverie::ui
