#include "ui/dreams/DreamsPage.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/common/LatestRead.h"
#include "ui/common/NoticeBar.h"
#include "ui/PageFactory.h"
#include "ui/dreams/DreamController.h"
#include "ui/dreams/DreamLauncher.h"
#include "ui/models/DreamRunListModel.h"
#include "ui/models/EvidenceListModel.h"
#include "ui/models/ProposalListModel.h"
#include "ui/models/TaskListModel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {

// What the page reads in one go: the runs, and the launcher's choices.
struct RunsRead {
    std::vector<DreamRun> runs;
    QStringList workflows;
    QStringList models;
};

QTableView *makeTable(const QString &name, QAbstractItemModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setShowGrid(false);
    table->setTabKeyNavigation(false);
    return table;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto *label = new QLabel(title, box);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

QString describe(const Proposal &p)
{
    QStringList lines{p.text, QString()};
    if (!p.rationale.isEmpty())
        lines << DreamsPage::tr("Why: %1").arg(p.rationale);
    if (!p.scope.isGlobal()) {
        lines << DreamsPage::tr("Applies to: %1")
                     .arg((p.scope.workflows + p.scope.tools + p.scope.models).join(QStringLiteral(", ")));
    }
    lines << DreamsPage::tr("Replay: %1 runs broke it (%2 failed); %3 kept it (%4 succeeded)")
                 .arg(p.replay.broke)
                 .arg(p.replay.brokeFailed)
                 .arg(p.replay.kept)
                 .arg(p.replay.keptSucceeded);
    if (p.replay.successesBreakIt)
        lines << DreamsPage::tr("Warning: successful runs routinely break this rule.");
    for (const Conflict &c : p.conflicts)
        lines << DreamsPage::tr("Conflict (%1) with %2: %3").arg(c.kind, c.ruleId, c.detail);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

DreamsPage::DreamsPage(QWidget *parent) : Page(parent)
{
    setObjectName(QStringLiteral("dreamsPage"));
    m_controller = new DreamController(this);
    m_launcher = new DreamLauncher(this);
    m_runs = new DreamRunListModel(this);
    m_proposals = new ProposalListModel(this);
    m_evidence = new EvidenceListModel(this);
    m_runReader = new LatestRead(this);
    m_proposalReader = new LatestRead(this);
    m_notice = new NoticeBar(this);

    m_runTable = makeTable(QStringLiteral("dreamRuns"), m_runs, this);
    m_runTable->horizontalHeader()->setDefaultSectionSize(90);
    m_runTable->horizontalHeader()->resizeSection(DreamRunListModel::Id, 50);
    m_runTable->horizontalHeader()->resizeSection(DreamRunListModel::Started, 150);
    m_runTable->horizontalHeader()->setSectionResizeMode(DreamRunListModel::Error, QHeaderView::Stretch);
    m_proposalTable = makeTable(QStringLiteral("proposals"), m_proposals, this);
    m_proposalTable->horizontalHeader()->setSectionResizeMode(ProposalListModel::Text, QHeaderView::Stretch);
    m_proposalTable->horizontalHeader()->setStretchLastSection(false);
    m_evidenceTable = makeTable(QStringLiteral("evidence"), m_evidence, this);
    m_evidenceTable->horizontalHeader()->resizeSection(EvidenceListModel::Trajectory, 140);
    m_detail = new QPlainTextEdit(this);
    m_detail->setObjectName(QStringLiteral("proposalDetail"));
    m_detail->setReadOnly(true);
    m_detail->setTabChangesFocus(true);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(titled(tr("Pro&posal"), m_detail, bottom));
    bottom->addWidget(titled(tr("E&vidence (Enter opens the step)"), m_evidenceTable, bottom));
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(titled(tr("Dream &runs"), m_runTable, right));
    right->addWidget(titled(tr("Proposals of the selected r&un"), m_proposalTable, right));
    right->addWidget(bottom);
    right->setChildrenCollapsible(false);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_launcher);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(m_launcher->sizeHint().width() + 20);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_notice);
    layout->addWidget(split, 1);

    auto *startAction = new QAction(tr("Start Dream Pass"), this);
    startAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    startAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(startAction, &QAction::triggered, this, &DreamsPage::startDream);
    addAction(startAction);

    connect(m_launcher, &DreamLauncher::startRequested, this, &DreamsPage::startDream);
    connect(m_launcher, &DreamLauncher::cancelRequested, this, &DreamsPage::cancelDream);
    connect(m_controller, &DreamController::progress, this, [this](int percent, const QString &stage) {
        m_launcher->setProgress(percent, stage);
        if (m_tasks && m_taskId)
            m_tasks->setProgress(m_taskId, percent * 10);
    });
    connect(m_controller, &DreamController::finished, this, &DreamsPage::onFinished);
    connect(m_runTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DreamsPage::onRunChanged);
    connect(m_proposalTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DreamsPage::onProposalChanged);
    connect(m_evidenceTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openTrajectoryRequested(index.data(EvidenceListModel::TrajectoryIdRole).toLongLong(),
                                       index.data(EvidenceListModel::StepIdRole).toLongLong());
    });
    setFocusProxy(m_launcher);
}

