#pragma once

#include "core/dream/DreamPass.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace reverie::ui {

// The form that starts a dream pass: engine and selection, the start and cancel buttons, and
// the running pass's progress. Holds no state beyond its widgets.
class DreamLauncher : public QWidget {
    Q_OBJECT
public:
    explicit DreamLauncher(QWidget *parent = nullptr);

    void setChoices(const QStringList &workflows, const QStringList &models);
    // The pass the form describes, on the workspace at `workspacePath`.
    dream::DreamRequest request(const QString &workspacePath) const;
    void setRunning(bool running);
    void setProgress(int percent, const QString &stage);
    void setMessage(const QString &text);

Q_SIGNALS:
    void startRequested();
    void cancelRequested();

private:
    void updateEngineFields();

    QComboBox *m_engine = nullptr;
    QLineEdit *m_llmModel = nullptr;
    QLineEdit *m_llmUrl = nullptr;
    QLabel *m_llmHint = nullptr;
    QComboBox *m_workflow = nullptr;
    QDateEdit *m_since = nullptr;
    QComboBox *m_verdict = nullptr;
    QComboBox *m_model = nullptr;
    QCheckBox *m_notYetDreamed = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_stage = nullptr;
};

} // namespace reverie::ui
