#include "ui/dreams/DreamLauncher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
const QDate kAnyDate(2000, 1, 1);

void refill(QComboBox *combo, const QString &all, const QStringList &items)
{
    const QString current = combo->currentIndex() > 0 ? combo->currentText() : QString();
    combo->clear();
    combo->addItem(all);
    combo->addItems(items);
    combo->setCurrentIndex(std::max(0, current.isEmpty() ? 0 : int(combo->findText(current))));
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}
} // namespace

DreamLauncher::DreamLauncher(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dreamLauncher"));
    m_engine = new QComboBox(this);
    m_engine->setObjectName(QStringLiteral("dreamEngine"));
    m_engine->addItem(tr("Offline miner (deterministic, no network)"), QStringLiteral("offline"));
    m_engine->addItem(tr("LLM reflector: Anthropic"), QStringLiteral("anthropic"));
    m_engine->addItem(tr("LLM reflector: OpenAI-compatible"), QStringLiteral("openai"));
    m_llmModel = new QLineEdit(this);
    m_llmModel->setObjectName(QStringLiteral("dreamLlmModel"));
    m_llmModel->setPlaceholderText(tr("model name"));
    m_llmUrl = new QLineEdit(this);
    m_llmUrl->setObjectName(QStringLiteral("dreamLlmUrl"));
    m_llmUrl->setPlaceholderText(llm::defaultBaseUrl(llm::Provider::OpenAi));
    m_llmHint = new QLabel(this);
    m_llmHint->setWordWrap(true);
    m_llmHint->setForegroundRole(QPalette::PlaceholderText);

    m_workflow = new QComboBox(this);
    m_workflow->setObjectName(QStringLiteral("dreamWorkflow"));
    m_since = new QDateEdit(this);
    m_since->setObjectName(QStringLiteral("dreamSince"));
    m_since->setCalendarPopup(true);
    m_since->setMinimumDate(kAnyDate);
    m_since->setSpecialValueText(tr("any time"));
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_since->setDate(kAnyDate);
    m_verdict = new QComboBox(this);
    m_verdict->setObjectName(QStringLiteral("dreamVerdict"));
    m_verdict->addItem(tr("Any verdict"), -1);
    m_verdict->addItem(tr("Failed runs"), int(Verdict::Failure));
    m_verdict->addItem(tr("Successful runs"), int(Verdict::Success));
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("dreamModel"));
    m_notYetDreamed = new QCheckBox(tr("Only runs &not dreamed over yet"), this);
    m_notYetDreamed->setObjectName(QStringLiteral("dreamNotYetDreamed"));
    setChoices({}, {});

    m_start = new QPushButton(tr("&Start Dream Pass"), this);
    m_start->setObjectName(QStringLiteral("startDream"));
    m_start->setToolTip(tr("Start (Ctrl+Return)"));
    m_start->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelDream"));
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("dreamProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_stage = new QLabel(this);
    m_stage->setObjectName(QStringLiteral("dreamStage"));
    m_stage->setTextFormat(Qt::PlainText);
    m_stage->setWordWrap(true);

    auto *engineForm = new QFormLayout;
    engineForm->addRow(tr("&Engine:"), m_engine);
    engineForm->addRow(tr("LLM &model:"), m_llmModel);
    engineForm->addRow(tr("Server &URL:"), m_llmUrl);
    engineForm->addRow(QString(), m_llmHint);
    auto *selectionForm = new QFormLayout;
    selectionForm->addRow(tr("&Workflow:"), m_workflow);
    selectionForm->addRow(tr("Started &since:"), m_since);
    selectionForm->addRow(tr("&Verdict:"), m_verdict);
    selectionForm->addRow(tr("Agent m&odel:"), m_model);
    selectionForm->addRow(QString(), m_notYetDreamed);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start, 1);
    buttons->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading(tr("New dream pass"), this));
    layout->addLayout(engineForm);
    layout->addSpacing(6);
    layout->addWidget(heading(tr("Learn from"), this));
    layout->addLayout(selectionForm);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_stage);
    layout->addStretch(1);

    connect(m_engine, &QComboBox::currentIndexChanged, this, &DreamLauncher::updateEngineFields);
    connect(m_start, &QPushButton::clicked, this, &DreamLauncher::startRequested);
    connect(m_cancel, &QPushButton::clicked, this, &DreamLauncher::cancelRequested);
    setFocusProxy(m_engine);
    updateEngineFields();
    setProgress(0, tr("Idle"));
}

void DreamLauncher::setChoices(const QStringList &workflows, const QStringList &models)
{
    refill(m_workflow, tr("All workflows"), workflows);
    refill(m_model, tr("All models"), models);
}

void DreamLauncher::updateEngineFields()
{
    const QString engine = m_engine->currentData().toString();
    const bool llm = engine != QLatin1String("offline");
    m_llmModel->setEnabled(llm);
    m_llmUrl->setEnabled(engine == QLatin1String("openai"));
    m_llmHint->setVisible(llm);
    if (engine == QLatin1String("anthropic"))
        m_llmHint->setText(tr("Reads the key from ANTHROPIC_API_KEY."));
    else if (engine == QLatin1String("openai"))
        m_llmHint->setText(tr("Reads the key from OPENAI_API_KEY. Local servers (Ollama, llama.cpp, vLLM) work too."));
}

dream::DreamRequest DreamLauncher::request(const QString &workspacePath) const
{
    dream::DreamRequest r;
    r.workspacePath = workspacePath;
    r.engine = m_engine->currentData().toString();
    if (r.engine != QLatin1String("offline")) {
        r.llm.provider = r.engine == QLatin1String("openai") ? llm::Provider::OpenAi : llm::Provider::Anthropic;
        r.llm.model = m_llmModel->text().trimmed();
        if (r.llm.provider == llm::Provider::OpenAi)
            r.llm.baseUrl = m_llmUrl->text().trimmed();
    }
    dream::DreamSelection &s = r.selection;
    s.workflow = m_workflow->currentIndex() > 0 ? m_workflow->currentText() : QString();
    s.model = m_model->currentIndex() > 0 ? m_model->currentText() : QString();
    if (m_since->date() > kAnyDate)
        s.sinceMs = m_since->date().startOfDay().toMSecsSinceEpoch();
    const int verdict = m_verdict->currentData().toInt();
    if (verdict >= 0)
        s.verdict = static_cast<Verdict>(verdict);
    s.notYetDreamed = m_notYetDreamed->isChecked();
    return r;
}

void DreamLauncher::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    if (running)
        setProgress(0, tr("Starting…"));
}

void DreamLauncher::setProgress(int percent, const QString &stage)
{
    m_progress->setValue(percent);
    m_stage->setText(stage);
}

void DreamLauncher::setMessage(const QString &text) { m_stage->setText(text); }

} // namespace reverie::ui
