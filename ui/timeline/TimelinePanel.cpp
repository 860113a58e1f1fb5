#include "ui/timeline/TimelinePanel.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/common/LatestRead.h"
#include "ui/timeline/StepDetailPane.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelineLoader.h"
#include "ui/timeline/TimelinePainter.h"
#include "ui/timeline/TimelineView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTextDocument>
#include <QCursor>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <optional>

namespace reverie::ui {

namespace {
QString verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Success: return TimelinePanel::tr("success");
    case Verdict::Failure: return TimelinePanel::tr("failure");
    case Verdict::Unknown: break;
    }
    return TimelinePanel::tr("no verdict");
}

// Which playbook the run saw, and how that is known.
QString playbookText(const TrajectoryInfo &info)
{
    if (info.playbookVersion <= 0)
        return TimelinePanel::tr("Playbook unknown");
    if (info.playbookSource == QLatin1String("explicit"))
        return TimelinePanel::tr("Playbook version %1 (recorded with the run or named at import)")
            .arg(info.playbookVersion);
    if (info.playbookSource == QLatin1String("marker"))
        return TimelinePanel::tr("Playbook version %1 (from the published block found in its instructions)")
            .arg(info.playbookVersion);
    if (info.playbookSource == QLatin1String("publish"))
        return TimelinePanel::tr("Playbook version %1 (published to its folder when it started)")
            .arg(info.playbookVersion);
    return TimelinePanel::tr("Playbook version %1").arg(info.playbookVersion);
}
} // namespace

TimelinePanel::TimelinePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelinePanel"));
    m_loader = new TimelineLoader(this);
    m_summaryReader = new LatestRead(this);
    m_stepReader = new LatestRead(this);
    m_tipReader = new LatestRead(this);
    m_view = new TimelineView(this);
    m_detail = new StepDetailPane(this);

    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("timelineHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);

    m_toolbar = new QWidget(this);
    auto *tools = new QHBoxLayout(m_toolbar);
    tools->setContentsMargins(0, 0, 0, 0);
    tools->setSpacing(2);
    connect(addButton(QStringLiteral("previousError"), tr("◀ Error"), tr("Previous error (Shift+E)")),
            &QToolButton::clicked, m_view, &TimelineView::previousError);
    connect(addButton(QStringLiteral("nextError"), tr("Error ▶"), tr("Next error (E)")), &QToolButton::clicked,
            m_view, &TimelineView::nextError);
    connect(addButton(QStringLiteral("nextEvidence"), tr("Evidence ▶"), tr("Next step cited as dream evidence (J)")),
            &QToolButton::clicked, m_view, &TimelineView::nextEvidence);
    tools->addSpacing(8);
    connect(addButton(QStringLiteral("zoomOut"), tr("−"), tr("Zoom out (-)")), &QToolButton::clicked, m_view,
            &TimelineView::zoomOut);
    connect(addButton(QStringLiteral("zoomIn"), tr("+"), tr("Zoom in (+, Ctrl+wheel)")), &QToolButton::clicked,
            m_view, &TimelineView::zoomIn);
    connect(addButton(QStringLiteral("fit"), tr("Fit"), tr("Show the whole run (F or 0)")), &QToolButton::clicked,
            m_view, &TimelineView::fit);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_toolbar);

    auto *hint = new QLabel(tr("←/→ or N/P step · E/Shift+E error · J evidence · +/− zoom · F fit · "
                               "Shift+←/→ or drag to pan · Enter read the step · Esc back"),
                            this);
    hint->setObjectName(QStringLiteral("timelineKeys"));
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addWidget(hint);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({720, 440});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    setFocusProxy(m_view);

    m_view->setTooltipProvider([this](int index) { return tooltipFor(index); });
    connect(m_loader, &TimelineLoader::loaded, this, &TimelinePanel::onLoaded);
    connect(m_loader, &TimelineLoader::failed, this, [this](qint64, const QString &message) {
        m_header->setText(tr("Cannot load this trajectory: %1").arg(message));
        Q_EMIT failed(tr("Loading the timeline failed: %1").arg(message));
    });
    connect(m_view, &TimelineView::currentChanged, this, &TimelinePanel::onCurrentChanged);
    connect(m_view, &TimelineView::leaveRequested, this, &TimelinePanel::leaveRequested);
    connect(m_view, &TimelineView::stepActivated, m_detail, &StepDetailPane::focusText);
    connect(m_detail, &StepDetailPane::leaveRequested, m_view, [this] { m_view->setFocus(Qt::OtherFocusReason); });
    m_header->setText(tr("No trajectory open"));
}

