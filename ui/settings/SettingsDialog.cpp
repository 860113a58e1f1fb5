#include "ui/settings/SettingsDialog.h"

#include "core/llm/LlmConfig.h"
#include "ui/common/LatestRead.h"
#include "ui/common/LedgerRunner.h"
#include "ui/settings/UserSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    QPalette p = l->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    l->setPalette(p);
    return l;
}

} // namespace

SettingsDialog::SettingsDialog(const QString &workspacePath, QWidget *parent) : QDialog(parent), m_path(workspacePath)
{
    m_reader = new LatestRead(this);
    m_runner = new LedgerRunner(this);
    m_runner->setWorkspacePath(workspacePath);
    connect(m_runner, &LedgerRunner::finished, this, &SettingsDialog::onPolicySaved);
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildPersonal());
    layout->addWidget(buildPolicy());
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("settingsSave"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    loadValues();
}

// The ledger runner lets a save that started land; the reader drops what is still in flight.
SettingsDialog::~SettingsDialog() = default;

QGroupBox *SettingsDialog::buildPersonal()
{
    auto *box = new QGroupBox(tr("You — saved on this computer, for you only"), this);
    auto *form = new QFormLayout(box);
    form->addRow(explanation(tr("Kept in your user settings (QSettings), not in the workspace: another person opening the same workspace has their own."), box));
    m_reviewer = new QLineEdit(box);
    m_reviewer->setObjectName(QStringLiteral("reviewerName"));
    m_reviewer->setPlaceholderText(tr("Recorded with every decision you take"));
    form->addRow(tr("Reviewer name:"), m_reviewer);
    m_provider = new QComboBox(box);
    m_provider->setObjectName(QStringLiteral("llmProvider"));
    m_provider->addItem(tr("Anthropic (Messages API)"), llm::providerName(llm::Provider::Anthropic));
    m_provider->addItem(tr("OpenAI-compatible (OpenAI, Ollama, llama.cpp, vLLM)"), llm::providerName(llm::Provider::OpenAi));
    form->addRow(tr("LLM provider:"), m_provider);
    m_baseUrl = new QLineEdit(box);
    m_baseUrl->setObjectName(QStringLiteral("llmBaseUrl"));
    form->addRow(tr("Base URL:"), m_baseUrl);
    m_model = new QLineEdit(box);
    m_model->setObjectName(QStringLiteral("llmModel"));
    form->addRow(tr("Model:"), m_model);
    m_keyEnv = new QLineEdit(box);
    m_keyEnv->setObjectName(QStringLiteral("llmKeyEnv"));
    form->addRow(tr("API key variable:"), m_keyEnv);
    form->addRow(explanation(tr("The name of the environment variable that holds the API key. Reverie reads the key from it when it calls the model; the key itself is never saved."), box));
    m_signingKey = new QLineEdit(box);
    m_signingKey->setObjectName(QStringLiteral("signingKey"));
    m_signingKey->setPlaceholderText(tr("Optional: the path of your SSH private key, e.g. ~/.ssh/id_ed25519"));
    form->addRow(tr("Signing key:"), m_signingKey);
    form->addRow(explanation(tr("Decisions you take are signed with this key (ssh-keygen -Y sign), so that a rewritten decision is caught by verify. Only the path is saved."), box));

    // Collecting continuously: the folders agents write their sessions into.
    auto *watched = new QWidget(box);
    auto *watchedLayout = new QVBoxLayout(watched);
    watchedLayout->setContentsMargins(0, 0, 0, 0);
    m_watched = new QListWidget(watched);
    m_watched->setObjectName(QStringLiteral("watchedFolders"));
    m_watched->setMaximumHeight(70);
    watchedLayout->addWidget(m_watched);
    auto *watchRow = new QHBoxLayout;
    auto *addFolder = new QPushButton(tr("Add folder…"), watched);
    addFolder->setObjectName(QStringLiteral("addWatchedFolder"));
    auto *removeFolder = new QPushButton(tr("Remove"), watched);
    watchRow->addWidget(addFolder);
    watchRow->addWidget(removeFolder);
    // The agents' own session folders, offered where they exist on this computer.
    const std::pair<const char *, QString> agents[] = {
        {".claude/projects", tr("Add Claude Code sessions")},
        {".codex/sessions", tr("Add Codex CLI sessions")},
        {".gemini/tmp", tr("Add Gemini CLI sessions")},
    };
    for (const auto &[relative, label] : agents) {
        const QString path = QDir::home().filePath(QString::fromLatin1(relative));
        if (!QFileInfo(path).isDir())
            continue;
        auto *offer = new QPushButton(label, watched);
        offer->setToolTip(path);
        connect(offer, &QPushButton::clicked, this, [this, path] {
            if (m_watched->findItems(path, Qt::MatchExactly).isEmpty())
                m_watched->addItem(path);
        });
        watchRow->addWidget(offer);
    }
    watchRow->addStretch(1);
    watchedLayout->addLayout(watchRow);
    form->addRow(tr("Watched folders:"), watched);
    form->addRow(explanation(tr("While Reverie runs, new and grown session files in these folders are imported in the background; other files are skipped."), box));
    connect(addFolder, &QPushButton::clicked, this, [this] {
        // Non-blocking: the dialog's own event loop keeps running while it is open.
        auto *chooser = new QFileDialog(this, tr("Watch a folder"));
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setAttribute(Qt::WA_DeleteOnClose);
        connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &dir) {
            if (!dir.isEmpty() && m_watched->findItems(dir, Qt::MatchExactly).isEmpty())
                m_watched->addItem(dir);
        });
        chooser->open();
    });
    connect(removeFolder, &QPushButton::clicked, this, [this] { delete m_watched->currentItem(); });
    connect(m_provider, &QComboBox::currentIndexChanged, this, &SettingsDialog::onProviderChanged);
    return box;
}

