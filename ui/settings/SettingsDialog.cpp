#include "ui/settings/SettingsDialog.h"

#include "core/llm/LlmConfig.h"
#include "core/review/Ledger.h"
#include "core/review/PolicyChange.h"
#include "core/store/Workspace.h"
#include "ui/settings/TargetStatus.h"
#include "ui/settings/UserSettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
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
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace reverie::ui {

namespace {

QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &l : edit->toPlainText().split(QLatin1Char('\n'))) {
        if (!l.trimmed().isEmpty() && !out.contains(l.trimmed()))
            out << l.trimmed();
    }
    return out;
}

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

// Runs on a worker: changes only the fields this dialog edits, and only where the person
// edited them, through the ledger, so the change is recorded and loosening it is gated.
// Returns an empty string when the change landed, else what stands in its way.
QString writePolicy(const QString &path, const store::PolicySettings &loaded, const store::PolicySettings &edited,
                    const QString &reviewer, const QString &reason)
{
    try {
        store::Workspace::Options options;
        options.create = false;
        store::Workspace ws(path, options);
        store::PolicySettings wanted = loaded;
        wanted.highStakesWorkflows = edited.highStakesWorkflows;
        wanted.highStakesTools = edited.highStakesTools;
        wanted.approvalsNeeded = edited.approvalsNeeded;
        wanted.publishTargets = edited.publishTargets;
        wanted.autoApplyLowStakes = edited.autoApplyLowStakes;
        wanted.minStrength = edited.minStrength;
        const review::PolicyChange change = review::PolicyChange::between(loaded, wanted);
        if (change.isEmpty())
            return QString();
        if (reviewer.trimmed().isEmpty())
            return QCoreApplication::translate("reverie::ui::SettingsDialog",
                                               "Enter your reviewer name: every policy change is recorded with who made it.");
        const review::DecisionResult r = review::Ledger(ws).changePolicy(change, reviewer.trimmed(), reason);
        if (r.outcome == review::DecisionResult::Outcome::AwaitingApprovals)
            return QCoreApplication::translate("reverie::ui::SettingsDialog",
                                               "Not changed yet: loosening the policy needs %n approval(s) from other "
                                               "reviewers; request #%1 waits in the review queue.",
                                               nullptr, r.approvalsNeeded)
                .arg(r.proposal);
        return QString();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}


} // namespace

SettingsDialog::SettingsDialog(store::Workspace *ws, const QString &workspacePath, QWidget *parent)
    : QDialog(parent), m_ws(ws), m_path(workspacePath)
{
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
    connect(&m_saving, &QFutureWatcher<QString>::finished, this, &SettingsDialog::onPolicySaved);
    connect(&m_statusLoad, &QFutureWatcher<QStringList>::finished, this, [this] {
        const QStringList lines = m_statusLoad.result();
        m_targetStatus->setText(lines.join(QLatin1Char('\n')));
        m_targetStatus->setVisible(!lines.isEmpty());
    });
    loadValues();
}

SettingsDialog::~SettingsDialog()
{
    m_saving.disconnect(this);
    m_saving.waitForFinished();   // a few small writes; let them land
    m_statusLoad.disconnect(this);   // a read: it may finish after the dialog, with nobody to tell
}

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
    form->addRow(explanation(m_ws ? tr("Workspace: %1").arg(QFileInfo(m_path).absoluteFilePath())
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
    m_minStrength->setCurrentIndex(m_minStrength->findData(int(store::PolicySettings().minStrength)));
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
    m_policyBox->setEnabled(m_ws && !m_path.isEmpty());
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
    if (!m_ws)
        return;
    try {
        const store::PolicySettings policy = store::Policy(*m_ws).load();
        m_loaded = policy;
        m_workflows->setPlainText(policy.highStakesWorkflows.join(QLatin1Char('\n')));
        m_tools->setPlainText(policy.highStakesTools.join(QLatin1Char('\n')));
        m_approvals->setValue(policy.approvalsNeeded);
        for (const QString &t : policy.publishTargets)
            m_targets->addItem(t);   // list items are plain text
        m_autoApply->setChecked(policy.autoApplyLowStakes);
        m_minStrength->setCurrentIndex(m_minStrength->findData(int(policy.minStrength)));
        m_targetStatus->hide();   // filled in by a worker: the publish log is read off this thread
        m_statusLoad.setFuture(QtConcurrent::run(targetStatusLines, m_path, policy.publishTargets));
    } catch (const std::exception &e) {
        m_policyBox->setEnabled(false);
        m_error->setText(tr("Could not read the workspace policy: %1").arg(QString::fromUtf8(e.what())));
        m_error->show();
    }
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
    if (m_saving.isRunning())
        return;
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
    addTarget();   // a path typed but not yet added is meant to be kept
    store::PolicySettings edited;
    edited.highStakesWorkflows = lines(m_workflows);
    edited.highStakesTools = lines(m_tools);
    edited.approvalsNeeded = m_approvals->value();
    for (int i = 0; i < m_targets->count(); ++i)
        edited.publishTargets << m_targets->item(i)->text();
    edited.autoApplyLowStakes = m_autoApply->isChecked();
    edited.minStrength = static_cast<StrengthLevel>(m_minStrength->currentData().toInt());
    setEnabled(false);
    m_saving.setFuture(QtConcurrent::run(writePolicy, m_path, m_loaded, edited, m_reviewer->text(), m_policyReason->text()));
}

void SettingsDialog::onPolicySaved()
{
    setEnabled(true);
    const QString error = m_saving.result();
    if (!error.isEmpty()) {
        m_error->setText(tr("The workspace policy was not saved: %1").arg(error));
        m_error->show();
        Q_EMIT saveFailed(error);
        return;
    }
    Q_EMIT saved();
    accept();
}

SettingsDialog *showSettingsDialog(QWidget *parent, store::Workspace *ws, const QString &workspacePath)
{
    auto *dialog = new SettingsDialog(ws, workspacePath.isEmpty() && ws ? ws->path() : workspacePath, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

} // namespace reverie::ui
