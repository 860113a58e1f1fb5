#pragma once

#include "core/model/Playbook.h"

#include <QAbstractTableModel>

#include <vector>

namespace reverie::ui {

// The playbook's versions, newest first: number, what changed, author, reason, time, rules.
class VersionListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Number, Change, Author, Reason, Time, Rules, ColumnCount };
    enum Role { VersionRole = Qt::UserRole + 1, ProposalRole, IsCurrentRole };

    explicit VersionListModel(QObject *parent = nullptr);

    // `versions` oldest first, as the store lists them.
    void setVersions(std::vector<PlaybookVersion> versions);
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
};

} // namespace reverie::ui