QGroupBox *SettingsDialog::buildPolicy()
{
    m_policyBox = new QGroupBox(tr("This workspace's policy — saved in the workspace file, shared by everyone who opens it"), this);
    m_policyBox->setObjectName(QStringLiteral("policyBox"));
    auto *form = new QFormLayout(m_policyBox);
    form->addRow(explanation(!m_path.isEmpty() ? tr("Workspace: %1").arg(QFileInfo(m_path).absoluteFilePath())
                                  : tr("Open a workspace to edit its policy."),
                             m_policyBox));
    m_workflows = new QPlainTextEdit(m_policyBox);
    m_workflows->setObjectName(QStringLiteral("highStakesWorkflows"));
    m_workflows->setPlaceholderText(tr("One workflow per line"));
    m_workflows->setTabChangesFocus(true);
    m_workflows->setMaximumHeight(70);
    form->addRow(tr("High-stakes workflows:"), m_workflows);
    m_tools = new QPlainTextEdit(m_policyBox);
    m_tools->setObjectName(QStringLiteral("highStakesTools"));
    m_tools->setPlaceholderText(tr("One tool per line"));
    m_tools->setTabChangesFocus(true);
    m_tools->setMaximumHeight(70);
    form->addRow(tr("High-stakes tools:"), m_tools);
    m_approvals = new QSpinBox(m_policyBox);
    m_approvals->setObjectName(QStringLiteral("approvalsNeeded"));
    m_approvals->setRange(1, 10);
    form->addRow(tr("Approvals needed (high-stakes):"), m_approvals);

    auto *targets = new QWidget(m_policyBox);
    auto *targetsLayout = new QVBoxLayout(targets);
    targetsLayout->setContentsMargins(0, 0, 0, 0);
    m_targets = new QListWidget(targets);
    m_targets->setObjectName(QStringLiteral("publishTargets"));
    m_targets->setMaximumHeight(80);
    auto *row = new QHBoxLayout;
    m_newTarget = new QLineEdit(targets);
    m_newTarget->setObjectName(QStringLiteral("newPublishTarget"));
    m_newTarget->setPlaceholderText(tr("/path/to/AGENTS.md or playbook.json"));
    auto *add = new QPushButton(tr("Add"), targets);
    auto *remove = new QPushButton(tr("Remove"), targets);
    row->addWidget(m_newTarget, 1);
    row->addWidget(add);
    row->addWidget(remove);
    targetsLayout->addWidget(m_targets);
    m_targetStatus = new QLabel(targets);
    m_targetStatus->setObjectName(QStringLiteral("publishTargetStatus"));
    m_targetStatus->setTextFormat(Qt::PlainText);   // paths and error texts are shown as they are
    m_targetStatus->setWordWrap(true);
    targetsLayout->addWidget(m_targetStatus);
    targetsLayout->addLayout(row);
    form->addRow(tr("Publish targets:"), targets);
    form->addRow(explanation(tr("After every approval, revert and rollback the approved playbook is written to each file: JSON for .json; Markdown files (CLAUDE.md, AGENTS.md, GEMINI.md, .github/copilot-instructions.md, .cursor/rules/*.mdc) get a marked block and keep everything else people wrote in them."), m_policyBox));
    m_autoApply = new QCheckBox(tr("Apply low-stakes proposals without review"), m_policyBox);
    m_autoApply->setObjectName(QStringLiteral("autoApply"));
    form->addRow(tr("Auto-apply:"), m_autoApply);
    m_minStrength = new QComboBox(m_policyBox);
    m_minStrength->setObjectName(QStringLiteral("minStrength"));
    m_minStrength->addItem(tr("strong evidence only"), int(StrengthLevel::Strong));
    m_minStrength->addItem(tr("moderate evidence or stronger"), int(StrengthLevel::Moderate));
    m_minStrength->addItem(tr("any evidence, even weak"), int(StrengthLevel::Weak));
    m_minStrength->setCurrentIndex(m_minStrength->findData(int(review::PolicySettings().minStrength)));
    form->addRow(tr("Auto-apply needs:"), m_minStrength);
    form->addRow(explanation(tr("High-stakes proposals always wait for named reviewers, and so do proposals whose "
                                "evidence is weaker than this. Accepting weaker evidence while auto-apply is on "
                                "loosens the policy."),
                             m_policyBox));
    m_policyReason = new QLineEdit(m_policyBox);
    m_policyReason->setObjectName(QStringLiteral("policyReason"));
    m_policyReason->setPlaceholderText(tr("Recorded with the change; required to loosen the policy"));
    form->addRow(tr("Reason for a change:"), m_policyReason);

    connect(add, &QPushButton::clicked, this, &SettingsDialog::addTarget);
    m_newTarget->installEventFilter(this);   // Enter adds the path; it must not save the dialog
    connect(remove, &QPushButton::clicked, this, [this] { delete m_targets->currentItem(); });
    m_policyBox->setEnabled(false);   // until the worker has read the policy
    return m_policyBox;
}

