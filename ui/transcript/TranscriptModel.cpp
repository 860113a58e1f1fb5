#include "ui/transcript/TranscriptModel.h"

#include "core/model/Step.h"
#include "ui/common/LatestRead.h"
#include "ui/timeline/TimelineData.h"
#include "ui/timeline/TimelinePainter.h"

#include <QRegularExpression>
#include <QTimer>

#include <cstdlib>

namespace reverie::ui {

namespace {
enum State : quint8 { ResultFolded = 1, ShowAll = 2 };
// Pages kept: enough for several screens either side of the one shown; a 100,000-step run's
// texts are never all held.
constexpr std::size_t kMaxPages = 48;
}

TranscriptModel::TranscriptModel(QObject *parent) : QAbstractListModel(parent)
{
    m_reader = new LatestRead(this);
    // Rows ask for their page while the view paints; asking once per event-loop turn gathers
    // a whole screen's pages into one read.
    m_requestTimer = new QTimer(this);
    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(0);
    connect(m_requestTimer, &QTimer::timeout, this, &TranscriptModel::requestPages);
}

TranscriptModel::~TranscriptModel() = default;

void TranscriptModel::setWorkspacePath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    setTimeline(nullptr);
}

void TranscriptModel::setTimeline(std::shared_ptr<const TimelineData> data)
{
    if (data == m_data)
        return;
    beginResetModel();
    m_reader->cancel();
    m_requestTimer->stop();
    m_pages.clear();
    m_wanted.clear();
    m_inFlight.clear();
    // The same run read again (new evidence marks after a dream pass): keep what the reader
    // folded and opened.
    const bool sameRun = m_data && data && m_data->trajectoryId == data->trajectoryId
                         && m_data->stepIds == data->stepIds;
    m_data = std::move(data);
    m_entries = m_data ? buildTranscriptEntries(*m_data) : TranscriptEntries{};
    if (!sameRun)
        m_state.assign(m_entries.entries.size(), 0);
    endResetModel();
}

int TranscriptModel::rowOfStep(int stepIndex) const
{
    if (stepIndex < 0 || std::size_t(stepIndex) >= m_entries.entryOfStep.size())
        return -1;
    return m_entries.entryOfStep[std::size_t(stepIndex)];
}

int TranscriptModel::stepOfRow(int row) const
{
    return row >= 0 && row < m_entries.size() ? m_entries.entries[std::size_t(row)].step : -1;
}

void TranscriptModel::setResultFolded(int row, bool folded)
{
    if (row < 0 || row >= m_entries.size() || bool(m_state[std::size_t(row)] & ResultFolded) == folded)
        return;
    m_state[std::size_t(row)] ^= ResultFolded;
    Q_EMIT dataChanged(index(row), index(row), {ResultFoldedRole});
}

void TranscriptModel::setShowAll(int row, bool showAll)
{
    if (row < 0 || row >= m_entries.size() || bool(m_state[std::size_t(row)] & ShowAll) == showAll)
        return;
    m_state[std::size_t(row)] ^= ShowAll;
    Q_EMIT dataChanged(index(row), index(row), {ShowAllRole});
}

void TranscriptModel::setSearchText(const QString &text)
{
    // The search box's words, as the full-text search takes them: quotes and operators are
    // not part of what a step contains.
    static const QRegularExpression separators(QStringLiteral("[\\s\"*()]+"));
    QStringList terms = text.split(separators, Qt::SkipEmptyParts);
    terms.removeDuplicates();
    if (terms == m_terms)
        return;
    m_terms = terms;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {TextRole, ResultTextRole});
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_entries.size();
}

bool TranscriptModel::isLoaded(int first, int last) const
{
    for (int row = std::max(first, 0); row <= last && row < rowCount(); ++row) {
        const auto &e = m_entries.entries[std::size_t(row)];
        if (!m_pages.count(e.step / kPageSize) || (e.result >= 0 && !m_pages.count(e.result / kPageSize)))
            return false;
    }
    return true;
}

const StepText *TranscriptModel::textOf(int stepIndex) const
{
    const auto it = m_pages.find(stepIndex / kPageSize);
    if (it == m_pages.end())
        return nullptr;
    const std::size_t offset = std::size_t(stepIndex % kPageSize);
    return offset < it->second.size() ? &it->second[offset] : nullptr;
}

void TranscriptModel::wantPage(int page) const
{
    if (m_pages.count(page) || m_inFlight.contains(page) || m_wanted.contains(page))
        return;
    m_wanted.insert(page);
    m_requestTimer->start();
}