DreamsPage::~DreamsPage()
{
    if (m_tasks && m_taskId)
        m_tasks->finishTask(m_taskId);
}

QString DreamsPage::title() const { return tr("Dreams"); }

void DreamsPage::setWorkspace(const QString &path)
{
    const bool same = path == m_path;
    m_path = path;
    if (!same) {
        m_controller->cancel();   // a pass on the old workspace finishes there on its own
        m_notice->dismiss();
        m_proposalReader->cancel();
        m_runs->setRuns({});
        m_proposals->setProposals(0, {});
        m_evidence->setEvidence({});
        m_detail->clear();
    }
    refresh();
}

void DreamsPage::refresh() { readRuns(nullptr); }

void DreamsPage::readRuns(std::function<void()> then)
{
    if (m_path.isEmpty()) {
        m_runReader->cancel();
        Q_EMIT runsLoaded(true);
        if (then)
            then();
        return;
    }
    m_runReader->run<RunsRead>(
        m_path,
        [](store::Workspace &ws, const std::atomic_bool &) {
            RunsRead r;
            r.runs = DreamRunListModel::runsFrom(ws);
            store::TrajectoryQueries q(ws);
            r.workflows = q.workflows();
            r.models = q.models();
            return r;
        },
        [this, then = std::move(then)](ReadResult<RunsRead> result) {
            if (!result.ok()) {
                m_notice->showNotice(NoticeBar::Kind::Error, tr("Could not read the dream runs: %1").arg(result.error));
            } else {
                const qint64 keep = m_runTable->currentIndex().data(DreamRunListModel::RunIdRole).toLongLong();
                m_runs->setRuns(std::move(result.value->runs));
                m_launcher->setChoices(result.value->workflows, result.value->models);
                if (!keep || !selectRun(keep)) {
                    m_proposalReader->cancel();
                    m_proposals->setProposals(0, {});
                    m_evidence->setEvidence({});
                    m_detail->clear();
                }
            }
            Q_EMIT runsLoaded(result.ok());
            if (then)
                then();
        });
}

bool DreamsPage::selectRun(qint64 runId)
{
    const int row = m_runs->rowOf(runId);
    if (row < 0)
        return false;
    m_runTable->setCurrentIndex(m_runs->index(row, 0));
    onRunChanged();
    return true;
}

bool DreamsPage::startDream()
{
    if (m_path.isEmpty() || m_controller->isRunning())
        return false;
    m_newestBeforeStart = m_runs->rowCount() > 0 ? m_runs->runAt(0)->id : 0;
    if (!m_controller->start(m_launcher->request(m_path)))
        return false;
    m_launcher->setRunning(true);
    if (m_tasks) {
        m_taskId = m_tasks->addTask(tr("Dream pass"), [this] { cancelDream(); });
        m_tasks->setProgress(m_taskId, 0);
    }
    Q_EMIT statusMessage(tr("Dream pass started"));
    return true;
}