TimelinePanel::~TimelinePanel() = default;

QToolButton *TimelinePanel::addButton(const QString &name, const QString &text, const QString &tip)
{
    auto *button = new QToolButton(m_toolbar);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::NoFocus);   // the keys on the timeline do the same
    m_toolbar->layout()->addWidget(button);
    return button;
}

void TimelinePanel::setWorkspacePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_trajectoryId = 0;
    m_loader->cancel();
    m_summaryReader->cancel();
    m_stepReader->cancel();
    m_tipReader->cancel();
    m_tipTexts.clear();
    m_view->setData(nullptr);
    m_detail->clear();
    m_header->setText(tr("No trajectory open"));
}

bool TimelinePanel::isLoading() const { return m_loader->isLoading(); }

void TimelinePanel::openTrajectory(qint64 trajectoryId, qint64 stepId)
{
    if (m_path.isEmpty())
        return;
    if (trajectoryId == m_trajectoryId && !m_loader->isLoading() && m_view->data()) {
        // Already shown: only move to the step.
        const int index = stepId ? m_view->data()->indexOfStep(stepId) : -1;
        if (index >= 0)
            m_view->setCurrentIndex(index);
        Q_EMIT loaded(trajectoryId);
        return;
    }
    m_trajectoryId = trajectoryId;
    m_pendingStep = stepId;
    m_tipTexts.clear();
    m_detail->clear();
    m_header->setToolTip({});
    m_summaryReader->run<std::optional<TrajectorySummary>>(
        m_path,
        [trajectoryId](store::Workspace &ws, const std::atomic_bool &) { return store::TrajectoryQueries(ws).get(trajectoryId); },
        [this, trajectoryId](ReadResult<std::optional<TrajectorySummary>> r) {
            if (!r.ok()) {
                m_header->setText(tr("Cannot load this trajectory: %1").arg(r.error));
                Q_EMIT failed(tr("Reading trajectory %1 failed: %2").arg(trajectoryId).arg(r.error));
            } else if (!*r.value) {
                m_header->setText(tr("Trajectory %1 is not in this workspace").arg(trajectoryId));
            } else {
                showHeader(**r.value);
            }
        });
    m_loader->load(m_path, trajectoryId);
}

void TimelinePanel::showHeader(const TrajectorySummary &t)
{
    QStringList parts{t.info.externalId};
    if (!t.info.workflow.isEmpty())
        parts << t.info.workflow;
    if (!t.info.model.isEmpty())
        parts << t.info.model;
    parts << verdictText(t.info.verdict) << tr("%n step(s)", nullptr, t.stepCount)
          << tr("%n error(s)", nullptr, t.errorCount) << playbookText(t.info);
    m_header->setText(parts.join(QStringLiteral("  ·  ")));
    // The header may be cut short: the tooltip keeps all of it, with the run's folder.
    QString tip = m_header->text();
    if (!t.info.cwd.isEmpty())
        tip += QLatin1Char('\n') + tr("Worked in %1").arg(t.info.cwd);
    m_header->setToolTip(Qt::convertFromPlainText(tip));   // untrusted text, shown as text
}

void TimelinePanel::refresh()
{
    if (m_trajectoryId == 0 || m_path.isEmpty())
        return;
    m_pendingStep = m_view->currentStepId();
    m_loader->load(m_path, m_trajectoryId);
}

void TimelinePanel::onLoaded(qint64 trajectoryId)
{
    if (trajectoryId != m_trajectoryId)
        return;
    const auto data = m_loader->result();
    m_view->setData(data);
    int index = m_pendingStep ? data->indexOfStep(m_pendingStep) : -1;
    if (index < 0)
        index = data->errorIndexes.empty() ? (data->isEmpty() ? -1 : 0) : data->errorIndexes.front();
    m_view->setCurrentIndex(index);
    m_pendingStep = 0;
    Q_EMIT loaded(trajectoryId);
}