void TranscriptModel::fetchTexts(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return;
    const auto &e = m_entries.entries[std::size_t(row)];
    wantPage(e.step / kPageSize);
    if (e.result >= 0)
        wantPage(e.result / kPageSize);
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &e = m_entries.entries[std::size_t(index.row())];
    const std::size_t step = std::size_t(e.step);
    const TimelineData &d = *m_data;
    switch (role) {
    case KindRole: return int(d.kinds[step]);
    case SeqRole: return d.seqs[step];
    case StepIndexRole: return e.step;
    case ResultStepRole: return e.result;
    case ResultSeqRole: return e.result >= 0 ? QVariant(d.seqs[std::size_t(e.result)]) : QVariant();
    case ErrorRole: return bool(d.flags[step] & TimelineData::Error);
    case ResultErrorRole: return e.result >= 0 && (d.flags[std::size_t(e.result)] & TimelineData::Error);
    case ResultFoldedRole: return bool(m_state[std::size_t(index.row())] & ResultFolded);
    case ShowAllRole: return bool(m_state[std::size_t(index.row())] & ShowAll);
    case ToolRole: return d.toolName(e.step);
    case LoadedRole: return textOf(e.step) && (e.result < 0 || textOf(e.result));
    case TextRole:
    case RoleRole: {
        const StepText *t = textOf(e.step);
        if (!t)
            return {};
        return role == TextRole ? t->text : t->role;
    }
    case Qt::DisplayRole: {
        // One line for accessibility: what the entry is, and how it starts. No tooltip role:
        // a tooltip would guess whether the run's words are rich text.
        const StepText *t = textOf(e.step);
        QString head = t && StepKind(d.kinds[step]) == StepKind::Message && !t->role.isEmpty()
                           ? t->role : TimelinePainter::laneName(d.kinds[step]);
        if (!d.toolName(e.step).isEmpty())
            head += QLatin1Char(' ') + d.toolName(e.step);
        return tr("#%1 %2: %3").arg(d.seqs[step]).arg(head, t ? t->text.left(200).simplified() : QString());
    }
    case ResultTextRole: {
        if (e.result < 0)
            return {};
        const StepText *t = textOf(e.result);
        return t ? QVariant(t->text) : QVariant();
    }
    default: break;
    }
    return {};
}

void TranscriptModel::requestPages()
{
    if (!m_data || m_path.isEmpty() || m_wanted.isEmpty())
        return;
    // A newer read replaces the one in flight: ask for its pages again with the new ones.
    m_inFlight.unite(m_wanted);
    m_wanted.clear();
    const QList<int> pages = m_inFlight.values();
    std::shared_ptr<const TimelineData> data = m_data;
    m_reader->run<std::map<int, std::vector<StepText>>>(
        m_path,
        [data, pages](store::Workspace &ws, const std::atomic_bool &stale) {
            std::map<int, std::vector<StepText>> read;
            for (int page : pages) {
                if (stale.load())
                    break;
                read[page] = readStepTexts(ws, *data, page * kPageSize, kPageSize);
            }
            return read;
        },
        [this](ReadResult<std::map<int, std::vector<StepText>>> result) {
            m_inFlight.clear();
            if (!result.ok()) {
                Q_EMIT readFailed(result.error);
                return;
            }
            onPagesRead(std::move(*result.value));
        });
}

void TranscriptModel::onPagesRead(std::map<int, std::vector<StepText>> pages)
{
    if (pages.empty())
        return;
    const int centre = (pages.begin()->first + pages.rbegin()->first) / 2;
    std::vector<int> arrived;
    for (auto &[page, texts] : pages) {
        m_pages[page] = std::move(texts);
        arrived.push_back(page);
    }
    if (!m_wanted.isEmpty())
        m_requestTimer->start();
    // Forget the pages farthest from what was just read: the reader has scrolled away.
    while (m_pages.size() > kMaxPages) {
        auto front = m_pages.begin();
        auto back = std::prev(m_pages.end());
        m_pages.erase(std::abs(front->first - centre) > std::abs(back->first - centre) ? front : back);
    }
    // Each page's rows change on their own: pages far apart (the first screen and the last,
    // which the scroll bar measures) must not make one change of every row between them.
    const int n = m_data->size();
    for (int page : arrived) {
        const int first = page * kPageSize;
        const int end = std::min(first + kPageSize, n);
        if (first >= end)
            continue;
        // A result's row is its call's, which may sit on an earlier page: the smallest row
        // any of the steps maps to starts the range.
        int from = rowCount();
        for (int step = first; step < end; ++step)
            from = std::min(from, rowOfStep(step));
        const int to = std::max(from, rowOfStep(end - 1));
        if (from >= rowCount())
            continue;
        // QTreeView measures the changed rows again: their heights follow their words.
        Q_EMIT dataChanged(index(from), index(to));
    }
}

} // namespace reverie::ui
