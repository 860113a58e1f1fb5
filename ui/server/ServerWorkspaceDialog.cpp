#include "ui/server/ServerWorkspaceDialog.h"

#include "core/store/pg/PgConnection.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace reverie::ui {

namespace {
const QString kSavedKey = QStringLiteral("server/connections");
constexpr int kMaxSaved = 12;
} // namespace

ServerWorkspaceDialog::ServerWorkspaceDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Open Server Workspace"));
    setObjectName(QStringLiteral("serverWorkspaceDialog"));
    auto *layout = new QVBoxLayout(this);

    auto *savedLabel = new QLabel(tr("&Opened before:"), this);
    m_saved = new QListWidget(this);
    m_saved->setObjectName(QStringLiteral("savedConnections"));
    m_saved->addItems(saved());
    savedLabel->setBuddy(m_saved);
    auto *forget = new QPushButton(tr("&Forget"), this);
    forget->setObjectName(QStringLiteral("forgetConnection"));

    auto *addressLabel = new QLabel(tr("&Address:"), this);
    m_address = new QLineEdit(this);
    m_address->setObjectName(QStringLiteral("serverAddress"));
    m_address->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/database"));
    addressLabel->setBuddy(m_address);
    auto *hint = new QLabel(tr("The password comes from PGPASSWORD or ~/.pgpass and is never stored by Reverie."), this);
    hint->setWordWrap(true);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("addressProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_open = buttons->button(QDialogButtonBox::Open);
    layout->addWidget(savedLabel);
    layout->addWidget(m_saved);
    layout->addWidget(forget, 0, Qt::AlignRight);
    layout->addWidget(addressLabel);
    layout->addWidget(m_address);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_saved, &QListWidget::currentTextChanged, m_address, &QLineEdit::setText);
    connect(m_saved, &QListWidget::itemActivated, this, [this] {
        if (m_open->isEnabled())
            accept();
    });
    connect(forget, &QPushButton::clicked, this, &ServerWorkspaceDialog::forgetSelected);
    connect(m_address, &QLineEdit::textChanged, this, &ServerWorkspaceDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_saved->count() > 0)
        m_saved->setCurrentRow(0);
    validate();
    m_address->setFocus();
}

QString ServerWorkspaceDialog::address() const { return m_address->text().trimmed(); }

void ServerWorkspaceDialog::validate()
{
    QString problem;
    if (address().isEmpty()) {
        problem = QString();
    } else {
        try {
            pg::Address::parse(address());
        } catch (const reverie::Error &e) {
            problem = e.message();   // never repeats a password
        }
    }
    m_problem->setText(problem);
    m_open->setEnabled(!address().isEmpty() && problem.isEmpty());
}

void ServerWorkspaceDialog::forgetSelected()
{
    const QListWidgetItem *item = m_saved->currentItem();
    if (!item)
        return;
    QStringList all = saved();
    all.removeAll(item->text());
    QSettings().setValue(kSavedKey, all);
    delete m_saved->takeItem(m_saved->currentRow());
}

void ServerWorkspaceDialog::remember(const QString &address)
{
    QStringList all = saved();
    all.removeAll(address);
    all.prepend(address);
    while (all.size() > kMaxSaved)
        all.removeLast();
    QSettings().setValue(kSavedKey, all);
}

QStringList ServerWorkspaceDialog::saved() { return QSettings().value(kSavedKey).toStringList(); }

} // namespace reverie::ui
