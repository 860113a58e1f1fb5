#include "ui/common/ShortcutHelpDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QKeySequence>
#include <QLabel>
#include <QVBoxLayout>

namespace reverie::ui {

ShortcutHelpDialog::ShortcutHelpDialog(const QString &title, const QList<Row> &rows, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutHelp"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    int row = 0;
    for (const Row &r : rows) {
        auto *key = new QLabel(r.first, this);
        key->setTextFormat(Qt::PlainText);
        QFont bold = key->font();
        bold.setBold(true);
        key->setFont(bold);
        auto *what = new QLabel(r.second, this);
        what->setTextFormat(Qt::PlainText);
        grid->addWidget(key, row, 0, Qt::AlignRight | Qt::AlignTop);
        grid->addWidget(what, row, 1, Qt::AlignLeft | Qt::AlignTop);
        ++row;
    }
    layout->addLayout(grid);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QList<ShortcutHelpDialog::Row> ShortcutHelpDialog::rowsFor(const QList<QAction *> &actions)
{
    QList<Row> rows;
    for (QAction *a : actions) {
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts()) {
            const QKeyCombination c = k[0];
            if ((c.keyboardModifiers() & Qt::KeypadModifier)
                || (c.key() == Qt::Key_Question && (c.keyboardModifiers() & Qt::ShiftModifier)))
                continue;
            keys << k.toString(QKeySequence::NativeText);
        }
        rows.append({keys.join(QStringLiteral(" / ")), a->text()});
    }
    return rows;
}

} // namespace reverie::ui
