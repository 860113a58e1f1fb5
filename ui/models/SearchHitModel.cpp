#include "ui/models/SearchHitModel.h"

#include "core/store/TrajectoryQueries.h"
#include "ui/common/LatestRead.h"

#include <QTextDocument>

namespace reverie::ui {

namespace {
// Private-use characters: they do not occur in what people write, so they cannot be confused
// with the text around a match.
const QChar kOpen(0xE000);
const QChar kClose(0xE001);
} // namespace

SearchHitModel::SearchHitModel(QObject *parent) : QAbstractListModel(parent), m_reader(new LatestRead(this)) {}

void SearchHitModel::setWorkspacePath(const QString &path)
{
    m_path = path;
    reload();
}

void SearchHitModel::setQuery(const QString &text)
{
    if (text == m_query)
        return;
    m_query = text;
    reload();
}

bool SearchHitModel::isLoading() const { return m_reader->isBusy(); }

void SearchHitModel::reload()
{
    if (m_path.isEmpty() || m_query.trimmed().isEmpty()) {
        m_reader->cancel();
        setHits({});
        return;
    }
    const QString query = m_query;
    m_reader->run<std::vector<Hit>>(
        m_path,
        [query](store::Workspace &ws, const std::atomic_bool &) {
            const auto found = store::TrajectoryQueries(ws).searchSteps(query, kLimit, QString(kOpen), QString(kClose));
            std::vector<Hit> hits;
            hits.reserve(found.size());
            for (const store::StepHit &h : found) {
                Hit hit;
                hit.trajectoryId = h.trajectoryId;
                hit.stepId = h.stepId;
                hit.seq = h.seq;
                hit.externalId = h.trajectoryExternalId;
                hit.snippet = unmark(h.snippet, kOpen, kClose, &hit.highlights);
                hits.push_back(std::move(hit));
            }
            return hits;
        },
        [this](ReadResult<std::vector<Hit>> r) {
            if (!r.ok()) {
                Q_EMIT readFailed(tr("Searching the steps failed: %1").arg(r.error));
                return;
            }
            setHits(std::move(*r.value));
        });
}

void SearchHitModel::setHits(std::vector<Hit> hits)
{
    beginResetModel();
    m_hits = std::move(hits);
    endResetModel();
    Q_EMIT searched(int(m_hits.size()));
}

QString SearchHitModel::unmark(const QString &marked, QChar open, QChar close, QVector<QPoint> *ranges)
{
    QString plain;
    plain.reserve(marked.size());
    int start = -1;
    for (QChar c : marked) {
        if (c == open) {
            start = int(plain.size());
        } else if (c == close) {
            if (start >= 0 && plain.size() > start)
                ranges->append(QPoint(start, int(plain.size()) - start));
            start = -1;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            plain += QLatin1Char(' ');
        } else {
            plain += c;
        }
    }
    return plain;
}

const SearchHitModel::Hit *SearchHitModel::hitAt(int row) const
{
    return row >= 0 && row < int(m_hits.size()) ? &m_hits[std::size_t(row)] : nullptr;
}

int SearchHitModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_hits.size()); }

QVariant SearchHitModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Hit &h = m_hits[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: return tr("%1, step %2: %3").arg(h.externalId).arg(h.seq).arg(h.snippet);
    case Qt::ToolTipRole: return Qt::convertFromPlainText(h.snippet);   // escaped: shown as written
    case TrajectoryIdRole: return h.trajectoryId;
    case StepIdRole: return h.stepId;
    case SeqRole: return h.seq;
    case ExternalIdRole: return h.externalId;
    case SnippetRole: return h.snippet;
    case HighlightsRole: {
        QVariantList out;
        for (const QPoint &r : h.highlights)
            out << QVariant(r);
        return out;
    }
    default: return {};
    }
}

} // namespace reverie::ui
