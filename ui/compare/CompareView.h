#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace reverie::ui {

class AlignmentModel;
class ComparisonLoader;
class LatestRead;

// Two runs of one workflow side by side, typically a failure and a success, with their tool
// calls aligned so that the place where they part ways stands out. The runs, the partners to
// pick from and the alignment are all read on workers.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget *parent = nullptr);

    void setWorkspacePath(const QString &path);
    // Compares `trajectoryId` with `partnerId`, or with the newest run of the same workflow
    // that has the opposite verdict when 0. Emits compared() when the alignment is shown, or
    // failed() with what could not be read.
    void compare(qint64 trajectoryId, qint64 partnerId = 0);
    qint64 leftId() const { return m_leftId; }
    qint64 rightId() const;
    AlignmentModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    void compared();
    void failed(const QString &message);
    void openStepRequested(qint64 trajectoryId, qint64 stepId);

private:
    struct Partners;
    void showPartners(const Partners &partners, qint64 preferred);
    void startComparison();
    void onLoaded();
    void activate(const QModelIndex &index);

    QString m_path;
    LatestRead *m_partnerReader = nullptr;
    qint64 m_leftId = 0;
    AlignmentModel *m_model = nullptr;
    ComparisonLoader *m_loader = nullptr;
    QLabel *m_leftLabel = nullptr;
    QComboBox *m_partner = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace reverie::ui