QString TimelinePanel::timeLabel(int index) const
{
    const TimelineData *d = m_view->data();
    if (!d || index < 0 || d->axis != TimelineData::Axis::Time)
        return {};
    return TimelinePainter::tickLabel(d->starts[std::size_t(index)], 1, true);
}

void TimelinePanel::onCurrentChanged(int index)
{
    const TimelineData *d = m_view->data();
    if (m_path.isEmpty() || !d || index < 0) {
        m_stepReader->cancel();
        m_detail->clear();
        return;
    }
    // One row, by primary key: the only step text the timeline reads, and on a worker.
    const qint64 stepId = d->stepIds[std::size_t(index)];
    const QString when = timeLabel(index);
    const bool evidence = d->flags[std::size_t(index)] & TimelineData::Evidence;
    m_stepReader->run<std::optional<store::StoredStep>>(
        m_path, [stepId](store::Workspace &ws, const std::atomic_bool &) { return store::TrajectoryQueries(ws).step(stepId); },
        [this, stepId, when, evidence](ReadResult<std::optional<store::StoredStep>> r) {
            if (!r.ok()) {
                m_detail->clear();
                Q_EMIT failed(tr("Reading the step failed: %1").arg(r.error));
                return;
            }
            if (!*r.value) {
                m_detail->clear();
                return;
            }
            m_tipTexts.insert(stepId, (*r.value)->step.text);
            m_detail->showStep(**r.value, when, evidence);
            Q_EMIT stepShown(stepId);
        });
}

QString TimelinePanel::tooltipFor(int index)
{
    const TimelineData *d = m_view->data();
    if (!d || index < 0 || index >= d->size())
        return {};
    const std::size_t i = std::size_t(index);
    QStringList head{tr("#%1").arg(d->seqs[i]), TimelinePainter::laneName(int(d->kinds[i]))};
    if (!d->toolName(index).isEmpty())
        head << d->toolName(index);
    const QString when = timeLabel(index);
    if (!when.isEmpty())
        head << when;
    if (d->flags[i] & TimelineData::Error)
        head << tr("error");
    if (d->flags[i] & TimelineData::Evidence)
        head << tr("evidence");
    const auto cached = m_tipTexts.constFind(d->stepIds[i]);
    if (cached == m_tipTexts.constEnd()) {
        // The text is read on a worker; the tooltip is shown again with it when it arrives.
        readTooltipStep(index);
        return head.join(QStringLiteral(" · "));
    }
    QString text = cached->simplified();
    if (text.size() > 300)
        text = text.left(300) + QChar(0x2026);
    return head.join(QStringLiteral(" · ")) + (text.isEmpty() ? QString() : QStringLiteral("\n") + text);
}

void TimelinePanel::readTooltipStep(int index)
{
    const TimelineData *d = m_view->data();
    if (m_path.isEmpty() || !d)
        return;
    const qint64 stepId = d->stepIds[std::size_t(index)];
    m_tipReader->run<QString>(
        m_path,
        [stepId](store::Workspace &ws, const std::atomic_bool &) {
            const auto step = store::TrajectoryQueries(ws).step(stepId);
            return step ? step->step.text : QString();
        },
        [this, stepId, index](ReadResult<QString> r) {
            if (!r.ok())
                return;   // the tooltip keeps its first line; the detail pane reports failures
            if (m_tipTexts.size() > 512)
                m_tipTexts.clear();
            m_tipTexts.insert(stepId, *r.value);
            const TimelineData *d = m_view->data();
            if (QToolTip::isVisible() && d && index < d->size() && d->stepIds[std::size_t(index)] == stepId
                && m_view->underMouse())
                QToolTip::showText(QCursor::pos(), Qt::convertFromPlainText(tooltipFor(index), Qt::WhiteSpaceNormal),
                                   m_view);
        });
}

} // namespace reverie::ui
