#include "ui/compare/CompareView.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/compare/AlignmentModel.h"
#include "ui/compare/ComparisonLoader.h"
#include "ui/common/LatestRead.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <optional>
#include <vector>

namespace reverie::ui {

namespace {
constexpr int kPartnersPerVerdict = 50;

QString describe(const TrajectorySummary &t)
{
    const QString verdict = t.info.verdict == Verdict::Failure   ? CompareView::tr("failure")
                            : t.info.verdict == Verdict::Success ? CompareView::tr("success")
                                                                 : CompareView::tr("no verdict");
    QString text = QStringLiteral("%1 · %2").arg(t.info.externalId, verdict);
    if (t.info.startedMs >= 0)
        text += QStringLiteral(" · ") + QDateTime::fromMSecsSinceEpoch(t.info.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return text;
}
} // namespace

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    m_model = new AlignmentModel(this);
    m_loader = new ComparisonLoader(this);
    m_partnerReader = new LatestRead(this);

    m_leftLabel = new QLabel(this);
    m_leftLabel->setObjectName(QStringLiteral("compareLeft"));
    m_leftLabel->setTextFormat(Qt::PlainText);
    QFont bold = m_leftLabel->font();
    bold.setBold(true);
    m_leftLabel->setFont(bold);
    m_partner = new QComboBox(this);
    m_partner->setObjectName(QStringLiteral("comparePartner"));
    m_partner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *with = new QLabel(tr("compared &with"), this);
    with->setBuddy(m_partner);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setTextFormat(Qt::PlainText);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("alignmentTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(AlignmentModel::LeftTool, QHeaderView::Stretch);
    header->setSectionResizeMode(AlignmentModel::RightTool, QHeaderView::Stretch);
    header->setSectionResizeMode(AlignmentModel::Relation, QHeaderView::Fixed);
    header->resizeSection(AlignmentModel::Relation, 36);
    header->resizeSection(AlignmentModel::LeftSeq, 56);
    header->resizeSection(AlignmentModel::RightSeq, 56);

    auto *top = new QHBoxLayout;
    top->addWidget(m_leftLabel);
    top->addWidget(with);
    top->addWidget(m_partner);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    setFocusProxy(m_table);

    connect(m_partner, &QComboBox::activated, this, [this] { startComparison(); });
    connect(m_loader, &ComparisonLoader::loaded, this, &CompareView::onLoaded);
    connect(m_loader, &ComparisonLoader::failed, this, [this](const QString &message) {
        m_summary->setText(tr("Cannot compare: %1").arg(message));
        Q_EMIT failed(tr("Comparing the runs failed: %1").arg(message));
    });
    connect(m_table, &QTableView::activated, this, &CompareView::activate);
    m_leftLabel->setText(tr("Pick a run in the list and press Ctrl+Shift+C to compare it."));
}

// The run to compare and the runs it can be compared with, read together on a worker.
struct CompareView::Partners {
    std::optional<TrajectorySummary> left;
    std::vector<TrajectorySummary> candidates;   // opposite verdict first, newest first
};

void CompareView::setWorkspacePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    m_leftId = 0;
    m_partnerReader->cancel();
    m_loader->cancel();
    m_model->clear();
    m_partner->clear();
    m_summary->clear();
}

qint64 CompareView::rightId() const { return m_partner->currentData().toLongLong(); }

void CompareView::compare(qint64 trajectoryId, qint64 partnerId)
{
    if (m_path.isEmpty() || !trajectoryId)
        return;
    m_loader->cancel();
    m_summary->setText(tr("Finding runs to compare with…"));
    m_partnerReader->run<Partners>(
        m_path,
        [trajectoryId](store::Workspace &ws, const std::atomic_bool &) {
            store::TrajectoryQueries q(ws);
            Partners p;
            p.left = q.get(trajectoryId);
            if (!p.left)
                return p;
            // Opposite verdicts first: a failure is best read against a success and the other way round.
            const Verdict opposite = p.left->info.verdict == Verdict::Success ? Verdict::Failure : Verdict::Success;
            store::TrajectoryFilter f;
            f.workflow = p.left->info.workflow;
            f.sort = store::TrajectoryFilter::Sort::Newest;
            for (Verdict v : {opposite, opposite == Verdict::Success ? Verdict::Failure : Verdict::Success, Verdict::Unknown}) {
                f.verdict = v;
                for (TrajectorySummary &t : q.list(f, 0, kPartnersPerVerdict)) {
                    if (t.id != trajectoryId)
                        p.candidates.push_back(std::move(t));
                }
            }
            return p;
        },
        [this, trajectoryId, partnerId](ReadResult<Partners> r) {
            if (!r.ok()) {
                m_summary->setText(tr("Cannot compare: %1").arg(r.error));
                Q_EMIT failed(tr("Reading the runs to compare failed: %1").arg(r.error));
                return;
            }
            if (!r.value->left) {
                m_summary->setText(tr("Trajectory %1 is not in this workspace").arg(trajectoryId));
                return;
            }
            m_leftId = trajectoryId;
            m_leftLabel->setText(describe(*r.value->left));
            showPartners(*r.value, partnerId);
            startComparison();
        });
}

void CompareView::showPartners(const Partners &partners, qint64 preferred)
{
    m_partner->clear();
    for (const TrajectorySummary &t : partners.candidates)
        m_partner->addItem(describe(t), t.id);
    const int wanted = preferred ? m_partner->findData(preferred) : -1;
    m_partner->setCurrentIndex(wanted >= 0 ? wanted : 0);
}

void CompareView::startComparison()
{
    const qint64 right = rightId();
    m_model->clear();
    if (!m_leftId || !right) {
        m_summary->setText(tr("No other run of this workflow to compare with."));
        return;
    }
    m_summary->setText(tr("Aligning…"));
    m_loader->load(m_path, m_leftId, right);
}

void CompareView::onLoaded()
{
    m_model->setComparison(m_loader->result());
    const AlignmentCounts c = m_model->counts();
    m_summary->setText(tr("%1 same · %2 different · %3 only left · %4 only right")
                           .arg(c.matches)
                           .arg(c.mismatches)
                           .arg(c.onlyLeft)
                           .arg(c.onlyRight));
    // Start where the runs first part ways.
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(AlignmentModel::OpRole).toInt() != int(AlignOp::Match)) {
            m_table->setCurrentIndex(m_model->index(row, AlignmentModel::LeftTool));
            m_table->scrollTo(m_table->currentIndex(), QAbstractItemView::PositionAtCenter);
            break;
        }
    }
    Q_EMIT compared();
}

void CompareView::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 leftStep = index.data(AlignmentModel::LeftStepIdRole).toLongLong();
    const qint64 rightStep = index.data(AlignmentModel::RightStepIdRole).toLongLong();
    const Comparison &c = m_model->comparison();   // the runs this row came from
    const bool preferRight = index.column() > AlignmentModel::Relation || !leftStep;
    if (preferRight && rightStep)
        Q_EMIT openStepRequested(c.rightId, rightStep);
    else if (leftStep)
        Q_EMIT openStepRequested(c.leftId, leftStep);
}

} // namespace reverie::ui
