#include "ui/trajectories/TrajectoryFilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
// The earliest date doubles as "any date": the edit shows "any" there.
const QDate kAnyDate(2000, 1, 1);

QDateEdit *makeDateEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(TrajectoryFilterBar::tr("any"));
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setDate(kAnyDate);
    return edit;
}

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

void refill(QComboBox *combo, const QString &all, const QStringList &items)
{
    const QString current = combo->currentIndex() > 0 ? combo->currentText() : QString();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(all);
    combo->addItems(items);
    combo->setCurrentIndex(std::max(0, current.isEmpty() ? 0 : int(combo->findText(current))));
}

void selectText(QComboBox *combo, const QString &text)
{
    if (text.isEmpty()) {
        combo->setCurrentIndex(0);
        return;
    }
    if (combo->findText(text) < 0)
        combo->addItem(text);   // a saved view may name a workflow that has no runs right now
    combo->setCurrentIndex(combo->findText(text));
}
} // namespace

TrajectoryFilterBar::TrajectoryFilterBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search the text of every step (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_verdict = new QComboBox(this);
    m_verdict->setObjectName(QStringLiteral("verdictFilter"));
    m_verdict->addItem(tr("All verdicts"), -1);
    m_verdict->addItem(tr("Failed"), int(Verdict::Failure));
    m_verdict->addItem(tr("Succeeded"), int(Verdict::Success));
    m_verdict->addItem(tr("No verdict"), int(Verdict::Unknown));
    m_workflow = new QComboBox(this);
    m_workflow->setObjectName(QStringLiteral("workflowFilter"));
    m_workflow->addItem(tr("All workflows"));
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelFilter"));
    m_model->addItem(tr("All models"));
    m_from = makeDateEdit(QStringLiteral("fromDate"), this);
    m_to = makeDateEdit(QStringLiteral("toDate"), this);
    m_errors = new QCheckBox(tr("Has &errors"), this);
    m_errors->setObjectName(QStringLiteral("errorsOnly"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("trajectoryCount"));

    m_topRow = new QHBoxLayout;
    m_topRow->addWidget(m_search, 1);
    auto *filters = new QHBoxLayout;
    filters->addWidget(buddyLabel(tr("&Verdict:"), m_verdict, this));
    filters->addWidget(m_verdict);
    filters->addSpacing(6);
    filters->addWidget(buddyLabel(tr("&Workflow:"), m_workflow, this));
    filters->addWidget(m_workflow);
    filters->addSpacing(6);
    filters->addWidget(buddyLabel(tr("&Model:"), m_model, this));
    filters->addWidget(m_model);
    filters->addSpacing(6);
    filters->addWidget(buddyLabel(tr("Fr&om:"), m_from, this));
    filters->addWidget(m_from);
    filters->addWidget(buddyLabel(tr("T&o:"), m_to, this));
    filters->addWidget(m_to);
    filters->addSpacing(6);
    filters->addWidget(m_errors);
    filters->addStretch(1);
    filters->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_topRow);
    layout->addLayout(filters);

    auto changed = [this] {
        if (!m_applying)
            Q_EMIT filterChanged();
    };
    // Search as the user types, but one query after a short pause rather than one per key.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, changed);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, changed);
    connect(m_workflow, &QComboBox::currentIndexChanged, this, changed);
    connect(m_model, &QComboBox::currentIndexChanged, this, changed);
    connect(m_errors, &QCheckBox::toggled, this, changed);
    connect(m_from, &QDateEdit::dateChanged, this, changed);
    connect(m_to, &QDateEdit::dateChanged, this, changed);
}

void TrajectoryFilterBar::addTrailingWidget(QWidget *w) { m_topRow->addWidget(w); }

void TrajectoryFilterBar::setChoices(const QStringList &workflows, const QStringList &models)
{
    refill(m_workflow, tr("All workflows"), workflows);
    refill(m_model, tr("All models"), models);
}

store::TrajectoryFilter TrajectoryFilterBar::filter() const
{
    store::TrajectoryFilter f;
    const int verdict = m_verdict->currentData().toInt();
    if (verdict >= 0)
        f.verdict = static_cast<Verdict>(verdict);
    f.workflow = m_workflow->currentIndex() > 0 ? m_workflow->currentText() : QString();
    f.model = m_model->currentIndex() > 0 ? m_model->currentText() : QString();
    f.errorsOnly = m_errors->isChecked();
    if (m_from->date() > kAnyDate)
        f.fromMs = m_from->date().startOfDay().toMSecsSinceEpoch();
    if (m_to->date() > kAnyDate)
        f.toMs = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();   // the whole "to" day
    f.search = m_search->text().trimmed();
    return f;
}

void TrajectoryFilterBar::setFilter(const store::TrajectoryFilter &f)
{
    m_applying = true;
    m_verdict->setCurrentIndex(std::max(0, m_verdict->findData(f.verdict ? int(*f.verdict) : -1)));
    selectText(m_workflow, f.workflow);
    selectText(m_model, f.model);
    m_errors->setChecked(f.errorsOnly);
    m_from->setDate(f.fromMs >= 0 ? QDateTime::fromMSecsSinceEpoch(f.fromMs).date() : kAnyDate);
    m_to->setDate(f.toMs >= 0 ? QDateTime::fromMSecsSinceEpoch(f.toMs - 1).date() : kAnyDate);
    {
        const QSignalBlocker block(m_search);   // no second, debounced query
        m_search->setText(f.search);
    }
    m_applying = false;
    Q_EMIT filterChanged();
}

void TrajectoryFilterBar::setCountText(const QString &text) { m_count->setText(text); }

bool TrajectoryFilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Down) {
            if (m_debounce->isActive()) {
                m_debounce->stop();
                Q_EMIT filterChanged();   // no need to wait for the pause
            }
            Q_EMIT searchAccepted();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace reverie::ui
