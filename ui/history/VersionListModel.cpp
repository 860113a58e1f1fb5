#include "ui/history/VersionListModel.h"

#include "ui/history/RegressionTexts.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace reverie::ui {

VersionListModel::VersionListModel(QObject *parent) : QAbstractTableModel(parent) {}

void VersionListModel::setVersions(std::vector<PlaybookVersion> versions)
{
    beginResetModel();
    m_versions = std::move(versions);
    std::reverse(m_versions.begin(), m_versions.end());
    endResetModel();
}

void VersionListModel::setOutcomes(QHash<int, stats::Rate> success, const std::vector<stats::Regression> &comparisons)
{
    m_success = std::move(success);
    m_regressions.clear();
    for (const stats::Regression &r : comparisons) {
        if (r.flagged)
            m_regressions.insert(r.version, r);
    }
    if (!m_versions.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const PlaybookVersion *VersionListModel::versionAt(int row) const
{
    return row >= 0 && row < int(m_versions.size()) ? &m_versions[std::size_t(row)] : nullptr;
}

int VersionListModel::rowOfVersion(int number) const
{
    for (std::size_t i = 0; i < m_versions.size(); ++i) {
        if (m_versions[i].number == number)
            return int(i);
    }
    return -1;
}

QString VersionListModel::changeLabel(const PlaybookVersion &v)
{
    const QString &c = v.change;
    if (c == QLatin1String("import"))
        return tr("imported");
    if (c == QLatin1String("approve"))
        return tr("approved proposal #%1").arg(v.proposalId);
    if (c == QLatin1String("edit"))
        return tr("edited and approved proposal #%1").arg(v.proposalId);
    if (c == QLatin1String("rollback"))
        return tr("rollback");
    if (c == QLatin1String("revert"))
        return tr("reverted proposal #%1").arg(v.proposalId);
    if (c == QLatin1String("manual"))
        return tr("manual edit");
    return c;
}

int VersionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_versions.size());
}

int VersionListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant VersionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlaybookVersion &v = m_versions[std::size_t(index.row())];
    const bool current = index.row() == 0;
    switch (role) {
    case VersionRole: return v.number;
    case ProposalRole: return v.proposalId;
    case IsCurrentRole: return current;
    case RegressedRole: return m_regressions.contains(v.number);
    case Qt::FontRole:
        if (current) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number: return current ? tr("%1 (current)").arg(v.number) : QString::number(v.number);
        case Change: return changeLabel(v);
        case Author: return v.author;
        case Reason: return v.reason.simplified();
        case Time: return QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.createdMs), QLocale::ShortFormat);
        case Rules: return int(v.rules.size());
        case Success: {
            const QString rate = successText(m_success.value(v.number));
            return m_regressions.contains(v.number) ? tr("regressed · %1").arg(rate) : rate;
        }
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Reason)   // escaped: a tooltip would otherwise guess rich text
            return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(v.reason.toHtmlEscaped());
        if (m_regressions.contains(v.number) && (index.column() == Success || index.column() == Number)) {
            // Workflow, model and rule names come from the workspace: escaped like the reason.
            return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>")
                .arg(regressionDetails(m_regressions.value(v.number)).toHtmlEscaped());
        }
        if (index.column() == Success)
            return tr("Success of the runs judged under this version, with its 95% interval");
        return {};
    default: return {};
    }
}

QVariant VersionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number: return tr("Version");
    case Change: return tr("Change");
    case Author: return tr("Author");
    case Reason: return tr("Reason");
    case Time: return tr("Time");
    case Rules: return tr("Rules");
    case Success: return tr("Success");
    default: return {};
    }
}

} // namespace reverie::ui