void DreamsPage::cancelDream()
{
    if (!m_controller->isRunning())
        return;
    m_controller->cancel();
    m_launcher->setMessage(tr("Cancelling…"));
}

void DreamsPage::onFinished(qint64 runId, int status, const QString &error)
{
    m_launcher->setRunning(false);
    if (m_tasks && m_taskId) {
        m_tasks->finishTask(m_taskId);
        m_taskId = 0;
    }
    // The outcome is told from the run as recorded, once the runs have been read again.
    readRuns([this, runId, status, error]() mutable {
        if (!runId && m_runs->rowCount() > 0 && m_runs->runAt(0)->id > m_newestBeforeStart)
            runId = m_runs->runAt(0)->id;   // a cancelled pass's future carries no result: read its run
        if (runId)
            selectRun(runId);
        const DreamRun *run = runId ? m_runs->runAt(m_runs->rowOf(runId)) : nullptr;
        const DreamStatus finalStatus = run ? run->status : static_cast<DreamStatus>(status);
        QString message;
        switch (finalStatus) {
        case DreamStatus::Succeeded:
            message = tr("Dream pass finished: %n proposal(s)", nullptr, run ? run->proposalCount : 0);
            break;
        case DreamStatus::Cancelled: message = tr("Dream pass cancelled; nothing was proposed."); break;
        case DreamStatus::Failed:
            message = tr("Dream pass failed: %1").arg(run && !run->error.isEmpty() ? run->error : error);
            break;
        case DreamStatus::Interrupted:
            message = tr("Dream pass interrupted: %1").arg(run && !run->error.isEmpty() ? run->error : error);
            break;
        case DreamStatus::Running: break;
        }
        m_launcher->setProgress(finalStatus == DreamStatus::Succeeded ? 100 : 0, message);
        Q_EMIT statusMessage(message);
        Q_EMIT workspaceChanged();
        Q_EMIT dreamFinished(runId, int(finalStatus));
    });
}

void DreamsPage::onRunChanged()
{
    const qint64 runId = m_runTable->currentIndex().data(DreamRunListModel::RunIdRole).toLongLong();
    if (!runId || m_path.isEmpty()) {
        m_proposalReader->cancel();
        m_proposals->setProposals(0, {});
        onProposalChanged();
        return;
    }
    m_proposalReader->run<std::vector<Proposal>>(
        m_path, [runId](store::Workspace &ws, const std::atomic_bool &) { return ProposalListModel::proposalsOf(ws, runId); },
        [this, runId](ReadResult<std::vector<Proposal>> result) {
            if (!result.ok()) {
                m_notice->showNotice(NoticeBar::Kind::Error,
                                     tr("Could not read the proposals of dream run %1: %2").arg(runId).arg(result.error));
                Q_EMIT proposalsLoaded(false);
                return;
            }
            const qint64 keep = m_proposalTable->currentIndex().data(ProposalListModel::ProposalIdRole).toLongLong();
            const bool sameRun = m_proposals->dreamRun() == runId;
            m_proposals->setProposals(runId, std::move(*result.value));
            int row = 0;
            for (int r = 0; sameRun && r < m_proposals->rowCount(); ++r) {
                if (m_proposals->proposalAt(r)->id == keep)
                    row = r;
            }
            if (m_proposals->rowCount() > 0)
                m_proposalTable->setCurrentIndex(m_proposals->index(row, ProposalListModel::Text));
            onProposalChanged();   // also when the current row number stayed the same
            Q_EMIT proposalsLoaded(true);
        });
}

void DreamsPage::onProposalChanged()
{
    const Proposal *p = m_proposals->proposalAt(m_proposalTable->currentIndex().row());
    m_evidence->setEvidence(p ? p->evidence : std::vector<Evidence>{});
    m_detail->setPlainText(p ? describe(*p) : QString());
}

DreamsPage *createDreamsPage(QWidget *parent) { return new DreamsPage(parent); }

} // namespace reverie::ui
