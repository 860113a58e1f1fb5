#pragma once

#include "core/store/TrajectoryQueries.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QTimer;

namespace reverie::ui {

// The browser's filters: verdict, workflow, model, date range, "has errors", and the search
// box. Emits filterChanged() once per user change (typing in the search box is debounced).
class TrajectoryFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit TrajectoryFilterBar(QWidget *parent = nullptr);

    // Fills the workflow and model choices, keeping the current ones where they still exist.
    void setChoices(const QStringList &workflows, const QStringList &models);
    // The filter the widgets show; sort fields are left at their defaults.
    store::TrajectoryFilter filter() const;
    // Shows `f` in the widgets (a saved view) and emits filterChanged() once.
    void setFilter(const store::TrajectoryFilter &f);
    void setCountText(const QString &text);
    QLineEdit *searchBox() const { return m_search; }
    // The top row's trailing widgets (saved views) are placed here by the page.
    void addTrailingWidget(QWidget *w);

Q_SIGNALS:
    void filterChanged();
    // Enter or Down in the search box: the page moves focus to the results.
    void searchAccepted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QComboBox *m_verdict = nullptr;
    QComboBox *m_workflow = nullptr;
    QComboBox *m_model = nullptr;
    QCheckBox *m_errors = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QHBoxLayout *m_topRow = nullptr;
    QTimer *m_debounce = nullptr;
    bool m_applying = false;
};

} // namespace reverie::ui
