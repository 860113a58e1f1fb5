#pragma once

#include "core/review/Policy.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace reverie::store {
class Workspace;
}

namespace reverie::ui {

class LatestRead;
class LedgerRunner;
struct LedgerOutcome;

// Settings in two parts, saved in two places, and the dialog says which is which:
// - yours, on this computer (QSettings): reviewer name; LLM provider, base URL, model, and the
//   NAME of the environment variable that holds the API key (never the key itself);
// - the workspace's policy (review::Policy, in the workspace file, shared by everyone who opens
//   it): high-stakes workflows and tools, approvals needed, publish targets, auto-apply.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    // The policy of the workspace at `workspacePath` is read on a worker (policyLoaded() when
    // it is shown) and written through the ledger's writer. Without a workspace (empty path)
    // only the personal part is editable.
    explicit SettingsDialog(const QString &workspacePath, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Saves both parts; `saved` (or `saveFailed`) reports when the policy has landed.
    void save();

Q_SIGNALS:
    void saved();
    void saveFailed(const QString &message);
    // The workspace's policy is shown and editable; or why it could not be read.
    void policyLoaded();
    void policyLoadFailed(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QGroupBox *buildPersonal();
    QGroupBox *buildPolicy();
    void loadValues();
    void addTarget();
    void onProviderChanged();
    // The workspace part (SettingsPolicy.cpp).
    void loadPolicy();
    void savePolicy();
    void onPolicySaved(int tag, const LedgerOutcome &outcome);

    QString m_path;
    LatestRead *m_reader = nullptr;
    LedgerRunner *m_runner = nullptr;    // the ledger's writer: policy changes are decisions
    int m_saveTag = 0;                   // the running save; 0 when none
    QLineEdit *m_reviewer = nullptr;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_keyEnv = nullptr;
    QLineEdit *m_signingKey = nullptr;
    QListWidget *m_watched = nullptr;     // folders whose new session files are imported while the app runs
    QGroupBox *m_policyBox = nullptr;
    QPlainTextEdit *m_workflows = nullptr;
    QPlainTextEdit *m_tools = nullptr;
    QSpinBox *m_approvals = nullptr;
    QListWidget *m_targets = nullptr;
    QLineEdit *m_newTarget = nullptr;
    QLabel *m_targetStatus = nullptr;   // each target's last publish: version, time, result
    QCheckBox *m_autoApply = nullptr;
    QComboBox *m_minStrength = nullptr;   // the weakest evidence auto-apply accepts
    QLineEdit *m_policyReason = nullptr;
    review::PolicySettings m_loaded;   // the policy as the dialog showed it: a save changes only what was edited
    QLabel *m_error = nullptr;
};

// Opens the settings dialog (window-modal, non-blocking; it deletes itself when closed) for
// the main window's Edit → Settings… (Ctrl+,) entry. Connect to its `saved` signal to
// re-read pages that show the policy.
SettingsDialog *showSettingsDialog(QWidget *parent, const QString &workspacePath = QString());

} // namespace reverie::ui