void SettingsDialog::loadValues()
{
    const UserSettings user = UserSettings::load();
    m_reviewer->setText(user.reviewerName);
    m_provider->setCurrentIndex(qMax(0, m_provider->findData(user.llmProvider)));
    m_baseUrl->setText(user.llmBaseUrl);
    m_model->setText(user.llmModel);
    m_keyEnv->setText(user.llmApiKeyEnv);
    m_signingKey->setText(user.signingKey);
    m_watched->clear();
    m_watched->addItems(user.watchedFolders);
    onProviderChanged();
    loadPolicy();
}

bool SettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_newTarget && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addTarget();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::addTarget()
{
    const QString path = m_newTarget->text().trimmed();
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_targets->findItems(absolute, Qt::MatchExactly).isEmpty())
        m_targets->addItem(absolute);
    m_newTarget->clear();
}

void SettingsDialog::onProviderChanged()
{
    const auto provider = llm::providerFromName(m_provider->currentData().toString()).value_or(llm::Provider::Anthropic);
    m_baseUrl->setPlaceholderText(tr("Default: %1").arg(llm::defaultBaseUrl(provider)));
    m_keyEnv->setPlaceholderText(tr("Default: %1").arg(llm::defaultApiKeyEnv(provider)));
}

void SettingsDialog::save()
{
    if (m_saveTag)
        return;   // the policy is still being written
    UserSettings user;
    user.reviewerName = m_reviewer->text();
    user.llmProvider = m_provider->currentData().toString();
    user.llmBaseUrl = m_baseUrl->text();
    user.llmModel = m_model->text();
    user.llmApiKeyEnv = m_keyEnv->text();
    for (int i = 0; i < m_watched->count(); ++i)
        user.watchedFolders << m_watched->item(i)->text();
    user.signingKey = m_signingKey->text().startsWith(QLatin1String("~/"))
                          ? QDir::home().filePath(m_signingKey->text().mid(2))
                          : m_signingKey->text();
    user.save();
    if (!m_policyBox->isEnabled()) {
        Q_EMIT saved();
        accept();
        return;
    }
    savePolicy();
}

SettingsDialog *showSettingsDialog(QWidget *parent, const QString &workspacePath)
{
    auto *dialog = new SettingsDialog(workspacePath, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace reverie::ui
