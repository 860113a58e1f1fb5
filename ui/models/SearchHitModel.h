#pragma once

#include <QAbstractListModel>
#include <QPoint>
#include <QString>
#include <QVector>

#include <vector>

namespace reverie::ui {

class LatestRead;

// Steps matching a full-text search, newest runs first, each with a snippet whose matches are
// given as character ranges (never as markup: the snippet is trajectory text). The search runs
// on a worker (LatestRead): typing on drops the searches it overtakes.
class SearchHitModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        TrajectoryIdRole = Qt::UserRole + 1,
        StepIdRole,
        SeqRole,
        ExternalIdRole,
        SnippetRole,       // plain text
        HighlightsRole,    // QVariantList of QPoint(start, length) into the snippet
    };
    static constexpr int kLimit = 200;   // one page: the UI thread never reads more

    struct Hit {
        qint64 trajectoryId = 0;
        qint64 stepId = 0;
        int seq = 0;
        QString externalId;
        QString snippet;
        QVector<QPoint> highlights;
    };

    explicit SearchHitModel(QObject *parent = nullptr);

    // The workspace file to search; empty empties the model. Searches again.
    void setWorkspacePath(const QString &path);
    void setQuery(const QString &text);
    QString query() const { return m_query; }
    // Searches again (after an import).
    void reload();
    bool isLoading() const;
    const Hit *hitAt(int row) const;

    // Removes the `open`/`close` marks from a snippet, turns line breaks into spaces and returns
    // the plain text with the ranges that were marked.
    static QString unmark(const QString &marked, QChar open, QChar close, QVector<QPoint> *ranges);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // The hits of query() are in the model.
    void searched(int hits);
    void readFailed(const QString &message);

private:
    void setHits(std::vector<Hit> hits);

    QString m_path;
    LatestRead *m_reader = nullptr;
    QString m_query;
    std::vector<Hit> m_hits;
};

} // namespace reverie::ui
