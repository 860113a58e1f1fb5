#include "ui/charts/PortabilityModel.h"

#include <QColor>

namespace reverie::ui {

namespace {
// A tooltip guesses rich text; plain text (model names come from trajectories) is escaped
// inside markup of our own, so it always shows as written.
QString plainToolTip(const QString &text)
{
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p>").arg(text.toHtmlEscaped());
}
} // namespace

void PortabilityModel::setCells(const std::vector<stats::VersionModelCell> &cells)
{
    beginResetModel();
    m_grid = charts::heatGrid(cells);
    endResetModel();
}

int PortabilityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.versions.size());
}

int PortabilityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.models.size());
}

QVariant PortabilityModel::data(const QModelIndex &index, int role) const
{
    const stats::VersionModelCell *cell = m_grid.at(index.row(), index.column());
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !cell)
        return {};
    const stats::Rate rate = cell->rate();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        QStringList lines{charts::rateLabel(rate), charts::runsLabel(cell->runs)};
        if (rate.n > 0)
            lines << charts::intervalLabel(rate);
        return lines.join(role == Qt::DisplayRole ? QStringLiteral("\n") : QStringLiteral(", "));
    }
    case Qt::ToolTipRole:
        return plainToolTip(charts::cellDescription(*cell));
    case Qt::AccessibleDescriptionRole:
        return charts::cellDescription(*cell);
    case Qt::BackgroundRole: {
        const QColor c = charts::heatColour(rate.value(), rate.n);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case RateRole:
        return rate.n > 0 ? QVariant(rate.value()) : QVariant();
    case RunsRole:
        return cell->runs;
    case JudgedRole:
        return rate.n;
    case LowRole:
        return rate.low;
    case HighRole:
        return rate.high;
    case FewRunsRole:
        return charts::isFewRuns(rate.n);
    case RateTextRole:
        return charts::rateLabel(rate);
    case RunsTextRole:
        return charts::runsLabel(cell->runs);
    case IntervalTextRole:
        return charts::intervalLabel(rate);
    default:
        return {};
    }
}

QVariant PortabilityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_grid.models.size())
            return {};
        const QString model = m_grid.models[section];
        return role == Qt::ToolTipRole ? plainToolTip(model) : model;
    }
    if (section < 0 || std::size_t(section) >= m_grid.versions.size())
        return {};
    return charts::versionLabel(m_grid.versions[std::size_t(section)]);
}

Qt::ItemFlags PortabilityModel::flags(const QModelIndex &index) const
{
    // Selectable, so the keyboard can walk the cells and a screen reader reads each one.
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

} // namespace reverie::ui
