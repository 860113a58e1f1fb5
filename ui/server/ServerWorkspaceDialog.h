#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace reverie::ui {

// "Open Server Workspace…": an address, postgresql://user@host:port/database, typed or picked
// from the ones opened before. Passwords are never asked for or kept: libpq reads them from
// PGPASSWORD or ~/.pgpass, and an address with one in it is refused before anything connects.
class ServerWorkspaceDialog : public QDialog {
    Q_OBJECT
public:
    explicit ServerWorkspaceDialog(QWidget *parent = nullptr);

    QString address() const;
    // Adds an address to the saved ones (most recent first), as opened successfully.
    static void remember(const QString &address);
    static QStringList saved();

private:
    void validate();
    void forgetSelected();

    QListWidget *m_saved = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_open = nullptr;
};

} // namespace reverie::ui
