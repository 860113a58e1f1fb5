#pragma once

#include "core/model/Playbook.h"
#include "core/stats/Regressions.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace reverie::ui {

// The playbook's versions, newest first: number, what changed, author, reason, time, rules, and
// how runs fared under each, with "regressed" on a version whose success dropped significantly
// against its parent (the numbers in its tooltip).
class VersionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Change, Author, Reason, Time, Rules, Success, ColumnCount };
    enum Role { VersionRole = Qt::UserRole + 1, ProposalRole, IsCurrentRole, RegressedRole };

    explicit VersionListModel(QObject *parent = nullptr);

    // `versions` oldest first, as the store lists them.
    void setVersions(std::vector<PlaybookVersion> versions);
    // Success per version and each version's comparison with its parent (only the flagged
    // ones are marked).
    void setOutcomes(QHash<int, stats::Rate> success, const std::vector<stats::Regression> &comparisons);
    const PlaybookVersion *versionAt(int row) const;
    int rowOfVersion(int number) const;

    // "approved proposal #12", "rollback", ... translated.
    static QString changeLabel(const PlaybookVersion &v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<PlaybookVersion> m_versions;   // newest first
    QHash<int, stats::Rate> m_success;
    QHash<int, stats::Regression> m_regressions;   // flagged only
};

} // namespace reverie::ui
